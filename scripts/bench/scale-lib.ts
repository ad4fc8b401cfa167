// The national-scale fixture of issue 16: one campaign of 5,000 nominations, 500 experts in five
// field panels, a chair, an organizer and an observer, and three closed rounds with every sheet in
// (初评 by score, five experts per dossier; 复评 by score on the top 1,000; 终评 by vote on the
// top 100), then a selection run. Built once per run into a file; each measurement works on a copy.
//
// Through the services: candidates (insertCandidates), conflict detection, the exact assignment
// and its publication, round creation, closing and advancing, the selection run. In bulk (plain
// inserts in one transaction): the accounts (one password hash for all), the roster and panels,
// and the 30,500 sheets (saveSheet one by one, each with its audit entry, would take minutes;
// the sheets are what the pages read, the audit entries of saves are not). Rounds are opened by
// a direct update: 5,000 synthetic nominations far exceed the notice's quotas, so `check` reports
// errors and openRound would rightly refuse.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type DB } from '../../src/lib/server/db';
import {
	campaigns,
	candidates,
	experts,
	memberships,
	panelMembers,
	panels,
	rounds,
	sheets,
	users
} from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';
import { demoConfig } from '../../src/lib/server/demo';
import { generateCandidates, generateExperts } from '../../src/lib/server/demo/synthetic';
import { rng } from '../../src/lib/server/demo/synthetic/random';
import { insertCandidates } from '../../src/lib/server/services/candidates';
import { refreshDetectedConflicts } from '../../src/lib/server/services/conflicts';
import { proposeAssignment, publishAssignment } from '../../src/lib/server/services/assignment';
import { advanceCandidates, closeRound, createRound } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { roundResults } from '../../src/lib/server/services/results';
import { runSelection } from '../../src/lib/server/services/selection';
import type { Actor } from '../../src/lib/server/audit';
import type { CandidateRecord, RubricCriterion } from '../../src/lib/domain/types';

export const SCALE_DIR = '.bench/scale';
export const SCALE_PASSWORD = 'bench-password';
export const CAMPAIGN = 'scale';

export interface ScaleSize {
	candidates: number;
	experts: number;
	/** experts per dossier in 初评 (and 复评, 终评 on the advanced) */
	k: number;
	second: number;
	third: number;
}

export const NATIONAL: ScaleSize = { candidates: 5000, experts: 500, k: 5, second: 1000, third: 100 };

export interface ScaleFixture {
	file: string;
	campaignId: string;
	roundIds: string[];
	accounts: { organizer: string; chair: string; observer: string; experts: string[] };
	/** ms of the steps timed while building (conflict detection, the exact assignment) */
	timings: Record<string, number>;
	sheets: number;
}

/** Distinct nominations from several synthetic batches (the generator fills a notice's quotas only). */
export function nominations(config: ReturnType<typeof demoConfig>, count: number): CandidateRecord[] {
	const out: CandidateRecord[] = [];
	const keys = new Set<string>();
	for (let seed = 1; out.length < count; seed++)
		for (const r of generateCandidates(config, 200, seed)) {
			const key = `${r.channel}|${r.name}|${r.birth}`;
			if (keys.has(key)) continue;
			keys.add(key);
			out.push({ ...r, seq: String(out.length + 1) });
			if (out.length === count) break;
		}
	return out;
}

async function accounts(db: DB, size: ScaleSize, config: ReturnType<typeof demoConfig>) {
	const hash = await hashPassword(SCALE_PASSWORD);
	const now = Date.now();
	const profiles = generateExperts(config, size.experts, 16);
	const ids = { organizer: 'u_office', chair: 'u_chair', observer: 'u_observer' };
	await db.transaction(async (tx) => {
		for (const [role, id] of Object.entries(ids)) {
			await tx.insert(users).values({
				id,
				username: role,
				displayName: role,
				passwordHash: hash,
				canCreateCampaigns: role === 'organizer',
				createdAt: now
			});
			await tx.insert(memberships).values({ campaignId: CAMPAIGN, userId: id, role: role as 'chair', createdAt: now });
		}
		const panelOf = new Map<string, string>();
		for (const [i, field] of config.fields.entries()) {
			panelOf.set(field, `p_${i}`);
			await tx.insert(panels).values({
				id: `p_${i}`,
				campaignId: CAMPAIGN,
				name: `${field}组`,
				field,
				chairUserId: ids.chair,
				createdAt: now
			});
		}
		for (let i = 0; i < size.experts; i++) {
			// The generator draws every expert from one province's units and schools; at 500 experts that
			// ties one pair in seven. A national roster comes from across the country: former units and
			// schools are kept for one expert in ten (the current unit for all).
			const p = profiles[i];
			const sparse = i % 10 !== 0;
			const field = config.fields[i % config.fields.length];
			const userId = `u_e${i}`;
			await tx.insert(users).values({
				id: userId,
				username: `expert${String(i + 1).padStart(3, '0')}`,
				displayName: p.name,
				passwordHash: hash,
				createdAt: now
			});
			await tx.insert(memberships).values({ campaignId: CAMPAIGN, userId, role: 'expert', createdAt: now });
			await tx.insert(experts).values({
				id: `e_${i}`,
				campaignId: CAMPAIGN,
				userId,
				name: p.name,
				unit: p.unit,
				formerUnits: sparse ? [] : p.formerUnits,
				school: sparse ? null : p.school,
				title: p.title,
				fields: [field, ...p.fields.filter((f: string) => f !== field)],
				maxLoad: null,
				declaredAt: now,
				createdAt: now
			});
			await tx.insert(panelMembers).values({ panelId: panelOf.get(field)!, expertId: `e_${i}` });
		}
	});
}

/** Every pair of the round gets a submitted sheet: scores follow a hidden merit, votes a threshold. */
async function fillRound(db: DB, roundId: string, seed: number): Promise<number> {
	const round = (await db.select().from(rounds).where(eq(rounds.id, roundId)))[0];
	const pairs = await roundPairs(db, round);
	const rubric = (round.rubric ?? []) as RubricCriterion[];
	const seqOf = new Map(
		(
			await db
				.select({ id: candidates.id, seq: candidates.seq })
				.from(candidates)
				.where(eq(candidates.campaignId, CAMPAIGN))
		).map((c) => [c.id, c.seq])
	);
	const noise = rng(seed);
	const now = Date.now();
	const rows = pairs.map((p, i) => {
		const merit = rng(7919 * (seqOf.get(p.candidateId) ?? 0) + 1)();
		const values: Record<string, number> = {};
		let total = 0;
		for (const c of rubric) {
			const share = Math.min(0.98, Math.max(0.3, 0.5 + 0.4 * merit + 0.12 * (noise() - 0.5)));
			values[c.key] = Math.round(c.max * share);
			total += values[c.key];
		}
		const vote = round.type === 'vote';
		const choice =
			noise() < 0.55 + 0.4 * merit ? ('yes' as const) : noise() < 0.8 ? ('no' as const) : ('abstain' as const);
		return {
			id: `s_${seed}_${i}`,
			roundId,
			expertId: p.expertId,
			candidateId: p.candidateId,
			status: 'submitted' as const,
			values: vote ? { choice } : values,
			total: vote ? null : total,
			choice: vote ? choice : null,
			comment: vote ? null : '业绩突出，事迹材料翔实。',
			version: 1,
			updatedAt: now,
			submittedAt: now
		};
	});
	await db.transaction(async (tx) => {
		for (let i = 0; i < rows.length; i += 500) await tx.insert(sheets).values(rows.slice(i, i + 500));
	});
	return rows.length;
}

async function timed<T>(timings: Record<string, number>, name: string, f: () => Promise<T>): Promise<T> {
	const t = performance.now();
	const r = await f();
	timings[name] = performance.now() - t;
	return r;
}

function must<T extends { ok: boolean }>(r: T, what: string): T & { ok: true } {
	if (!r.ok) throw new Error(`${what}：${(r as unknown as { message: string }).message}`);
	return r as T & { ok: true };
}

export async function buildScaleFixture(file: string, size: ScaleSize = NATIONAL): Promise<ScaleFixture> {
	mkdirSync(SCALE_DIR, { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
	const db = await openDatabase(`file:${file}`);
	const config = demoConfig();
	const records = nominations(config, size.candidates);
	const known = new Set(config.channels.map((c) => c.name));
	for (const r of records)
		if (!known.has(r.channel) && r.channelType) {
			config.channels.push({ name: r.channel, type: r.channelType });
			known.add(r.channel);
		}
	await db.insert(campaigns).values({
		id: CAMPAIGN,
		name: '全国规模基准活动',
		presetId: 'guangxi-2024',
		status: 'setup',
		config,
		createdAt: Date.now()
	});
	await accounts(db, size, config);
	const office: Actor = { id: 'u_office', name: 'organizer' };
	const chair: Actor = { id: 'u_chair', name: 'chair' };
	await db.transaction((tx) => insertCandidates(tx, office, CAMPAIGN, config, records));
	const timings: Record<string, number> = {};
	await timed(timings, 'conflicts', () => refreshDetectedConflicts(db, office, CAMPAIGN));
	must(
		await timed(timings, 'assign', () =>
			proposeAssignment(db, office, CAMPAIGN, { mode: 'distributed', k: size.k, borrow: true })
		),
		'分配'
	);
	must(await publishAssignment(db, office, CAMPAIGN), '发布分配');
	const plan = [
		{ name: '初评', type: 'score' as const, top: 0 },
		{ name: '复评', type: 'score' as const, top: size.second },
		{ name: '终评', type: 'vote' as const, top: size.third }
	];
	const roundIds: string[] = [];
	let count = 0;
	for (const [i, p] of plan.entries()) {
		const created = must(
			await createRound(db, office, CAMPAIGN, { name: p.name, type: p.type, reviewers: 'assigned' }),
			`创建${p.name}`
		);
		if (i > 0) {
			const prev = (
				await db
					.select()
					.from(rounds)
					.where(eq(rounds.id, roundIds[i - 1]))
			)[0];
			const res = await roundResults(db, prev);
			const top = res.aggregates.slice(0, p.top).map((a) => a.id);
			must(await advanceCandidates(db, chair, CAMPAIGN, created.id, top, 'top', ''), `晋级${p.name}`);
		}
		await db
			.update(rounds)
			.set({ state: 'open', openedAt: Date.now() })
			.where(and(eq(rounds.id, created.id), eq(rounds.campaignId, CAMPAIGN)));
		count += await fillRound(db, created.id, i + 1);
		must(await closeRound(db, chair, CAMPAIGN, created.id), `结束${p.name}`);
		roundIds.push(created.id);
	}
	await db.update(campaigns).set({ status: 'review' }).where(eq(campaigns.id, CAMPAIGN));
	must(await runSelection(db, office, CAMPAIGN), '遴选');
	await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
	db.$client.close();
	const fixture: ScaleFixture = {
		file,
		campaignId: CAMPAIGN,
		roundIds,
		accounts: {
			organizer: 'organizer',
			chair: 'chair',
			observer: 'observer',
			experts: Array.from({ length: size.experts }, (_, i) => `expert${String(i + 1).padStart(3, '0')}`)
		},
		timings,
		sheets: count
	};
	writeFileSync(`${file}.json`, JSON.stringify(fixture));
	return fixture;
}

/** A fixture built earlier (`--reuse`: to measure again without building anew), if there is one. */
export function builtFixture(file: string): ScaleFixture | null {
	return existsSync(file) && existsSync(`${file}.json`)
		? (JSON.parse(readFileSync(`${file}.json`, 'utf8')) as ScaleFixture)
		: null;
}

/** A private copy of the fixture for one measurement (the fixture itself stays untouched). */
export function copyFixture(fixture: ScaleFixture, name: string): string {
	const to = `${SCALE_DIR}/${name}.db`;
	for (const suffix of ['', '-wal', '-shm']) rmSync(to + suffix, { force: true });
	copyFileSync(fixture.file, to);
	if (existsSync(fixture.file + '-wal')) copyFileSync(fixture.file + '-wal', to + '-wal');
	return to;
}
