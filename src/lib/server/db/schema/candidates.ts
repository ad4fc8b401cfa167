// The nominations of a campaign and what comes with them: attachments, accepted issues and
// uploads waiting for confirmation.
import { sqliteTable, text, integer, blob, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CandidateRecord } from '../../../domain/types';
import type { ManualRedactions } from '../../services/candidate-edit';
import { campaigns, users } from './accounts';

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
 * A counter per campaign of every change to what the eligibility check reads: its candidates, their
 * attachments and the accepted warnings. Kept by triggers (migration intake_versions), so it moves
 * in the same transaction as the change, whoever writes and from whichever process; the check and
 * the candidate lists keep their computed report under it (services/check-cache.ts). No foreign
 * key: a campaign's deletion deletes its candidates, whose triggers would write here again.
 */
export const intakeVersions = sqliteTable('intake_versions', {
	campaignId: text('campaign_id').primaryKey(),
	version: integer('version').notNull()
});
