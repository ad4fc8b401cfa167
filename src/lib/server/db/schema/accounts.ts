// Accounts, campaigns and who may enter them: users, sessions, memberships, invitations, the
// login throttle and the audit log.
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CampaignConfig } from '../../../domain/types';

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
