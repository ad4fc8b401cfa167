// An insider who acts: declarations must not be an oracle, the chair decides only what needs no
// identity, and refused dossier codes cost the same work whatever the reason.
import { describe, it, expect, beforeAll } from 'vitest';

import { and, eq, inArray } from 'drizzle-orm';

import { mkdtempSync } from 'node:fs';

import { tmpdir } from 'node:os';

import { join } from 'node:path';

import { openDatabase, type DB } from '../../src/lib/server/db';

import { auditLog, candidates, conflicts, experts } from '../../src/lib/server/db/schema';
import { seedCampaign } from '../../src/lib/server/demo';

import { panelExperts, scoreRound } from '../support/panel';

import { blockedPairs, pairKey, refreshDetectedConflicts } from '../../src/lib/server/services/conflicts';

import { addOrganizerConflict, decideConflict, recuse } from '../../src/lib/server/services/conflict-decisions';

import {
	DECLARATION_ITEMS_PER_HOUR,
	declareTies,
	removeDeclaration
} from '../../src/lib/server/services/conflict-declarations';

import { dossierForExpert, expertRoundTasks } from '../../src/lib/server/services/desk';
import { saveAccess } from '../../src/lib/server/services/sheet-access';

import { expertTasks, NO_CANDIDATE } from '../../src/lib/server/services/access';

import { saveChecked } from '../../src/lib/server/services/sheets';

const C = 'insider';
const office = { id: null, name: 'office' };
const chair = { id: null, name: 'chair' };
let db: DB;
let dbFile: string;
let roundId: string;
let x: string; // declares a real candidate
let y: string; // declares an invented name
let third: string; // a third member of the panel, for the rate limit and the chair's rules
let target: { id: string; code: string; name: string; unit: string };
let codes: string[]; // the panel's codes, reviewed by both x and y

/** What an expert sees: the task list per open round and, for every code of the panel, the dossier status. */
async function view(expertId: string) {
	const groups = await expertRoundTasks(db, C, expertId);
	const tasks = groups.map((g) => ({
		round: g.round.id,
		counts: g.counts,
		tasks: g.tasks.map((t) => [t.code, t.status])
	}));
	const dossiers: Record<string, unknown> = {};
	for (const code of codes) {
		const d = await dossierForExpert(db, C, expertId, code, roundId);
		dossiers[code] = d
			? { round: d.round?.id ?? null, prev: d.prev, next: d.next, position: d.position, total: d.total, sheet: d.sheet }
			: 404;
	}
	return JSON.stringify({ tasks, reading: (await expertTasks(db, C, expertId)).map((t) => t.code), dossiers });
}

beforeAll(async () => {
	dbFile = `file:${join(mkdtempSync(join(tmpdir(), 'laurel-insider-')), 'test.db')}`;
	db = await openDatabase(dbFile);
	await seedCampaign(db, { id: C, name: 'insider test', prefix: 'in-', seed: 11, candidates: 60 });
	const members = (await panelExperts(db, C)).sort();
	[x, y, third] = members;
	// x and y start from the same view: the office dismisses the seed's detected ties of these two.
	for (const c of await db
		.select()
		.from(conflicts)
		.where(and(eq(conflicts.campaignId, C), inArray(conflicts.expertId, [x, y]))))
		expect((await decideConflict(db, office, C, c.id, 'dismissed', '测试准备', 'organizer')).ok).toBe(true);
	roundId = await scoreRound(db, chair, C, { deadline: '2030-06-30' });
	const cs = await db
		.select()
		.from(candidates)
		.where(and(eq(candidates.campaignId, C), eq(candidates.field, '前沿')));
	codes = cs.map((c) => c.reviewCode!).sort();
	const t = cs.sort((a, b) => (a.reviewCode! < b.reviewCode! ? -1 : 1))[2];
	const rec = t.record;
	target = { id: t.id, code: t.reviewCode!, name: rec.name, unit: rec.unitAndTitle.trim().split(/\s+/)[0] };
});

describe('declarations are not an oracle', () => {
	it('an expert who declares a real candidate sees exactly what one who declares an invented name sees, until the office decides', async () => {
		const before = await view(x);
		expect(before).toBe(await view(y));
		expect(before).toContain(target.code);

		const rx = await declareTies(db, { id: null, name: 'x' }, C, x, [target.unit], [target.name]);
		const ry = await declareTies(db, { id: null, name: 'y' }, C, y, ['虚构科技有限公司'], ['欧阳虚构']);
		expect(rx).toEqual({ ok: true, added: 2 });
		expect(ry).toEqual({ ok: true, added: 2 });
		// The declaration did match: the office has pending ties to decide, blocking nothing yet.
		const pending = await db
			.select()
			.from(conflicts)
			.where(and(eq(conflicts.expertId, x), eq(conflicts.candidateId, target.id)));
		// (the declared unit may also match a former unit of the candidate: review codes are random,
		// so the target differs between runs)
		const kinds = pending.map((p) => p.kind);
		expect(kinds).toContain('declared_person');
		expect(kinds.some((k) => k === 'declared_unit' || k === 'former_unit')).toBe(true);
		expect(pending.every((p) => p.status === 'pending' && p.source === 'declared')).toBe(true);
		expect((await blockedPairs(db, C)).has(pairKey(x, target.id))).toBe(false);

		expect(await view(x)).toBe(before);
		expect(await view(y)).toBe(before);

		// Declaring more, again, or the same once more changes nothing either.
		expect((await declareTies(db, { id: null, name: 'x' }, C, x, [], [target.name])).ok).toBe(true);
		expect(await view(x)).toBe(await view(y));

		// The office confirms: now, and only now, the dossier goes for x.
		const person = pending.find((p) => p.kind === 'declared_person')!;
		expect((await decideConflict(db, office, C, person.id, 'confirmed', '经核实为其学生', 'organizer')).ok).toBe(true);
		const after = await view(x);
		expect(after).not.toBe(await view(y));
		expect(after).not.toContain(`"${target.code}",`);
		expect(await dossierForExpert(db, C, x, target.code, roundId)).toBeNull();
		expect(await dossierForExpert(db, C, y, target.code, roundId)).not.toBeNull();
	});

	it('declarations are append-only for the expert; the office removes one with a reason, audited', async () => {
		// Submitting an empty form (or a shorter list) withdraws nothing.
		expect(await declareTies(db, { id: null, name: 'y' }, C, y, [], [])).toEqual({ ok: true, added: 0 });
		let row = (await db.select().from(experts).where(eq(experts.id, y)))[0];
		expect(row.declaredPeople).toEqual(['欧阳虚构']);
		expect(row.declaredUnits).toEqual(['虚构科技有限公司']);
		// The office's removal needs a reason and is audited.
		expect((await removeDeclaration(db, office, C, y, 'person', '欧阳虚构', '')).ok).toBe(false);
		expect((await removeDeclaration(db, office, C, y, 'person', '不存在的人', '误填')).ok).toBe(false);
		expect((await removeDeclaration(db, office, C, y, 'person', '欧阳虚构', '专家来电说明误填')).ok).toBe(true);
		row = (await db.select().from(experts).where(eq(experts.id, y)))[0];
		expect(row.declaredPeople).toEqual([]);
		const logged = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'expert.declaration.remove'), eq(auditLog.entityId, y)));
		expect(logged).toHaveLength(1);
		expect(logged[0].reason).toBe('专家来电说明误填');
	});

	it('limits declarations per hour, counted in the database (a second connection sees the same count)', async () => {
		const many = Array.from({ length: DECLARATION_ITEMS_PER_HOUR - 1 }, (_, i) => `合作单位${i + 1}号`);
		expect(await declareTies(db, { id: null, name: 'third' }, C, third, many, [])).toEqual({
			ok: true,
			added: many.length
		});
		// Another process (a second handle on the same file) must refuse the overflow as well.
		const other = await openDatabase(dbFile);
		const refused = await declareTies(other, { id: null, name: 'third' }, C, third, [], ['张三', '李四']);
		expect(refused.ok).toBe(false);
		if (!refused.ok) {
			expect(refused.status).toBe(429);
			expect(refused.message).toMatch(/一小时内最多新增 \d+ 项申报/);
		}
		// The one item left in the hour is still accepted; duplicates cost nothing.
		expect(await declareTies(other, { id: null, name: 'third' }, C, third, [many[0]], ['张三'])).toEqual({
			ok: true,
			added: 1
		});
		const again = await declareTies(db, { id: null, name: 'third' }, C, third, [], ['李四']);
		expect(again.ok).toBe(false);
	});
});

describe('what the chair may decide', () => {
	it('the chair cannot dismiss a tie the office added; the office can', async () => {
		const cand = (
			await db
				.select()
				.from(candidates)
				.where(and(eq(candidates.campaignId, C), eq(candidates.field, '前沿')))
		)[5];
		expect((await addOrganizerConflict(db, office, C, y, cand.id, '举报核实：曾合作申报项目')).ok).toBe(true);
		const row = (
			await db
				.select()
				.from(conflicts)
				.where(and(eq(conflicts.expertId, y), eq(conflicts.candidateId, cand.id), eq(conflicts.kind, 'organizer')))
		)[0];
		const r = await decideConflict(db, chair, C, row.id, 'dismissed', '我认为无关', 'chair');
		expect(r).toEqual({ ok: false, status: 403, message: '活动办公室添加的回避关系只能由活动办公室排除' });
		expect((await db.select().from(conflicts).where(eq(conflicts.id, row.id)))[0].status).toBe('confirmed');
		expect((await decideConflict(db, office, C, row.id, 'dismissed', '举报不实', 'organizer')).ok).toBe(true);
	});

	it('the chair confirms detected ties and dismisses 提示 only; declarations and 回避-level dismissals are the office’s', async () => {
		await refreshDetectedConflicts(db, office, C);
		const all = await db.select().from(conflicts).where(eq(conflicts.campaignId, C));
		const declared = all.find((c) => c.source === 'declared' && c.status === 'pending')!;
		const tie = all.find((c) => c.source === 'detected' && c.severity === 'conflict' && c.status === 'pending')!;
		const warning = all.find((c) => c.source === 'detected' && c.severity === 'warning' && c.status === 'pending');
		expect(declared && tie).toBeTruthy();
		for (const d of ['confirmed', 'dismissed'] as const) {
			const r = await decideConflict(db, chair, C, declared.id, d, '理由', 'chair');
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.message).toBe('专家申报产生的回避关系由活动办公室核实决定');
		}
		const dismiss = await decideConflict(db, chair, C, tie.id, 'dismissed', '同名不同单位', 'chair');
		expect(dismiss.ok).toBe(false);
		if (!dismiss.ok) expect(dismiss.status).toBe(403);
		expect((await decideConflict(db, chair, C, tie.id, 'confirmed', '', 'chair')).ok).toBe(true);
		if (warning)
			expect((await decideConflict(db, chair, C, warning.id, 'dismissed', '毕业相隔多年', 'chair')).ok).toBe(true);
		expect((await decideConflict(db, office, C, declared.id, 'dismissed', '同名不同人', 'organizer')).ok).toBe(true);
	});
});

describe('a refused dossier costs the same work', () => {
	it('unknown, unassigned and conflicted codes run the same queries in the same order and answer the same', async () => {
		const all = await db.select().from(candidates).where(eq(candidates.campaignId, C));
		const unassigned = all.find((c) => c.field !== '前沿')!.reviewCode!;
		const mine = (await expertRoundTasks(db, C, y))[0].tasks;
		expect(mine.length).toBeGreaterThanOrEqual(2);
		const [recused, kept] = mine;
		expect((await recuse(db, { id: null, name: 'y' }, C, y, recused.candidateId, '本人学生')).ok).toBe(true);
		const conflicted = recused.code;
		const open = kept.code;

		const client = db.$client;
		const log: string[] = [];
		const original = client.execute.bind(client);
		(client as { execute: unknown }).execute = (stmt: string | { sql: string }) => {
			log.push(typeof stmt === 'string' ? stmt : stmt.sql);
			return original(stmt as never);
		};
		const trace = async (code: string, round?: string) => {
			log.length = 0;
			const r = await dossierForExpert(db, C, y, code, round);
			return { found: r !== null, sql: [...log] };
		};
		try {
			for (const round of [roundId, undefined]) {
				const unknown = await trace('前沿-999', round);
				const other = await trace(unassigned, round);
				const tied = await trace(conflicted, round);
				const allowed = await trace(open, round);
				expect(allowed.found, 'the control dossier opens').toBe(true);
				expect([unknown.found, other.found, tied.found]).toEqual([false, false, false]);
				expect(unknown.sql.length).toBeGreaterThan(5);
				expect(other.sql).toEqual(unknown.sql);
				expect(tied.sql).toEqual(unknown.sql);
				// The refusals stop where an allowed code goes on to build the dossier.
				expect(allowed.sql.slice(0, unknown.sql.length)).toEqual(unknown.sql);
			}
		} finally {
			(client as { execute: unknown }).execute = original;
		}
	});

	it('a save names an unknown code or another panel’s code: the same refusal', async () => {
		const all = await db.select().from(candidates).where(eq(candidates.campaignId, C));
		const foreign = all.find((c) => c.field !== '前沿')!.reviewCode!;
		const answers = [];
		const userId = (await db.select({ u: experts.userId }).from(experts).where(eq(experts.id, y)))[0].u!;
		for (const code of ['前沿-999', foreign]) {
			// as the desk's save and the autosave resolve it: one access query, then the checked save
			const access = (await saveAccess(db, { userId, campaignId: C, roundId, code }))!;
			expect(access.round).not.toBeNull();
			answers.push(
				await saveChecked(
					db,
					{ id: null, name: 'y' },
					{
						round: access.round!,
						expertId: y,
						candidateId: access.candidateId ?? NO_CANDIDATE,
						values: { merit: 30 },
						comment: '',
						baseVersion: 0,
						submit: false
					},
					access
				)
			);
		}
		expect(answers[0]).toEqual({ ok: false, status: 404, code: 'NOT_FOUND', message: '没有找到该材料' });
		expect(answers[1]).toEqual(answers[0]);
	});
});
