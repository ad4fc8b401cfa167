// The desk's form actions without JavaScript (routes …/dossiers/[code] ?/save and ?/submit), called
// as SvelteKit calls them: the form is read by its schema (schemas/sheet.ts) and every refusal (a bad
// score, one over the criterion's maximum, a missing or broken version, a pair not assigned, a
// blocked pair, a malformed field) answers in Chinese and writes nothing. Who may not save the pair
// gets the same answer whatever they post: the schema's refusals come after the access checks.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { tableCounts } from '../support/db';
import { getDb, type DB } from '../../src/lib/server/db';
import { assignments, candidates, experts, memberships, sheets, users } from '../../src/lib/server/db/schema';
import { seedCampaign } from '../../src/lib/server/demo';
import { createRound, getRound, openRound, type RoundRow } from '../../src/lib/server/services/rounds';
import { recuse } from '../../src/lib/server/services/conflict-decisions';
import type { SessionUser } from '../../src/lib/server/auth';
import { actions } from '../../src/routes/c/[campaignId]/dossiers/[code]/+page.server';

const C = 'sheetform';
const office = { id: null, name: 'office' };
let db: DB;
let round: RoundRow;
type Pair = { user: SessionUser; expertId: string; candidateId: string; code: string };
/** own: assigned to the expert; notAssigned: the same expert at another expert's dossier; blocked: assigned, then recused */
let own: Pair;
let notAssigned: Pair;
let blocked: Pair;
let organizer: SessionUser;

async function sessionUser(id: string): Promise<SessionUser> {
	const u = (await db.select().from(users).where(eq(users.id, id)))[0];
	return { id: u.id, username: u.username, displayName: u.displayName, canCreateCampaigns: u.canCreateCampaigns };
}

type Answer = { status: number; data: Record<string, unknown> };

/** Posts the form to ?/save or ?/submit; a thrown error (404, 403) is answered like a failure. */
async function post(
	action: 'save' | 'submit' | 'recuse',
	user: SessionUser,
	code: string,
	fields: [string, string | File][]
): Promise<Answer> {
	const url = `http://localhost/c/${C}/dossiers/${encodeURIComponent(code)}?/${action}`;
	const body = new FormData();
	for (const [k, v] of fields) body.append(k, v);
	const request = new Request(url, { method: 'POST', body });
	const event = { request, url: new URL(url), params: { campaignId: C, code }, locals: { user, session: null } };
	try {
		const r = await actions[action]!(event as unknown as Parameters<NonNullable<(typeof actions)['save']>>[0]);
		if (isActionFailure(r)) return { status: r.status, data: r.data as unknown as Record<string, unknown> };
		return { status: 200, data: r as unknown as Record<string, unknown> };
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, data: { ...e.body } };
		throw e;
	}
}

const form = (over: Record<string, string | File | null> = {}): [string, string | File][] => {
	const fields: Record<string, string | File | null> = {
		round: round.id,
		baseVersion: '0',
		'v.merit': '30',
		'v.story': '20',
		'v.exemplary': '20',
		comment: '事迹突出',
		...over
	};
	return Object.entries(fields).filter((e): e is [string, string | File] => e[1] !== null);
};

/** The refusal leaves every table as it was. */
async function refusedWithoutWrite(call: () => Promise<Answer>): Promise<Answer> {
	const before = await tableCounts(db);
	const sheetsBefore = await db.select().from(sheets);
	const r = await call();
	expect(r.status).toBeGreaterThanOrEqual(400);
	expect(String(r.data.message ?? r.data.recuseMessage)).toMatch(/[\u4e00-\u9fff]/);
	expect(await tableCounts(db)).toEqual(before);
	expect(await db.select().from(sheets)).toEqual(sheetsBefore);
	return r;
}

beforeAll(async () => {
	process.env.DATABASE_URL = `file:${join(mkdtempSync(join(tmpdir(), 'laurel-sheetform-')), 'form.db')}`;
	db = await getDb();
	await seedCampaign(db, { id: C, name: 'sheet form', prefix: 'sf-', seed: 13, candidates: 12 });
	const roster = (await db.select().from(experts).where(eq(experts.campaignId, C))).filter((e) => e.userId);
	const cands = await db.select().from(candidates).where(eq(candidates.campaignId, C));
	// expert i reviews candidate i; expert 2's pair is recused afterwards
	for (let i = 0; i < 3; i++)
		await db.insert(assignments).values({
			campaignId: C,
			expertId: roster[i].id,
			candidateId: cands[i].id,
			state: 'published',
			source: 'manual',
			createdAt: Date.now()
		} as typeof assignments.$inferInsert);
	const made = await createRound(db, office, C, { name: '初评', type: 'score', reviewers: 'assigned' });
	if (!made.ok) throw new Error(made.message);
	expect(await openRound(db, office, C, made.id, { excludeUncovered: 'test' })).toMatchObject({ ok: true });
	round = (await getRound(db, C, made.id))!;
	expect(round.rubric!.map((c) => c.key)).toEqual(['merit', 'story', 'exemplary']);
	const pair = async (e: number, c: number): Promise<Pair> => ({
		user: await sessionUser(roster[e].userId!),
		expertId: roster[e].id,
		candidateId: cands[c].id,
		code: cands[c].reviewCode!
	});
	own = await pair(0, 0);
	notAssigned = await pair(0, 1);
	blocked = await pair(2, 2);
	expect((await recuse(db, office, C, blocked.expertId, blocked.candidateId, '本人学生')).ok).toBe(true);
	const role = (
		await db
			.select()
			.from(memberships)
			.where(and(eq(memberships.campaignId, C), eq(memberships.role, 'organizer')))
	)[0];
	organizer = await sessionUser(role.userId);
});

describe('the score sheet form without JavaScript', () => {
	it('saves a draft read by the schema, then refuses a stale, missing or broken version', async () => {
		const first = await post('save', own.user, own.code, form({ 'v.story': '' }));
		expect(first).toMatchObject({ status: 200, data: { saved: true, submitted: false, version: 1 } });
		const row = (await db.select().from(sheets).where(eq(sheets.candidateId, own.candidateId)))[0];
		expect(row).toMatchObject({
			status: 'draft',
			version: 1,
			values: { merit: 30, exemplary: 20 },
			comment: '事迹突出'
		});
		// the form still on version 0, no version at all, or a version that is no whole number: stale
		for (const baseVersion of ['0', null, 'abc', '1.5', '-1', new File(['1'], 'v.txt')]) {
			const r = await refusedWithoutWrite(() =>
				post('save', own.user, own.code, form({ baseVersion, 'v.merit': '31' }))
			);
			expect(r, String(baseVersion)).toMatchObject({ status: 409, data: { code: 'STALE', current: { version: 1 } } });
		}
		// "用我刚填写的覆盖" names the server's version
		const over = await post('save', own.user, own.code, form({ baseVersion: '0', overwrite: '1', 'v.merit': '32' }));
		expect(over).toMatchObject({ status: 200, data: { saved: true, version: 2 } });
	});

	it('refuses a bad score and one over the maximum, naming the criterion, and keeps what was typed', async () => {
		const version = String((await db.select().from(sheets).where(eq(sheets.candidateId, own.candidateId)))[0].version);
		const bad = await refusedWithoutWrite(() =>
			post('save', own.user, own.code, form({ baseVersion: version, 'v.merit': 'abc' }))
		);
		expect(bad).toMatchObject({ status: 400, data: { code: 'INVALID', values: { merit: 'abc' } } });
		expect(Object.keys(bad.data.errors as object)).toEqual(['merit']);
		const max = round.rubric!.find((c) => c.key === 'merit')!.max;
		const over = await refusedWithoutWrite(() =>
			post('save', own.user, own.code, form({ baseVersion: version, 'v.merit': String(max + 1) }))
		);
		expect(over).toMatchObject({ status: 400, data: { code: 'INVALID' } });
		expect(String((over.data.errors as Record<string, string>).merit)).toContain(String(max));
		// the schema's own refusals: a file in a score field, an over-long value, a ballot choice that is none
		const file = await refusedWithoutWrite(() =>
			post('save', own.user, own.code, form({ baseVersion: version, 'v.merit': new File(['30'], 'x.txt') }))
		);
		expect(file).toMatchObject({ status: 400, data: { code: 'INVALID', message: '「业绩突出」须为文字' } });
		expect(file.data.errors).toEqual({ merit: '「业绩突出」须为文字' });
		const long = await refusedWithoutWrite(() =>
			post('save', own.user, own.code, form({ baseVersion: version, 'v.story': '9'.repeat(41) }))
		);
		expect(long.data).toMatchObject({ code: 'INVALID', errors: { story: expect.stringContaining('过长') } });
		const choice = await refusedWithoutWrite(() =>
			post('save', own.user, own.code, form({ baseVersion: version, choice: 'maybe' }))
		);
		expect(choice.data).toMatchObject({ code: 'INVALID', message: '请选择赞成、反对或弃权' });
	});

	it('refuses a pair the expert is not assigned and a blocked pair the same way, whatever the body', async () => {
		const bodies: [string, [string, string | File][]][] = [
			['a good form', form()],
			['a bad score', form({ 'v.merit': 'abc' })],
			['a score over the maximum', form({ 'v.merit': '999' })],
			['no version', form({ baseVersion: null })],
			['a file for a score', form({ 'v.merit': new File(['30'], 'x.txt') })],
			['a ballot choice that is none', form({ choice: 'maybe' })]
		];
		for (const p of [notAssigned, blocked])
			for (const action of ['save', 'submit'] as const)
				for (const [label, body] of bodies) {
					const r = await refusedWithoutWrite(() => post(action, p.user, p.code, body));
					expect(r, `${action}: ${label}`).toMatchObject({
						status: 404,
						data: { code: 'NOT_FOUND', message: '没有找到该材料' }
					});
					expect(r.data.errors, label).toBeUndefined();
				}
		// an unknown code: the same answer
		for (const [label, body] of bodies)
			expect(await refusedWithoutWrite(() => post('save', own.user, '前沿-999', body)), label).toMatchObject({
				status: 404,
				data: { message: '没有找到该材料' }
			});
	});

	it('refuses who is no expert of the campaign before reading the form', async () => {
		for (const body of [form(), form({ 'v.merit': new File(['30'], 'x.txt'), choice: 'maybe' })])
			expect(await refusedWithoutWrite(() => post('save', organizer, own.code, body))).toMatchObject({
				status: 403,
				data: { message: '您没有权限访问此页面' }
			});
	});

	it('申请回避: the reason read by its schema after the dossier is found; nothing written on a refusal', async () => {
		const file = new File(['x'], 'reason.txt');
		expect(await refusedWithoutWrite(() => post('recuse', own.user, own.code, [['reason', file]]))).toMatchObject({
			status: 400,
			data: { recuseMessage: '「回避理由」须为文字' }
		});
		expect(await refusedWithoutWrite(() => post('recuse', own.user, own.code, [['reason', '  ']]))).toMatchObject({
			status: 400,
			data: { recuseMessage: '请简要说明回避理由' }
		});
		for (const body of [[['reason', '本人学生']], [['reason', file]]] as [string, string | File][][])
			expect(await refusedWithoutWrite(() => post('recuse', own.user, notAssigned.code, body))).toMatchObject({
				status: 404,
				data: { message: '没有找到该材料' }
			});
	});

	it('submits only after the confirmation, read as a flag', async () => {
		const version = (await db.select().from(sheets).where(eq(sheets.candidateId, own.candidateId)))[0].version;
		const ask = await post('submit', own.user, own.code, form({ baseVersion: String(version) }));
		expect(ask).toMatchObject({ status: 200, data: { confirmSubmit: true, total: 70 } });
		const saved = (await db.select().from(sheets).where(eq(sheets.candidateId, own.candidateId)))[0];
		expect(saved.status).toBe('draft');
		const done = await post('submit', own.user, own.code, form({ baseVersion: String(saved.version), confirm: '1' }));
		expect(done).toMatchObject({ status: 200, data: { saved: true, submitted: true } });
		expect((await db.select().from(sheets).where(eq(sheets.candidateId, own.candidateId)))[0].status).toBe('submitted');
	});
});
