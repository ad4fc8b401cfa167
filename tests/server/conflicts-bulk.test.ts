// Bulk decisions on conflicts and finding a candidate by name (issue 12).
import { describe, it, expect, beforeAll } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';
import { refreshDetectedConflicts } from '../../src/lib/server/services/conflicts';
import {
	CHOICE_LIMIT,
	decideConflicts,
	findCandidateByNameOrCode,
	searchCandidateChoices
} from '../../src/lib/server/services/conflicts-bulk';
import { auditLog, candidates, conflicts } from '../../src/lib/server/db/schema';

const C = 'cb';
const office = { id: null, name: '办公室' };
const chair = { id: null, name: '组长' };
let db: DB;

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'bulk test', prefix: 'cb-', seed: 7, candidates: 40 });
	await refreshDetectedConflicts(db, office, C);
});

const pending = async () =>
	db
		.select()
		.from(conflicts)
		.where(and(eq(conflicts.campaignId, C), eq(conflicts.status, 'pending')));

describe('bulk conflict decisions', () => {
	it('refuses the chair a dismissal of any 回避-level tie, changing nothing', async () => {
		const rows = await pending();
		const hard = rows.filter((r) => r.severity === 'conflict' && r.source !== 'declared');
		expect(hard.length).toBeGreaterThan(1);
		const ids = hard.slice(0, 2).map((r) => r.id);
		const r = await decideConflicts(db, chair, C, ids, 'dismissed', '无关', 'chair');
		expect(r).toMatchObject({ ok: false, status: 403, message: expect.stringContaining('本次未做任何更改') });
		const after = await db.select().from(conflicts).where(inArray(conflicts.id, ids));
		expect(after.every((a) => a.status === 'pending')).toBe(true);
	});

	it('lets the chair confirm many detected ties with one reason, audited per tie', async () => {
		const rows = (await pending()).filter((r) => r.source !== 'declared' && r.kind !== 'organizer');
		const ids = rows.slice(0, 3).map((r) => r.id);
		expect(await decideConflicts(db, chair, C, ids, 'confirmed', '同单位', 'chair')).toEqual({
			ok: true,
			changed: 3,
			unchanged: 0
		});
		const log = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.campaignId, C), eq(auditLog.action, 'conflict.confirm'), inArray(auditLog.entityId, ids)));
		expect(log).toHaveLength(3);
		expect(log.every((l) => l.reason === '同单位' && (l.after as { bulk?: number }).bulk === 3)).toBe(true);
		// again: already confirmed, nothing changes
		expect(await decideConflicts(db, chair, C, ids, 'confirmed', '', 'chair')).toEqual({
			ok: true,
			changed: 0,
			unchanged: 3
		});
	});

	it('needs a reason to dismiss, a selection, and ties of this campaign', async () => {
		const ids = (await pending()).slice(0, 2).map((r) => r.id);
		expect(await decideConflicts(db, office, C, ids, 'dismissed', ' ', 'organizer')).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await decideConflicts(db, office, C, [], 'confirmed', '', 'organizer')).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await decideConflicts(db, office, 'other', ids, 'confirmed', '', 'organizer')).toMatchObject({
			ok: false,
			status: 404
		});
		expect(await decideConflicts(db, office, C, ids, 'dismissed', '核实无关', 'organizer')).toMatchObject({
			ok: true,
			changed: 2
		});
	});
});

describe('finding a candidate by name', () => {
	it('by name, by “姓名（编号）”, by code; a shared name asks for the code', async () => {
		const rows = await db.select().from(candidates).where(eq(candidates.campaignId, C));
		const a = rows[0];
		expect(await findCandidateByNameOrCode(db, C, ` ${a.name} `)).toMatchObject({ id: a.id });
		expect(await findCandidateByNameOrCode(db, C, `${a.name}（${a.reviewCode}）`)).toMatchObject({ id: a.id });
		expect(await findCandidateByNameOrCode(db, C, a.reviewCode!)).toMatchObject({ id: a.id });
		expect(await findCandidateByNameOrCode(db, C, '不存在的人')).toMatchObject({
			error: expect.stringContaining('没有找到')
		});
		// a second nomination of the same name
		await db.update(candidates).set({ name: a.name }).where(eq(candidates.id, rows[1].id));
		const r = await findCandidateByNameOrCode(db, C, a.name);
		expect(r).toMatchObject({ error: expect.stringContaining(a.reviewCode!) });
		expect(await findCandidateByNameOrCode(db, C, `${a.name}（${rows[1].reviewCode}）`)).toMatchObject({
			id: rows[1].id
		});
	});
});

describe('the office’s candidate picker (searched, issue 16)', () => {
	it('answers at most 20 “姓名（编号）” choices for a part of a name or code, spaces ignored', async () => {
		const rows = await db.select().from(candidates).where(eq(candidates.campaignId, C));
		const target = rows[4];
		const name = target.name.replace(/\s+/g, '');
		// a part of the name, typed with a stray space, finds it
		const part = await searchCandidateChoices(db, C, ` ${name.slice(0, 1)} ${name.slice(1)}`);
		expect(part.choices).toContain(`${target.name}（${target.reviewCode}）`);
		expect(await searchCandidateChoices(db, C, target.reviewCode!)).toEqual({
			choices: [`${target.name}（${target.reviewCode}）`],
			more: false
		});
		// the part every code shares: more than the limit, cut at it
		const dash = await searchCandidateChoices(db, C, '-');
		expect(dash.choices).toHaveLength(CHOICE_LIMIT);
		expect(dash.more).toBe(true);
	});

	it('matches LIKE’s wildcards as themselves, and answers nothing for nothing typed or another campaign', async () => {
		expect(await searchCandidateChoices(db, C, '%')).toEqual({ choices: [], more: false });
		expect(await searchCandidateChoices(db, C, '_')).toEqual({ choices: [], more: false });
		expect(await searchCandidateChoices(db, C, '   ')).toEqual({ choices: [], more: false });
		const [row] = await db.select().from(candidates).where(eq(candidates.campaignId, C));
		expect(await searchCandidateChoices(db, 'other', row.name)).toEqual({ choices: [], more: false });
	});
});
