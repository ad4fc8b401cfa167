// Proof under attack, part 2: an expert crawls everything they can reach while a round is open, and
// nothing they receive may identify a candidate or carry another expert's score.
//
// The expert of a campaign of its own (anon-expert01) starts at / and at the tasks page and follows
// every same-origin link breadth-first (a[href], and the pages behind forms, without /logout; at most
// 300 URLs). Each page is fetched as HTML and as its SvelteKit data (`<path>/__data.json?<query>`).
// No answer may contain, for ANY candidate of the campaign: the full name, the given name (≥ 2
// characters), the work unit (as written and without the title), a former unit of the career, or the
// nominating body; nor an image (content-type image/*, <img> pointing at attachments, data: images);
// nor the values or comment of a sheet a colleague submitted on a dossier this expert also reviews.
//
// Strings skipped, and why (each is listed in the failure message's header when the test fails):
//  - shorter than 2 characters (a one-character given name is an ordinary character of any text);
//  - a nominating body that is a bare region name (南宁市, 柳州市 …: the 地市 channels). Region names are
//    ordinary words of every dossier (扎根南宁市, 广西科学技术进步奖) and of the UI; the body is checked in
//    its identifying forms instead (南宁市科协, 南宁市科学技术协会);
//  - the expert's own profile (name, unit, former units, school, declarations) is masked in each answer
//    before the search: the declaration page shows the expert their own unit, which may coincide with a
//    candidate's unit or nominating body (such pairs are conflicts and never reach the expert anyway).
import { test, expect } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { e2eDb } from './fixtures';
import { signIn } from '../support/api-session';
import { loginAs } from './helpers';
import { crawler, dataUrl, decodeJsonEscapes, type Fetched } from './crawl';
import { candidates, conflicts, experts, users } from '../../src/lib/server/db/schema';
import { addOrganizerConflict } from '../../src/lib/server/services/conflict-decisions';
import type { CandidateRecord } from '../../src/lib/domain/types';
import {
	BASE,
	EXPERT,
	CHAIR,
	MAX_URLS,
	COLLEAGUE_VALUES,
	COLLEAGUE_TOTAL,
	COLLEAGUE_COMMENT,
	campaignId,
	round,
	me,
	sharedId,
	recusedCode,
	notReviewedCode,
	myCodes,
	seedAnonymityCampaign,
	secretsOfCampaign
} from './anonymity-world';

test.beforeAll(async () => {
	test.setTimeout(300_000);
	await seedAnonymityCampaign();
});

test('an expert reviewing with an open round never receives a candidate identity, a photo or a colleague’s score', async () => {
	test.setTimeout(600_000);
	const { secrets, skipped } = await secretsOfCampaign();
	expect(secrets.length).toBeGreaterThan(150);
	const ctx = await signIn(EXPERT);

	const { fetched, seen, enqueue, fetchOne, run } = crawler(ctx, BASE);

	enqueue('/', '/');
	enqueue(`/c/${campaignId}/tasks`, '/');
	// Where the desk sends the expert after a recusal, and the dossiers without a round (reading mode).
	enqueue(`/c/${campaignId}/tasks?recused=${encodeURIComponent(recusedCode)}`, '/');
	for (const code of myCodes) enqueue(`/c/${campaignId}/dossiers/${encodeURIComponent(code)}`, '/');
	await run(MAX_URLS);

	// What the expert could try by hand: a dossier of another panel, the one they recused from.
	const probes = [notReviewedCode, recusedCode].flatMap((code) => {
		const p = `/c/${campaignId}/dossiers/${encodeURIComponent(code)}`;
		return [p, `${p}?round=${round.id}`, `${dataUrl(p)}?round=${round.id}`];
	});
	for (const url of probes) {
		const f = await fetchOne(url);
		const status = url.includes('__data.json')
			? ((JSON.parse(f.body) as { nodes: ({ type: string; status?: number } | null)[] }).nodes.find(
					(n) => n?.type === 'error'
				)?.status ?? 200)
			: f.status;
		expect(status, `${url} must be the same 404 as an unknown code`).toBe(404);
	}

	// The crawl is not vacuous: it read every dossier the expert reviews, as page and as data.
	const visited = new Set(fetched.filter((f) => f.status === 200).map((f) => decodeURIComponent(f.url)));
	for (const code of myCodes) {
		expect(
			[...visited].some((u) => u.includes(`/dossiers/${code}?round=`) && !u.includes('__data.json')),
			`dossier ${code} was crawled`
		).toBe(true);
		expect(
			[...visited].some((u) => u.includes(`/dossiers/${code}/__data.json`)),
			`dossier ${code} was fetched as data`
		).toBe(true);
	}
	expect(
		fetched.some((f) => f.status === 200 && f.body.includes('【候选人】')),
		'the redacted dossiers were read'
	).toBe(true);
	expect(seen.size, 'the crawl stayed under its cap').toBeLessThan(MAX_URLS);

	// The expert's own profile is theirs to see.
	const own = [
		me.name,
		me.unit,
		...(me.formerUnits ?? []),
		me.school ?? '',
		me.title ?? '',
		...(me.declaredUnits ?? []),
		...(me.declaredPeople ?? [])
	]
		.map((s) => s.trim())
		.filter((s) => s.length >= 2)
		.sort((a, b) => b.length - a.length);
	const mask = (body: string) => own.reduce((b, s) => b.split(s).join('〔本人资料〕'), body);

	const scoreMarkers: { re: RegExp; what: string }[] = [
		...Object.entries(COLLEAGUE_VALUES).map(([k, v]) => ({
			re: new RegExp(`(?<![\\d.])${String(v).replace('.', '\\.')}(?![\\d])`),
			what: `a colleague's ${k} score ${v}`
		})),
		{
			re: new RegExp(`(?<![\\d.])${COLLEAGUE_TOTAL.replace('.', '\\.')}(?![\\d])`),
			what: `a colleague's total ${COLLEAGUE_TOTAL}`
		},
		{ re: /(?<![\d.])36\.7(?!\d)/, what: "a colleague's draft score 36.7" },
		{ re: new RegExp(COLLEAGUE_COMMENT), what: "a colleague's comment" }
	];

	if (process.env.ANONYMITY_REPORT)
		console.log(
			fetched
				.map(
					(f) => `${f.status} ${f.contentType.split(';')[0].padEnd(16)} ${f.body.length} ${decodeURIComponent(f.url)}`
				)
				.join('\n')
		);
	const offencesIn = (f: Fetched): string[] => {
		const out: string[] = [];
		if (f.contentType.startsWith('image/')) out.push(`${f.url}: an image (${f.contentType})`);
		const body = mask(decodeJsonEscapes(f.body));
		for (const m of body.matchAll(/<img\b[^>]*>/g))
			if (/src="[^"]*(?:\/files\/|\/candidates\/|data:image)/.test(m[0]))
				out.push(`${f.url}: an image of a candidate ${m[0].slice(0, 160)}`);
		if (/data:image\//.test(body)) out.push(`${f.url}: an inline data: image`);
		for (const s of secrets) if (body.includes(s.text)) out.push(`${f.url}: contains “${s.text}” (${s.what})`);
		for (const m of scoreMarkers) if (m.re.test(body)) out.push(`${f.url}: contains ${m.what}`);
		return out;
	};
	const offences = fetched.flatMap(offencesIn);
	await ctx.dispose();

	// The detector itself sees identities where they are meant to be: the office's preview of the
	// shared dossier (original beside redacted) and the chair's round matrix (the colleague's scores).
	// By the text itself, not its label: a unit shared by two candidates is labelled after the first.
	const sharedRecord = (await (await e2eDb()).select().from(candidates).where(eq(candidates.id, sharedId)))[0]
		.record as CandidateRecord;
	const sharedUnit = sharedRecord.unitAndTitle.trim().split(/\s+/)[0];
	for (const [username, url, expectWhat] of [
		['anon-organizer', `/c/${campaignId}/candidates/${sharedId}/dossier`, `“${sharedRecord.name.trim()}”`],
		['anon-organizer', `/c/${campaignId}/candidates/${sharedId}/dossier/__data.json`, `“${sharedUnit}”`],
		['anon-chair', `/c/${campaignId}/rounds/${round.id}/__data.json`, `a colleague's total`]
	] as const) {
		const staff = await signIn(username);
		const res = await staff.get(url, { headers: url.includes('__data.json') ? {} : { accept: 'text/html' } });
		const control = offencesIn({
			url,
			status: res.status(),
			contentType: res.headers()['content-type'] ?? '',
			location: '',
			body: await res.text()
		});
		await staff.dispose();
		expect(
			control.some((o) => o.includes(expectWhat)),
			`the detector finds the ${expectWhat.trim()} in ${url}: ${control.slice(0, 5).join('; ')}`
		).toBe(true);
	}
	expect(
		offences,
		`The expert received identifying data (${fetched.length} answers from ${seen.size} URLs; ${secrets.length} strings checked).\n` +
			`Skipped strings:\n  ${skipped.join('\n  ')}\nOffences:\n  ${offences.join('\n  ')}`
	).toEqual([]);
});

// Proof under attack, part 3: the chair. The notices keep identities from the reviewers, and the
// chair reviews by review code like them: no page, `__data.json` or file a chair reaches (crawled
// from / and from every staff page, including the ones that must refuse) may contain a candidate's
// name, unit, former unit or nominating body, nor a candidate's image. A tie the office added with
// the candidate's name in its reason is there to catch a reason shown to the chair.
test('a chair crawling every page they reach never receives a candidate name, unit or nominating body', async () => {
	test.setTimeout(600_000);
	const db = await e2eDb();
	const { secrets, skipped } = await secretsOfCampaign();
	const named = (await db.select().from(candidates).where(eq(candidates.campaignId, campaignId))).find(
		(c) => c.id !== sharedId
	)!;
	const namedName = (named.record as CandidateRecord).name;
	const colleague = (await db.select().from(experts).where(eq(experts.campaignId, campaignId))).find(
		(e) => e.id !== me.id
	)!;
	const added = await addOrganizerConflict(
		db,
		{ id: null, name: 'e2e-office' },
		campaignId,
		colleague.id,
		named.id,
		`举报核实：专家与${namedName}曾共同申报项目`
	);
	expect(added.ok).toBe(true);

	const chairUser = (await db.select().from(users).where(eq(users.username, CHAIR)))[0];
	const ctx = await signIn(CHAIR);
	const { fetched, seen, enqueue, run } = crawler(ctx, BASE);
	const base = `/c/${campaignId}`;
	enqueue('/', '/');
	const staffPages = [
		'panel',
		'panels',
		'conflicts',
		// the office's tie, wherever its page falls (the list is paged, issue 16)
		'conflicts?kind=organizer',
		'assignment',
		'selection',
		'charts',
		`rounds/${round.id}`,
		'check',
		'overview',
		'candidates',
		'notice',
		'audit'
	];
	for (const p of staffPages) enqueue(`${base}/${p}`, '/');
	for (const what of ['scores', 'assignments', 'candidates', 'shortlist', 'summary', 'conflicts', 'audit'])
		enqueue(`${base}/export/${what}`, '/');
	await run(MAX_URLS);

	// Not vacuous: the chair read the round's matrix, the conflicts with the office's tie, the exports.
	const ok = (part: string) => fetched.some((f) => f.status === 200 && decodeURIComponent(f.url).includes(part));
	for (const part of [
		`/rounds/${round.id}`,
		`/rounds/${round.id}/__data.json`,
		'/conflicts',
		'/conflicts/__data.json',
		'/panel',
		'/export/scores',
		'/assignment'
	])
		expect(ok(part), `the chair reached ${part}`).toBe(true);
	expect(seen.size, 'the crawl stayed under its cap').toBeLessThan(MAX_URLS);
	// The identity report and the office's files are refused to the chair.
	for (const part of ['/check', '/candidates', '/overview', '/export/candidates', '/export/conflicts'])
		expect(
			fetched.filter((f) => f.url.endsWith(part)).every((f) => f.status === 403),
			`${part} is refused to the chair`
		).toBe(true);

	const own = [chairUser.username, chairUser.displayName ?? ''].filter((s) => s.trim().length >= 2);
	const mask = (body: string) => own.reduce((b, s) => b.split(s).join('〔本人资料〕'), body);
	const offences: string[] = [];
	for (const f of fetched) {
		if (f.contentType.startsWith('image/')) offences.push(`${f.url}: an image (${f.contentType})`);
		const body = mask(decodeJsonEscapes(f.body));
		if (/data:image\//.test(body)) offences.push(`${f.url}: an inline data: image`);
		for (const m of body.matchAll(/<img\b[^>]*>/g))
			if (/src="[^"]*(?:\/files\/|\/candidates\/)/.test(m[0]))
				offences.push(`${f.url}: an image of a candidate ${m[0].slice(0, 160)}`);
		for (const s of secrets) if (body.includes(s.text)) offences.push(`${f.url}: contains “${s.text}” (${s.what})`);
	}
	if (process.env.ANONYMITY_REPORT)
		console.log(
			fetched
				.map(
					(f) => `${f.status} ${f.contentType.split(';')[0].padEnd(16)} ${f.body.length} ${decodeURIComponent(f.url)}`
				)
				.join('\n')
		);

	// The office's tie: the chair is offered no decision on it, and a forged dismissal is refused.
	const tie = (
		await db
			.select()
			.from(conflicts)
			.where(
				and(eq(conflicts.expertId, colleague.id), eq(conflicts.candidateId, named.id), eq(conflicts.kind, 'organizer'))
			)
	)[0];
	// the list is paged (issue 16): the chair filters to the ties the office added
	const data = await (await ctx.get(`${base}/conflicts/__data.json?kind=organizer`)).text();
	expect(data).toContain(tie.id);
	const forged = await ctx.post(`${base}/conflicts?/decide`, {
		form: { id: tie.id, decision: 'dismissed', reason: '组长认为无关' },
		headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	const answer = (await forged.json()) as { type: string; status?: number; data?: string };
	expect(answer.type).toBe('failure');
	expect(answer.status).toBe(403);
	expect(answer.data).toContain('活动办公室添加的回避关系只能由活动办公室排除');
	expect((await db.select().from(conflicts).where(eq(conflicts.id, tie.id)))[0].status).toBe('confirmed');
	await ctx.dispose();
	expect(
		offences,
		`The chair received identifying data (${fetched.length} answers from ${seen.size} URLs; ${secrets.length} strings checked).\n` +
			`Skipped strings:\n  ${skipped.join('\n  ')}\nOffences:\n  ${offences.slice(0, 80).join('\n  ')}`
	).toEqual([]);
});

test('the chair is offered no decision on a tie the office added; the office is', async ({ page }) => {
	const db = await e2eDb();
	const tie = (
		await db
			.select()
			.from(conflicts)
			.where(and(eq(conflicts.campaignId, campaignId), eq(conflicts.kind, 'organizer')))
	)[0];
	expect(tie, 'the chair crawl added an office tie').toBeTruthy();
	const code = (await db.select().from(candidates).where(eq(candidates.id, tie.candidateId)))[0].reviewCode!;
	for (const [username, buttons] of [
		[CHAIR, 0],
		['anon-organizer', 1]
	] as const) {
		await page.context().clearCookies();
		await loginAs(page, username);
		await page.goto(`/c/${campaignId}/conflicts?kind=organizer`);
		const row = page.getByTestId('conflict-row').filter({ hasText: code });
		await expect(row).toHaveCount(1);
		await expect(row.getByRole('button')).toHaveCount(buttons);
	}
});
