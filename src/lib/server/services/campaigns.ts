// Campaigns and memberships.
import { asc, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns, memberships } from '../db/schema';
import type { CampaignConfig, Role } from '../../domain/types';

export interface CampaignSummary {
	id: string;
	name: string;
	role: Role;
	status: string;
}

export async function campaignsOfUser(db: DB, userId: string): Promise<CampaignSummary[]> {
	const rows = await db
		.select({ id: campaigns.id, name: campaigns.name, status: campaigns.status, role: memberships.role })
		.from(memberships)
		.innerJoin(campaigns, eq(campaigns.id, memberships.campaignId))
		.where(eq(memberships.userId, userId))
		.orderBy(asc(campaigns.createdAt), asc(campaigns.id));
	return rows.map((r) => ({ ...r, role: r.role }));
}

export async function getCampaign(db: DB, id: string) {
	return (await db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1))[0] ?? null;
}

export function configOf(c: { config: CampaignConfig }): CampaignConfig {
	return c.config;
}

export const STATUS_LABELS: Record<string, string> = {
	setup: '准备中',
	review: '评审中',
	selection: '遴选中',
	published: '已公示'
};

import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import { lockRefusal } from './locks';
import { presetConfig, getPreset } from '../../domain/notice/presets';
import { validateConfig, type ConfigError } from '../../domain/notice/config';
import { stampTargets } from '../../domain/selection/balance-targets';

/** Creates a campaign from a preset; the creator becomes its organizer. */
export async function createCampaign(
	db: DB,
	actor: Actor,
	input: { presetId: string; name?: string }
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
	const preset = getPreset(input.presetId);
	if (!preset) return { ok: false, message: `未知的活动预设“${input.presetId}”` };
	const config = presetConfig(input.presetId);
	const name = (input.name ?? '').trim() || preset.name;
	if (name.length > 200) return { ok: false, message: '活动名称过长（最多 200 个字符）' };
	const id = newId('c_');
	await db.transaction(async (tx) => {
		const now = Date.now();
		await tx
			.insert(campaigns)
			.values({ id, name, presetId: input.presetId, status: 'setup', config, createdAt: now, createdBy: actor.id });
		if (actor.id)
			await tx.insert(memberships).values({ campaignId: id, userId: actor.id, role: 'organizer', createdAt: now });
		await audit(tx, actor, {
			campaignId: id,
			action: 'campaign.create',
			entity: 'campaign',
			entityId: id,
			after: { name, presetId: input.presetId }
		});
	});
	return { ok: true, id };
}

/** Replaces the configuration after validation; audited with before and after. */
export async function updateCampaignConfig(
	db: DB,
	actor: Actor,
	campaignId: string,
	next: CampaignConfig,
	name?: string
): Promise<{ ok: true } | { ok: false; errors: ConfigError[] }> {
	const errors = validateConfig(next);
	if (errors.length) return { ok: false, errors };
	const locked = await lockRefusal(db, campaignId, '修改活动设置');
	if (locked) return { ok: false, errors: [{ path: '', message: locked }] };
	await db.transaction(async (tx) => {
		const before = (await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
		// a target added or changed here is the office's: who and when (balance-targets.ts)
		next = {
			...next,
			targets: stampTargets(
				(before?.config as CampaignConfig | undefined)?.targets ?? [],
				next.targets,
				actor.name,
				Date.now()
			)
		};
		await tx
			.update(campaigns)
			.set({ config: next, ...(name ? { name } : {}) })
			.where(eq(campaigns.id, campaignId));
		await audit(tx, actor, {
			campaignId,
			action: 'campaign.update',
			entity: 'campaign',
			entityId: campaignId,
			before: { name: before?.name, config: before?.config },
			after: { name: name ?? before?.name, config: next }
		});
	});
	return { ok: true };
}
