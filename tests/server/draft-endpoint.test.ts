// The autosave's JSON endpoint (routes …/dossiers/[code]/draft, services/draft-save.ts), called as
// SvelteKit calls it: a draft is saved with the version check, and every refusal (not signed in,
// another campaign, another role, another expert's pair, a recused pair, a withdrawn nomination,
// a stale version, a submitted sheet, a closed round, a locked selection, a malformed body) answers
// in Chinese and writes nothing. Drafts are not audited (only submissions are), as for the form.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { tableCounts } from '../support/db';
import { getDb, type DB } from '../../src/lib/server/db';
import { experts, memberships, selections, sheets, users } from '../../src/lib/server/db/schema';
import { seedCampaign } from '../../src/lib/server/demo';
import { closeRound, createRound, getRound, openRound } from '../../src/lib/server/services/rounds';
import { reviewsInRound } from '../../src/lib/server/services/access';
import { recuse } from '../../src/lib/server/services/conflict-decisions';
import { withdrawNomination } from '../../src/lib/server/services/withdrawal';
import { saveChecked } from '../../src/lib/server/services/sheets';
import { saveAccess } from '../../src/lib/server/services/sheet-access';
import type { SessionUser } from '../../src/lib/server/auth';
import { POST } from '../../src/routes/c/[campaignId]/dossiers/[code]/draft/+server';

const C = 'draftapi';
const office = { id: null, name: 'office' };
let db: DB;
let roundId: string;
let pairs: { user: SessionUser; expertId: string; candidateId: string; code: string }[];
let others: Record<'organizer' | 'stranger', SessionUser>;

async function sessionUser(id: string): Promise<SessionUser> {
	const u = (await db.select().from(users).where(eq(users.id, id)))[0];
	return { id: u.id, username: u.username, displayName: u.displayName, canCreateCampaigns: u.canCreateCampaigns };
}

async function post(
	user: SessionUser | null,
	code: string,
	body: unknown,
	opts: { raw?: string; type?: string; campaignId?: string } = {}
): Promise<{ status: number; body: Record<string, unknown> }> {
	const campaignId = opts.campaignId ?? C;
	const url = `http://localhost/c/${campaignId}/dossiers/${encodeURIComponent(code)}/draft`;
	const request = new Request(url, {
		method: 'POST',
		headers: { 'content-type': opts.type ?? 'application/json' },
		body: opts.raw ?? JSON.stringify(body)
	});
	const event = { request, url: new URL(url), params: { campaignId, code }, locals: { user, session: null } };
	const res = await POST(event as unknown as Parameters<typeof POST>[0]);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const draft = (baseVersion: number, merit: string | number = '20', extra: Record<string, unknown> = {}) => ({
	round: roundId,
	values: { merit, story: '', exemplary: '' },
	comment: '草稿',
	baseVersion,
	...extra
});

/** The refusal leaves every table as it was. */
async function refusedWithoutWrite(
	call: () => Promise<{ status: number; body: Record<string, unknown> }>
): Promise<{ status: number; body: Record<string, unknown> }> {
	const before = await tableCounts(db);
	const sheetsBefore = await db.select().from(sheets);
	const r = await call();
	expect(r.status).toBeGreaterThanOrEqual(400);
	expect(String(r.body.message)).toMatch(/[\u4e00-\u9fff]/);
	expect(await tableCounts(db)).toEqual(before);
	expect(await db.select().from(sheets)).toEqual(sheetsBefore);
	return r;
}

beforeAll(async () => {
	process.env.DATABASE_URL = `file:${join(mkdtempSync(join(tmpdir(), 'laurel-draft-')), 'draft.db')}`;
	db = await getDb();
	await seedCampaign(db, { id: C, name: 'draft endpoint', prefix: 'dr-', seed: 11, candidates: 12 });
	const r = await createRound(db, office, C, { name: '初评', type: 'score', reviewers: 'all' });
	if (!r.ok) throw new Error(r.message);
	roundId = r.id;
	expect(await openRound(db, office, C, roundId, { excludeUncovered: 'test' })).toMatchObject({ ok: true });
	const round = (await getRound(db, C, roundId))!;
	const roster = await db.select().from(experts).where(eq(experts.campaignId, C));
	const { candidates } = await import('../../src/lib/server/db/schema');
	const cands = await db.select().from(candidates).where(eq(candidates.campaignId, C));
	pairs = []; // each pair its own expert and its own candidate
	for (const e of roster)
		for (const c of cands)
			if (
				e.userId &&
				(await reviewsInRound(db, round, e.id, c.id)) &&
				pairs.every((p) => p.expertId !== e.id && p.candidateId !== c.id)
			)
				pairs.push({ user: await sessionUser(e.userId), expertId: e.id, candidateId: c.id, code: c.reviewCode! });
	expect(pairs.length).toBeGreaterThanOrEqual(5);
	const role = async (r: 'organizer') =>
		sessionUser(
			(
				await db
					.select()
					.from(memberships)
					.where(and(eq(memberships.campaignId, C), eq(memberships.role, r)))
			)[0].userId
		);
	others = {
		organizer: await role('organizer'),
		stranger: { id: 'u_stranger', username: 'x', displayName: 'x', canCreateCampaigns: false }
	};
});

describe('draft endpoint', () => {
	it('saves a draft, answers the new version, checks it on the next save, and audits nothing', async () => {
		const p = pairs[0];
		const audits = (await tableCounts(db)).audit_log;
		const first = await post(p.user, p.code, draft(0, '20'));
		expect(first).toMatchObject({ status: 200, body: { saved: true, version: 1 } });
		const second = await post(p.user, p.code, draft(1, 21));
		expect(second).toMatchObject({ status: 200, body: { saved: true, version: 2 } });
		const row = (await db.select().from(sheets).where(eq(sheets.candidateId, p.candidateId)))[0];
		expect(row).toMatchObject({ status: 'draft', version: 2, values: { merit: 21 }, comment: '草稿', total: null });
		expect((await tableCounts(db)).audit_log).toBe(audits);
		// a second tab still on version 1: refused, and told what the server holds
		const stale = await refusedWithoutWrite(() => post(p.user, p.code, draft(1, '30')));
		expect(stale).toMatchObject({ status: 409, body: { code: 'STALE', current: { version: 2 } } });
		expect(stale.body.message).toBe('这份评分已在其他窗口或设备上更新，请核对后再保存');
	});

	it('refuses who may not save this pair, as the form action does', async () => {
		const [p, q] = pairs;
		const anon = await refusedWithoutWrite(() => post(null, p.code, draft(0)));
		expect(anon.status).toBe(401);
		expect(await refusedWithoutWrite(() => post(others.stranger, p.code, draft(0)))).toMatchObject({
			status: 404,
			body: { message: '没有找到该活动' }
		});
		expect(await refusedWithoutWrite(() => post(p.user, p.code, draft(0), { campaignId: 'elsewhere' }))).toMatchObject({
			status: 404
		});
		expect(await refusedWithoutWrite(() => post(others.organizer, p.code, draft(0)))).toMatchObject({
			status: 403,
			body: { message: '您没有权限访问此页面' }
		});
		// another expert at p's dossier with p's version: only q's own sheet of that pair is looked at
		// (q has none), nothing of p's is told or touched; an unknown code is the same 404 as a pair
		// that is not the expert's
		const other = await refusedWithoutWrite(() => post(q.user, p.code, draft(2)));
		expect(other).toMatchObject({ status: 409, body: { code: 'STALE' } });
		expect(other.body.current).toBeUndefined();
		expect(await refusedWithoutWrite(() => post(q.user, '不存在-999', draft(0)))).toMatchObject({
			status: 404,
			body: { code: 'NOT_FOUND', message: '没有找到该材料' }
		});
		// a round of another campaign (or none) named in the body
		expect(await refusedWithoutWrite(() => post(q.user, q.code, { ...draft(0), round: 'r_elsewhere' }))).toMatchObject({
			status: 404,
			body: { code: 'NOT_FOUND' }
		});
	});

	it('refuses a recused pair and a withdrawn nomination', async () => {
		const p = pairs[2];
		await recuse(db, { id: p.user.id, name: p.user.username }, C, p.expertId, p.candidateId, '本人学生');
		expect(await refusedWithoutWrite(() => post(p.user, p.code, draft(0)))).toMatchObject({
			status: 404,
			body: { code: 'NOT_FOUND', message: '没有找到该材料' }
		});
		const w = pairs[3];
		expect(await withdrawNomination(db, office, C, w.candidateId, '材料不实，不予受理')).toMatchObject({ ok: true });
		expect(await refusedWithoutWrite(() => post(w.user, w.code, draft(0)))).toMatchObject({
			status: 404,
			body: { code: 'NOT_FOUND' }
		});
	});

	it('refuses a malformed body, an invalid score and a submitted sheet with a clear message', async () => {
		const p = pairs[4];
		const bad = await refusedWithoutWrite(() => post(p.user, p.code, null, { raw: '{"round": "' }));
		expect(bad).toMatchObject({ status: 400, body: { code: 'INVALID' } });
		expect(bad.body.message).toBe('提交的内容格式不正确，未保存。请刷新页面后重试');
		const form = await refusedWithoutWrite(() =>
			post(p.user, p.code, null, { raw: 'round=x', type: 'application/x-www-form-urlencoded' })
		);
		expect(form).toMatchObject({ status: 400, body: { code: 'INVALID' } });
		const noVersion = await refusedWithoutWrite(() => post(p.user, p.code, { ...draft(0), baseVersion: '1' }));
		expect(noVersion).toMatchObject({
			status: 400,
			body: { code: 'INVALID', message: '缺少版本号，请刷新页面后重试' }
		});
		const choice = await refusedWithoutWrite(() => post(p.user, p.code, { ...draft(0), choice: 'maybe' }));
		expect(choice.body.message).toBe('请选择赞成、反对或弃权');
		const over = await refusedWithoutWrite(() => post(p.user, p.code, draft(0, '41')));
		expect(over).toMatchObject({ status: 400, body: { code: 'INVALID' } });
		expect(Object.keys(over.body.errors as object)).toEqual(['merit']);
		// submitted (from another window): a draft can no longer change it
		const round = (await getRound(db, C, roundId))!;
		const access = (await saveAccess(db, { userId: p.user.id, campaignId: C, roundId, code: p.code }))!;
		const values = { merit: '30', story: '20', exemplary: '20' };
		const input = { round, expertId: p.expertId, candidateId: p.candidateId, values, baseVersion: 0, submit: true };
		expect(await saveChecked(db, { id: p.user.id, name: 'e' }, input, access)).toMatchObject({ ok: true });
		const sub = await refusedWithoutWrite(() => post(p.user, p.code, draft(1)));
		expect(sub).toMatchObject({
			status: 409,
			body: { code: 'SUBMITTED', message: '该评分已提交，不能再修改', current: { version: 1 } }
		});
	});

	it('refuses once the selection is locked, and once the round is closed', async () => {
		const p = pairs[1];
		await db.insert(selections).values({
			id: 'sel_draftapi',
			campaignId: C,
			inputHash: 'x',
			input: {},
			result: {},
			state: 'locked',
			createdAt: Date.now(),
			lockedAt: Date.now(),
			lockedBy: '办公室'
		} as typeof selections.$inferInsert);
		const locked = await refusedWithoutWrite(() => post(p.user, p.code, draft(0)));
		expect(locked.status).toBe(423);
		await db.delete(selections).where(eq(selections.id, 'sel_draftapi'));
		expect(await closeRound(db, office, C, roundId)).toMatchObject({ ok: true });
		expect(await refusedWithoutWrite(() => post(p.user, p.code, draft(0)))).toMatchObject({
			status: 409,
			body: { code: 'ROUND_CLOSED', message: '本轮评审已结束，无法保存。您填写的内容仍保留在本页，请联系评审组长。' }
		});
	});
});
