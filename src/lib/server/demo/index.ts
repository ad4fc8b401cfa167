// The demo campaign: a Guangxi-2024-like campaign with synthetic but realistic people.
// Idempotent: a second call finds the campaign and only reports the accounts.
import { eq, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns, experts, memberships, panelMembers, panels } from '../db/schema';
import { audit, SYSTEM } from '../audit';
import { insertUser, newId, findUserByUsername } from '../services/accounts';
import { presetConfig } from '../../domain/notice/presets';
import { generateCandidates, generateExperts } from './synthetic';
import { FIELDS, type BalanceTarget, type CampaignConfig, type Role } from '../../domain/types';
import { insertCandidates } from '../services/candidates';
import { refreshDetectedConflicts } from '../services/conflicts';
import { startDemoReview } from './review';

export const DEMO_CAMPAIGN_ID = 'demo-gx2024';
const DEMO_PASSWORD = 'laurel-demo';
const DEMO_SEED = 2024;

export interface DemoAccount {
	username: string;
	password: string;
	role: Role;
}

export function demoAccounts(prefix = ''): DemoAccount[] {
	const list: DemoAccount[] = [
		{ username: `${prefix}organizer`, password: DEMO_PASSWORD, role: 'organizer' },
		{ username: `${prefix}chair`, password: DEMO_PASSWORD, role: 'chair' }
	];
	for (let i = 1; i <= 15; i++)
		list.push({ username: `${prefix}expert${String(i).padStart(2, '0')}`, password: DEMO_PASSWORD, role: 'expert' });
	return list;
}

export function demoConfig(): CampaignConfig {
	const config = presetConfig('guangxi-2024');
	// The demo reviews by the five 推荐领域 so that panels map to fields, as most campaigns do.
	return {
		...config,
		classification: 'field',
		fields: [...FIELDS],
		// The notice sets no target for the final list (presets carry none): the demo office set these.
		targets: (
			[
				{ kind: 'atLeast', group: 'youth', count: 2, label: '45岁以下青年科技工作者不少于2名' },
				{ kind: 'atLeast', group: 'woman', count: 2, label: '女性科技工作者不少于2名' },
				{ kind: 'atLeast', group: 'grassroots', count: 2, label: '基层一线科技工作者不少于2名' },
				...FIELDS.map((field) => ({ kind: 'atLeastField' as const, field, count: 1, label: `${field}至少1名` }))
			] as BalanceTarget[]
		).map((t) => ({ ...t, origin: 'office' as const, setBy: '活动办公室（演示）', setAt: Date.UTC(2024, 2, 1, 1, 0) }))
	};
}

/**
 * How the demo starts: `review` (the default of `npm start` and `seed-demo`) mid-review as a
 * newcomer should see it; `setup` before any assignment, for tests that walk through the setup
 * themselves (`LAUREL_DEMO_STAGE=setup`, set by the end-to-end server).
 */
export function demoStage(): 'setup' | 'review' {
	return process.env.LAUREL_DEMO_STAGE === 'setup' ? 'setup' : 'review';
}

/** Creates the demo unless it exists (or, with onlyIfEmpty, unless any campaign exists). */
export async function ensureDemo(
	db: DB,
	opts: { onlyIfEmpty?: boolean; stage?: 'setup' | 'review' } = {}
): Promise<{ campaign: string; accounts: DemoAccount[]; created: boolean } | null> {
	const existing = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, DEMO_CAMPAIGN_ID));
	if (existing.length)
		return opts.onlyIfEmpty ? null : { campaign: DEMO_CAMPAIGN_ID, accounts: demoAccounts(), created: false };
	if (opts.onlyIfEmpty) {
		const n = await db.select({ n: sql<number>`count(*)` }).from(campaigns);
		if (Number(n[0].n) > 0) return null;
	}
	const result = await seedCampaign(db, {
		id: DEMO_CAMPAIGN_ID,
		name: '2024年广西“最美科技工作者”（演示）',
		prefix: '',
		seed: DEMO_SEED
	});
	// Only the process that created the campaign moves it on (another may have seeded concurrently).
	if (result.created && opts.stage === 'review') await startDemoReview(db, DEMO_CAMPAIGN_ID, DEMO_SEED);
	return result;
}

/**
 * A demo-like campaign: 60 candidates, 15 experts in five panels of three, a chair and an organizer,
 * accounts named `<prefix>organizer`, `<prefix>chair`, `<prefix>expert01`…. The end-to-end tests use
 * it with their own prefix so that each spec reviews in a campaign of its own.
 */
export async function seedCampaign(
	db: DB,
	opts: { id: string; name: string; prefix: string; seed: number; candidates?: number }
): Promise<{ campaign: string; accounts: DemoAccount[]; created: boolean }> {
	const DEMO_CAMPAIGN_ID = opts.id;
	const config = demoConfig();
	const accounts = demoAccounts(opts.prefix);
	const expertProfiles = generateExperts(config, 15, opts.seed);
	const records = generateCandidates(config, opts.candidates ?? 60, opts.seed);
	// The societies, universities and enterprises that nominated become channels of the campaign.
	const known = new Set(config.channels.map((c) => c.name));
	for (const r of records)
		if (!known.has(r.channel) && r.channelType) {
			config.channels.push({ name: r.channel, type: r.channelType });
			known.add(r.channel);
		}
	const now = Date.now();
	try {
		await db.transaction(async (tx) => {
			await tx.insert(campaigns).values({
				id: DEMO_CAMPAIGN_ID,
				name: opts.name,
				presetId: 'guangxi-2024',
				status: 'setup',
				config,
				createdAt: now
			});
			const ids: Record<string, string> = {};
			for (const [i, a] of accounts.entries()) {
				if (await findUserByUsername(tx, a.username)) throw new Error(`演示账户 ${a.username} 已存在`);
				const displayName =
					a.role === 'organizer'
						? '活动办公室（演示）'
						: a.role === 'chair'
							? '评审组长（演示）'
							: expertProfiles[i - 2].name;
				ids[a.username] = await insertUser(tx, {
					username: a.username,
					displayName,
					password: a.password,
					canCreateCampaigns: a.role === 'organizer'
				});
				await tx
					.insert(memberships)
					.values({ campaignId: DEMO_CAMPAIGN_ID, userId: ids[a.username], role: a.role, createdAt: now });
			}
			const panelIds = new Map<string, string>();
			for (const field of config.fields) {
				const id = newId('p_');
				panelIds.set(field, id);
				await tx.insert(panels).values({
					id,
					campaignId: DEMO_CAMPAIGN_ID,
					name: `${field}组`,
					field,
					// ids is keyed by username, which carries the prefix in the e2e campaigns.
					chairUserId: ids[`${opts.prefix}chair`] ?? null,
					createdAt: now
				});
			}
			for (const [i, p] of expertProfiles.entries()) {
				const id = newId('e_');
				// Three experts per panel, each also able to judge the fields the generator gave them.
				const field = config.fields[i % config.fields.length];
				const fields = [field, ...p.fields.filter((f: string) => f !== field)];
				await tx.insert(experts).values({
					id,
					campaignId: DEMO_CAMPAIGN_ID,
					userId: ids[accounts[i + 2].username],
					name: p.name,
					unit: p.unit,
					formerUnits: p.formerUnits,
					school: p.school,
					title: p.title,
					fields,
					phone: p.phone,
					email: p.email,
					maxLoad: p.maxLoad,
					createdAt: now
				});
				await tx.insert(panelMembers).values({ panelId: panelIds.get(field)!, expertId: id });
			}
			await insertCandidates(tx, SYSTEM, DEMO_CAMPAIGN_ID, config, records);
			await audit(tx, SYSTEM, {
				campaignId: DEMO_CAMPAIGN_ID,
				action: 'demo.seed',
				after: { candidates: records.length, experts: 15 }
			});
		});
	} catch (e) {
		// Another process may have seeded at the same moment: then the demo exists and that is fine.
		const again = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, DEMO_CAMPAIGN_ID));
		if (!again.length) throw e;
		return { campaign: DEMO_CAMPAIGN_ID, accounts, created: false };
	}
	// The chair finds the detected ties waiting for a decision.
	await refreshDetectedConflicts(db, SYSTEM, DEMO_CAMPAIGN_ID);
	return { campaign: DEMO_CAMPAIGN_ID, accounts, created: true };
}
