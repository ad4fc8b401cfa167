// Drizzle schema. One table per concept; JSON columns hold structured documents
// (campaign configuration, audit before/after) that are read and written whole.
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, blob, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
// The documents the JSON columns hold (types only: `$type` needs no migration).
import type { CampaignConfig, CandidateRecord, RubricCriterion } from '../../domain/types';
import type { ManualRedactions } from '../services/candidate-edit';
import type { SelectionInput, SelectionOutcome } from '../services/selection';

export const users = sqliteTable(
	'users',
	{
		id: text('id').primaryKey(),
		username: text('username').notNull(),
		displayName: text('display_name').notNull(),
		/** null until an invited user sets a password */
		passwordHash: text('password_hash'),
		/** staff of a campaign office may create campaigns */
		canCreateCampaigns: integer('can_create_campaigns', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at').notNull(),
		passwordChangedAt: integer('password_changed_at')
	},
	(t) => [uniqueIndex('users_username_uq').on(t.username)]
);

export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		/** SHA-256 of the token's secret part; the token itself is never stored */
		secretHash: text('secret_hash').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const campaigns = sqliteTable('campaigns', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	presetId: text('preset_id'),
	/** setup → review → selection → published */
	status: text('status').notNull().default('setup'),
	/** CampaignConfig as JSON (src/lib/domain/types.ts) */
	config: text('config', { mode: 'json' }).$type<CampaignConfig>().notNull(),
	createdAt: integer('created_at').notNull(),
	createdBy: text('created_by').references(() => users.id)
});

export const memberships = sqliteTable(
	'memberships',
	{
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['organizer', 'chair', 'expert', 'observer'] }).notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.campaignId, t.userId] }), index('memberships_user_idx').on(t.userId)]
);

export const invitations = sqliteTable('invitations', {
	/** SHA-256 of the one-time token */
	tokenHash: text('token_hash').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	campaignId: text('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
	createdBy: text('created_by').references(() => users.id),
	createdAt: integer('created_at').notNull(),
	expiresAt: integer('expires_at').notNull(),
	usedAt: integer('used_at'),
	/** set when another link of the same user was used: an older link never works afterwards */
	revokedAt: integer('revoked_at')
});

/**
 * Login throttling, kept in the database so that every app process sees it. One row per
 * account-and-address pair and one per address; an attempt is counted here (atomically) before its
 * password is verified, and `nextAt` is when the key may next have an attempt evaluated.
 */
export const loginThrottle = sqliteTable(
	'login_throttle',
	{
		key: text('key').primaryKey(),
		failures: integer('failures').notNull(),
		lastAt: integer('last_at').notNull(),
		nextAt: integer('next_at').notNull()
	},
	(t) => [index('login_throttle_last_idx').on(t.lastAt)]
);

export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at').notNull(),
		actorId: text('actor_id'),
		/** username at the time, so the log stays readable if the account changes */
		actorName: text('actor_name'),
		campaignId: text('campaign_id'),
		action: text('action').notNull(),
		entity: text('entity'),
		entityId: text('entity_id'),
		before: text('before', { mode: 'json' }),
		after: text('after', { mode: 'json' }),
		reason: text('reason'),
		/**
		 * Hash chain (src/lib/server/audit.ts): position in the chain of the campaign (global entries,
		 * campaign null, form their own chain), SHA-256 of the previous entry and of this one.
		 */
		seq: integer('seq'),
		prevHash: text('prev_hash'),
		hash: text('hash')
	},
	(t) => [
		index('audit_campaign_idx').on(t.campaignId, t.at),
		// Two writers can never both chain onto the same entry: the second insert of a position fails.
		uniqueIndex('audit_chain_seq_uq').on(sql`coalesce(${t.campaignId}, '')`, t.seq)
	]
);

/** One nomination (推荐表). The full record is JSON; the columns are what lists filter and join on. */
export const candidates = sqliteTable(
	'candidates',
	{
		id: text('id').primaryKey(),
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		/** 推荐单位 + 姓名 + 出生年月 (day included); which row an import updates: domain/intake/match.ts */
		dedupKey: text('dedup_key').notNull(),
		name: text('name').notNull(),
		gender: text('gender').notNull(),
		birth: text('birth').notNull(),
		channel: text('channel').notNull(),
		field: text('field'),
		/** stable anonymous code shown to experts, e.g. 前沿-07 */
		reviewCode: text('review_code'),
		record: text('record', { mode: 'json' }).$type<CandidateRecord>().notNull(),
		/** organizer's manual redaction overrides {add: string[], remove: string[]} */
		redactions: text('redactions', { mode: 'json' }).$type<ManualRedactions>(),
		seq: integer('seq').notNull(),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull(),
		/** 不予受理: the office withdrew the nomination (who, when, why); null while it stands */
		withdrawnAt: integer('withdrawn_at'),
		withdrawnBy: text('withdrawn_by'),
		withdrawnReason: text('withdrawn_reason')
	},
	(t) => [
		uniqueIndex('candidates_dedup_uq').on(t.campaignId, t.dedupKey),
		uniqueIndex('candidates_code_uq').on(t.campaignId, t.reviewCode),
		index('candidates_campaign_idx').on(t.campaignId, t.seq)
	]
);

/** Photos and attachments: the bytes live on disk under LAUREL_FILES, metadata and checksum here. */
export const attachments = sqliteTable('attachments', {
	id: text('id').primaryKey(),
	candidateId: text('candidate_id')
		.notNull()
		.references(() => candidates.id, { onDelete: 'cascade' }),
	kind: text('kind', { enum: ['portrait', 'work_photo', 'document', 'video'] }).notNull(),
	filename: text('filename').notNull(),
	mime: text('mime').notNull(),
	size: integer('size').notNull(),
	sha256: text('sha256').notNull(),
	storagePath: text('storage_path').notNull(),
	createdAt: integer('created_at').notNull()
});

/**
 * A check warning the office accepted for one candidate (e.g. PRIOR_TITLE “原则上不再推荐”), with
 * its reason; one per candidate and issue code. Written with an audit entry.
 */
export const issueAcceptances = sqliteTable(
	'issue_acceptances',
	{
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		candidateId: text('candidate_id')
			.notNull()
			.references(() => candidates.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		reason: text('reason').notNull(),
		userId: text('user_id').notNull(),
		userName: text('user_name').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.candidateId, t.code] }), index('issue_acceptances_campaign_idx').on(t.campaignId)]
);

/** The expert roster of a campaign (评审专家库). An expert may have a login (userId). */
export const experts = sqliteTable(
	'experts',
	{
		id: text('id').primaryKey(),
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		name: text('name').notNull(),
		unit: text('unit').notNull(),
		formerUnits: text('former_units', { mode: 'json' }).$type<string[]>().notNull(),
		school: text('school'),
		title: text('title'),
		fields: text('fields', { mode: 'json' }).$type<string[]>().notNull(),
		phone: text('phone'),
		email: text('email'),
		maxLoad: integer('max_load'),
		/** declared ties, entered by the expert on first login */
		declaredUnits: text('declared_units', { mode: 'json' }).$type<string[]>(),
		declaredPeople: text('declared_people', { mode: 'json' }).$type<string[]>(),
		declaredAt: integer('declared_at'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('experts_campaign_idx').on(t.campaignId), uniqueIndex('experts_user_uq').on(t.campaignId, t.userId)]
);

/** 评审组: the experts of one field or group, with a chair. */
export const panels = sqliteTable('panels', {
	id: text('id').primaryKey(),
	campaignId: text('campaign_id')
		.notNull()
		.references(() => campaigns.id, { onDelete: 'cascade' }),
	name: text('name').notNull(),
	field: text('field').notNull(),
	chairUserId: text('chair_user_id').references(() => users.id, { onDelete: 'set null' }),
	createdAt: integer('created_at').notNull()
});

export const panelMembers = sqliteTable(
	'panel_members',
	{
		panelId: text('panel_id')
			.notNull()
			.references(() => panels.id, { onDelete: 'cascade' }),
		expertId: text('expert_id')
			.notNull()
			.references(() => experts.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.panelId, t.expertId] })]
);

/** An uploaded nomination file between preview and confirmation (no state in process memory). */
export const pendingImports = sqliteTable('pending_imports', {
	id: text('id').primaryKey(),
	campaignId: text('campaign_id')
		.notNull()
		.references(() => campaigns.id, { onDelete: 'cascade' }),
	userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
	filename: text('filename').notNull(),
	bytes: blob('bytes', { mode: 'buffer' }).notNull(),
	sha256: text('sha256').notNull(),
	createdAt: integer('created_at').notNull()
});

/**
 * A tie between an expert and a candidate. Detected ones start as 'pending' and block the pair
 * (a 'warning' such as the same school blocks only once confirmed); dismissed ones stay recorded.
 */
export const conflicts = sqliteTable(
	'conflicts',
	{
		id: text('id').primaryKey(),
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		expertId: text('expert_id')
			.notNull()
			.references(() => experts.id, { onDelete: 'cascade' }),
		candidateId: text('candidate_id')
			.notNull()
			.references(() => candidates.id, { onDelete: 'cascade' }),
		/** same_unit | former_unit | nominating_body | same_school | declared_unit | declared_person | organizer | recusal */
		kind: text('kind').notNull(),
		severity: text('severity', { enum: ['conflict', 'warning'] }).notNull(),
		source: text('source', { enum: ['detected', 'declared', 'organizer', 'recusal'] }).notNull(),
		reason: text('reason').notNull(),
		status: text('status', { enum: ['pending', 'confirmed', 'dismissed'] }).notNull(),
		decidedBy: text('decided_by'),
		decidedAt: integer('decided_at'),
		decisionReason: text('decision_reason'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		uniqueIndex('conflicts_pair_kind_uq').on(t.campaignId, t.expertId, t.candidateId, t.kind),
		index('conflicts_expert_idx').on(t.expertId)
	]
);

/** Who reviews which dossier. 'draft' until the chair publishes; published rows are what experts see. */
export const assignments = sqliteTable(
	'assignments',
	{
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		expertId: text('expert_id')
			.notNull()
			.references(() => experts.id, { onDelete: 'cascade' }),
		candidateId: text('candidate_id')
			.notNull()
			.references(() => candidates.id, { onDelete: 'cascade' }),
		state: text('state', { enum: ['draft', 'published'] }).notNull(),
		source: text('source', { enum: ['auto', 'manual', 'panel'] }).notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.campaignId, t.expertId, t.candidateId] }),
		index('assignments_candidate_idx').on(t.candidateId)
	]
);

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
 * 专家库: the office's expert pool across campaigns (issue 15), from which panels are drawn at
 * random. Not tied to a campaign; one row per person (name + unit).
 */
export const expertPool = sqliteTable(
	'expert_pool',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		unit: text('unit').notNull(),
		formerUnits: text('former_units', { mode: 'json' }).$type<string[]>().notNull(),
		school: text('school'),
		title: text('title'),
		fields: text('fields', { mode: 'json' }).$type<string[]>().notNull(),
		region: text('region'),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [uniqueIndex('expert_pool_person_uq').on(t.name, t.unit)]
);

/**
 * One random panel draw (随机抽取专家): the exact input (pool snapshot, exclusions, panel request),
 * the public seed and the result, so the draw can be replayed and checked at any time.
 */
export const panelDraws = sqliteTable(
	'panel_draws',
	{
		id: text('id').primaryKey(),
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		field: text('field').notNull(),
		seed: text('seed').notNull(),
		poolHash: text('pool_hash').notNull(),
		/** The `draw --in` instance (CONTRACTS.md "Panel draw") without the seed. */
		input: text('input', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		result: text('result', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		createdBy: text('created_by').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('panel_draws_campaign_idx').on(t.campaignId)]
);
