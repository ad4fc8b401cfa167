// The review itself: rounds, the candidates in them, sheets with their history, the chair's notes
// and the selection runs.
import { sqliteTable, text, integer, real, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { RubricCriterion } from '../../../domain/types';
import type { SelectionInput, SelectionOutcome } from '../../services/selection-solve';
import { campaigns } from './accounts';
import { candidates } from './candidates';
import { experts } from './experts';

/** 评审轮次: ordered rounds of a campaign, each scored by rubric or voted. */
export const rounds = sqliteTable(
	'rounds',
	{
		id: text('id').primaryKey(),
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		seq: integer('seq').notNull(),
		name: text('name').notNull(),
		type: text('type', { enum: ['score', 'vote'] }).notNull(),
		state: text('state', { enum: ['draft', 'open', 'closed'] }).notNull(),
		/** who reviews: the published assignment, every expert of the candidate's panel, or every expert */
		reviewers: text('reviewers', { enum: ['assigned', 'panel', 'all'] }).notNull(),
		/** RubricCriterion[] for score rounds */
		rubric: text('rubric', { mode: 'json' }).$type<RubricCriterion[]>(),
		/** {num, den} for vote rounds, e.g. two thirds */
		threshold: text('threshold', { mode: 'json' }).$type<{ num: number; den: number }>(),
		aggregation: text('aggregation', { enum: ['mean', 'trimmedMean', 'median', 'calibrated'] }).notNull(),
		deadline: text('deadline'),
		/** score rounds: sheets each dossier should rest on; the ranking flags those below it */
		requiredSheets: integer('required_sheets'),
		/** vote rounds: at most this many 赞成 per expert (限额投票), null for no cap */
		maxYes: integer('max_yes'),
		createdAt: integer('created_at').notNull(),
		openedAt: integer('opened_at'),
		closedAt: integer('closed_at')
	},
	(t) => [uniqueIndex('rounds_seq_uq').on(t.campaignId, t.seq)]
);

/** The candidates in a round: all for the first, those advanced (with how and why) for later ones. */
export const roundCandidates = sqliteTable(
	'round_candidates',
	{
		roundId: text('round_id')
			.notNull()
			.references(() => rounds.id, { onDelete: 'cascade' }),
		candidateId: text('candidate_id')
			.notNull()
			.references(() => candidates.id, { onDelete: 'cascade' }),
		how: text('how').notNull(),
		reason: text('reason'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.roundId, t.candidateId] })]
);

/**
 * One expert's sheet on one dossier in one round. `version` increases with every save: a save
 * names the version it saw, so a stale tab cannot overwrite a newer save.
 */
export const sheets = sqliteTable(
	'sheets',
	{
		id: text('id').primaryKey(),
		roundId: text('round_id')
			.notNull()
			.references(() => rounds.id, { onDelete: 'cascade' }),
		expertId: text('expert_id')
			.notNull()
			.references(() => experts.id, { onDelete: 'cascade' }),
		candidateId: text('candidate_id')
			.notNull()
			.references(() => candidates.id, { onDelete: 'cascade' }),
		status: text('status', { enum: ['draft', 'submitted', 'withdrawn'] }).notNull(),
		/** criterion key → points (score) or {choice} (vote) */
		values: text('values', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		total: real('total'),
		choice: text('choice', { enum: ['yes', 'no', 'abstain'] }),
		comment: text('comment'),
		version: integer('version').notNull(),
		/** set when the chair reopened a submitted sheet for a rescore */
		rescoreRequested: text('rescore_requested'),
		/** who asked for the rescore, with their role, e.g. “评审组长 王某” */
		rescoreBy: text('rescore_by'),
		updatedAt: integer('updated_at').notNull(),
		submittedAt: integer('submitted_at')
	},
	(t) => [
		uniqueIndex('sheets_uq').on(t.roundId, t.expertId, t.candidateId),
		index('sheets_round_idx').on(t.roundId, t.candidateId)
	]
);

/** Every submitted (and withdrawn) version of a sheet, so that a rescore keeps both. */
export const sheetHistory = sqliteTable(
	'sheet_history',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		sheetId: text('sheet_id')
			.notNull()
			.references(() => sheets.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		status: text('status').notNull(),
		values: text('values', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		total: real('total'),
		choice: text('choice'),
		comment: text('comment'),
		at: integer('at').notNull(),
		by: text('by')
	},
	(t) => [index('sheet_history_sheet_idx').on(t.sheetId)]
);

/** The chair's notes per candidate and round. */
export const candidateNotes = sqliteTable('candidate_notes', {
	id: text('id').primaryKey(),
	roundId: text('round_id')
		.notNull()
		.references(() => rounds.id, { onDelete: 'cascade' }),
	candidateId: text('candidate_id')
		.notNull()
		.references(() => candidates.id, { onDelete: 'cascade' }),
	note: text('note').notNull(),
	by: text('by').notNull(),
	at: integer('at').notNull()
});

/** A selection run: the exact input (with its hash) and the result; 'locked' once the organizer fixes it. */
export const selections = sqliteTable(
	'selections',
	{
		id: text('id').primaryKey(),
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		roundId: text('round_id').references(() => rounds.id, { onDelete: 'set null' }),
		inputHash: text('input_hash').notNull(),
		input: text('input', { mode: 'json' }).$type<SelectionInput>().notNull(),
		result: text('result', { mode: 'json' }).$type<SelectionOutcome>().notNull(),
		state: text('state', { enum: ['draft', 'locked'] }).notNull(),
		createdAt: integer('created_at').notNull(),
		createdBy: text('created_by'),
		lockedAt: integer('locked_at'),
		lockedBy: text('locked_by'),
		/** 公示 start date chosen by the organizer (YYYY-MM-DD) */
		noticeStart: text('notice_start'),
		/** the 公示's contact line (联系人、电话、邮箱), saved with the start date */
		noticeContact: text('notice_contact'),
		/** days the office adds to the official calendar: { closed: [YYYY-MM-DD], open: [YYYY-MM-DD] } */
		noticeDates: text('notice_dates', { mode: 'json' }).$type<{ closed: string[]; open: string[] }>()
	},
	(t) => [index('selections_campaign_idx').on(t.campaignId, t.createdAt)]
);

/**
 * A version per campaign and per round, raised by triggers (migration 0014) in the same transaction
 * as every write to what a round's results read: sheets, the round and its candidates, notes (round
 * scope); candidates, experts, panels, members, assignments, conflicts (campaign scope). The memo of
 * round results (services/results-cache.ts) is keyed by these two numbers, read on every request.
 */
export const resultsVersions = sqliteTable('results_versions', {
	/** a campaign id or a round id */
	scope: text('scope').primaryKey(),
	v: integer('v').notNull()
});
