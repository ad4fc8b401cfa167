// The experts of a campaign and who reviews what: roster, panels, conflicts, assignments, the
// shared expert pool and the random panel draws.
import { sqliteTable, text, integer, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns, users } from './accounts';
import { candidates } from './candidates';

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
		index('conflicts_expert_idx').on(t.expertId),
		// the 回避 page's counts and pages (issue 16): one grouped scan of this index, no table reads.
		// Not the candidate: an index covering (expert, candidate) lookups too would tempt the planner
		// to scan it by campaign alone instead of probing conflicts_pair_kind_uq.
		index('conflicts_listing_idx').on(t.campaignId, t.status, t.expertId, t.kind, t.severity, t.source)
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
