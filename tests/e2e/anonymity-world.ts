// The world of the anonymity crawls (anonymity.spec.ts): a campaign of its own with an open round, the
// expert's codes, a colleague's submitted sheet, and every identifying string of its candidates.
// The `let` exports are live bindings, set by seedAnonymityCampaign() in the spec's beforeAll.
import { expect } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { E2E_BASE } from '../support/api-session';
import { candidates, conflicts, experts, sheets, users } from '../../src/lib/server/db/schema';
import { createRound, listRounds, openRound, type RoundRow } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { recuse } from '../../src/lib/server/services/conflict-decisions';
import { listAttachments, saveAttachment } from '../../src/lib/server/services/attachments';
import type { CandidateRecord } from '../../src/lib/domain/types';

export const BASE = E2E_BASE;
export const EXPERT = 'anon-expert01';
export const CHAIR = 'anon-chair';
// The round page's filtered views (?only=), pages (?page=, ?rpage=) and their dossier links are more
// places a chair reaches (issue 16): the cap leaves room for them, so the crawl still ends by itself.
export const MAX_URLS = 900;
/** A colleague's sheet on a dossier the expert also reviews: values no one else types. */
export const COLLEAGUE_VALUES = { merit: 37.5, story: 26.3, exemplary: 18.4 };
export const COLLEAGUE_TOTAL = '82.2';
export const COLLEAGUE_COMMENT = '同行评语标记QX7-不应被他人看到';

export let campaignId = '';
export let round: RoundRow;
export let me: typeof experts.$inferSelect;
let sharedCode = '';
export let sharedId = '';
export let recusedCode = '';
export let notReviewedCode = '';
export let myCodes: string[] = [];

const COMPOUND_SURNAMES = [
	'欧阳',
	'司马',
	'诸葛',
	'上官',
	'司徒',
	'东方',
	'皇甫',
	'尉迟',
	'公孙',
	'慕容',
	'长孙',
	'夏侯',
	'令狐',
	'宇文',
	'端木',
	'澹台',
	'轩辕',
	'南宫',
	'西门',
	'呼延'
];
const REGION = /^\p{Script=Han}{1,8}?(?:省|自治区|市|盟|地区|自治州|县|区|旗)$/u;

async function userId(username: string): Promise<string> {
	const db = await e2eDb();
	return (await db.select().from(users).where(eq(users.username, username)))[0].id;
}

async function expertRow(username: string) {
	const db = await e2eDb();
	const uid = await userId(username);
	return (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.campaignId, campaignId), eq(experts.userId, uid)))
	)[0];
}

/**
 * The campaign `e2e-anon` with an open round; the expert anon-expert01 shares a dossier with a colleague
 * whose sheet is submitted, is recused from one and does not review another. Sets the bindings above.
 */
export async function seedAnonymityCampaign(): Promise<void> {
	campaignId = await seedReviewCampaign('anon');
	const db = await e2eDb();
	let open = (await listRounds(db, campaignId)).find((r) => r.state === 'open');
	const fresh = !open;
	if (!open) {
		const r = await createRound(db, { id: null, name: 'e2e-anon' }, campaignId, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			deadline: '2030-06-30'
		});
		if (!r.ok) throw new Error(r.message);
		const o = await openRound(db, { id: null, name: 'e2e-anon' }, campaignId, r.id, {
			excludeUncovered: '测试：本组专家均须回避，无人可评'
		});
		if (!o.ok) throw new Error(o.message);
		open = (await listRounds(db, campaignId)).find((x) => x.id === r.id)!;
	}
	round = open;
	me = await expertRow(EXPERT);
	const all = await db.select().from(candidates).where(eq(candidates.campaignId, campaignId));
	const codeOf = new Map(all.map((c) => [c.id, c.reviewCode!]));
	const byCode = (a: string, b: string) => (codeOf.get(a)! < codeOf.get(b)! ? -1 : 1);
	const pairs = await roundPairs(db, round);
	const mine = pairs
		.filter((p) => p.expertId === me.id)
		.map((p) => p.candidateId)
		.sort(byCode);
	expect(mine.length, `${EXPERT} reviews dossiers`).toBeGreaterThanOrEqual(5);

	const meActor = { id: me.userId, name: EXPERT };
	const office = { id: null, name: 'e2e-office' };
	let shared: string;
	let recusedD: string;
	if (fresh) {
		// A dossier reviewed by the expert and a colleague; the colleague submits distinctive values.
		shared = mine.find((c) => pairs.some((p) => p.candidateId === c && p.expertId !== me.id))!;
		expect(shared, 'a dossier shared with a colleague').toBeTruthy();
		const colleagueId = pairs
			.filter((p) => p.candidateId === shared && p.expertId !== me.id)
			.map((p) => p.expertId)
			.sort()[0];
		const colleague = (
			await db.select().from(users).innerJoin(experts, eq(users.id, experts.userId)).where(eq(experts.id, colleagueId))
		)[0].users;
		const colleagueActor = { id: colleague.id, name: colleague.username };
		const others = mine.filter((c) => c !== shared);
		const [submitA, submitB, draftC] = others;
		recusedD = others[3];
		const save = async (
			actor: typeof meActor,
			expertId: string,
			candidateId: string,
			values: Record<string, number>,
			submit: boolean,
			comment = ''
		) => {
			const r = await saveSheet(db, actor, { round, expertId, candidateId, values, comment, baseVersion: 0, submit });
			if (!r.ok) throw new Error(`${actor.name} on ${codeOf.get(candidateId)}: ${r.message}`);
		};
		await save(colleagueActor, colleagueId, shared, COLLEAGUE_VALUES, true, COLLEAGUE_COMMENT);
		// The colleague's draft on another dossier the expert reviews (if they share one more).
		const second = others.find((c) => pairs.some((p) => p.candidateId === c && p.expertId === colleagueId));
		if (second) await save(colleagueActor, colleagueId, second, { merit: 36.7 }, false);
		await save(meActor, me.id, submitA, { merit: 30, story: 20, exemplary: 20 }, true, '材料翔实');
		await save(meActor, me.id, submitB, { merit: 32, story: 21, exemplary: 22 }, true);
		await save(meActor, me.id, draftC, { merit: 25 }, false);
		const r = await recuse(db, meActor, campaignId, me.id, recusedD, '候选人是我过去的合作者');
		if (!r.ok) throw new Error(r.message);
		// Portraits and nomination forms named after the candidates, as offices send them.
		process.env.LAUREL_FILES = `.e2e/${process.env.E2E_PORT}/files`;
		for (const [i, id] of mine.entries()) {
			const name = (all.find((c) => c.id === id)!.record as CandidateRecord).name;
			const jpg = new Uint8Array([
				0xff,
				0xd8,
				0xff,
				0xe0,
				0x00,
				0x10,
				0x4a,
				0x46,
				0x49,
				0x46,
				0x00,
				0x01,
				i & 0xff,
				0xff,
				0xd9
			]);
			const pdf = new TextEncoder().encode(`%PDF-1.4\n% ${name} 推荐表 ${i}\n%%EOF\n`);
			for (const [kind, filename, bytes] of [
				['portrait', `${name}-2寸照片.jpg`, jpg],
				['document', `${name}-推荐表.pdf`, pdf]
			] as const) {
				const a = await saveAttachment(db, office, campaignId, id, { kind, filename, bytes });
				if (!a.ok) throw new Error(a.message);
			}
		}
	} else {
		// A retried worker: the same choices, read back from what the first attempt stored.
		const rows = await db.select().from(sheets).where(eq(sheets.roundId, round.id));
		shared = rows.find((r) => r.comment === COLLEAGUE_COMMENT)!.candidateId;
		recusedD = (
			await db
				.select()
				.from(conflicts)
				.where(and(eq(conflicts.expertId, me.id), eq(conflicts.kind, 'recusal')))
		)[0].candidateId;
	}
	sharedId = shared;
	sharedCode = codeOf.get(shared)!;
	recusedCode = codeOf.get(recusedD)!;
	// A dossier of another panel.
	const field = all.find((c) => c.id === shared)!.field;
	notReviewedCode = all
		.filter((c) => c.field !== field)
		.map((c) => c.reviewCode!)
		.sort()[0];
	const colleagueSheet = (
		await db
			.select()
			.from(sheets)
			.where(and(eq(sheets.roundId, round.id), eq(sheets.candidateId, shared)))
	).find((r) => r.expertId !== me.id)!;
	expect(colleagueSheet.status, "the colleague's sheet is submitted").toBe('submitted');
	expect(colleagueSheet.total).toBe(Number(COLLEAGUE_TOTAL));
	expect((await listAttachments(db, campaignId, shared)).length, 'the shared dossier has a photo and a form').toBe(2);
	myCodes = (await roundPairs(db, round)).filter((p) => p.expertId === me.id).map((p) => codeOf.get(p.candidateId)!);
	expect(myCodes).toContain(sharedCode);
	expect(myCodes).not.toContain(recusedCode);
}

interface Secret {
	text: string;
	what: string;
}

/** Every identifying string of every candidate of the campaign, from the database. */
export async function secretsOfCampaign(): Promise<{ secrets: Secret[]; skipped: string[] }> {
	const db = await e2eDb();
	const rows = await db.select().from(candidates).where(eq(candidates.campaignId, campaignId));
	const secrets = new Map<string, Secret>();
	const skipped = new Set<string>();
	const add = (text: string | undefined, what: string) => {
		const t = (text ?? '').trim();
		if (!t) return;
		if ([...t].length < 2) skipped.add(`“${t}” (${what}): shorter than 2 characters`);
		else if (!secrets.has(t)) secrets.set(t, { text: t, what });
	};
	for (const row of rows) {
		const r = row.record as CandidateRecord;
		const who = `candidate ${row.reviewCode}`;
		const name = r.name.trim();
		add(name, `full name of ${who}`);
		const compound = COMPOUND_SURNAMES.find((s) => name.startsWith(s) && name.length > s.length);
		const given = compound ? name.slice(compound.length) : name.slice(1);
		if (!name.includes('·')) add(given, `given name of ${who}`);
		for (const part of name.split(/[·•・]/)) if (part !== name) add(part, `part of the name of ${who}`);
		add(r.unitAndTitle, `unit and title of ${who}`);
		add(r.unitAndTitle.trim().split(/\s+/)[0], `work unit of ${who}`);
		for (const c of r.career ?? []) {
			add(c.unit, `former unit of ${who}`);
			add((c.unit ?? '').trim().split(/\s+/)[0], `former unit of ${who}`);
		}
		const channel = r.channel.trim();
		if (REGION.test(channel)) {
			skipped.add(
				`“${channel}” (nominating body of ${who}): a bare region name; checked as ${channel}科协 / ${channel}科学技术协会`
			);
			add(`${channel}科协`, `nominating body of ${who}`);
			add(`${channel}科学技术协会`, `nominating body of ${who}`);
		} else add(channel, `nominating body of ${who}`);
	}
	return { secrets: [...secrets.values()], skipped: [...skipped].sort() };
}
