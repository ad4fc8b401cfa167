// Proof under attack, part 1: every route and form action of the app, read from src/routes at test
// time, is called by seven roles (the observer, 纪检监察, the seventh), and each answer must match the
// expectation table (authz-table.ts).
//
// Enumeration: src/routes is walked with node:fs. A folder with +page.svelte / +page.server.ts /
// +page.ts is a page (checked as HTML and as its __data.json); the object literal of
// `export const actions` in +page.server.ts gives the actions (named keys, `default`, and spreads such
// as `...roundActions`, followed into the module they are imported from); +server.ts gives its
// exported methods (GET, POST, …). A page, action or method missing from TABLE fails the first test,
// and so does an entry of TABLE whose route is gone: a new route cannot escape the matrix.
import { test, expect, type APIRequestContext } from '@playwright/test';
import { PASSWORD } from './helpers';
import { listAttachments } from '../../src/lib/server/services/attachments';
import { eq } from 'drizzle-orm';
import { e2eDb } from './fixtures';
import { conflicts } from '../../src/lib/server/db/schema';
import { EXPORT_KINDS } from '../../src/lib/server/exports';
import { ROLES, TABLE, type Role, type Case } from './authz-table';
import { discoverRoutes, type Found } from './authz-routes';
import { HTML, seedAuthz, type Setup } from './authz-setup';
import { E2E_BASE as BASE, signIn } from '../support/api-session';
import { fill, getData, statusVerdict, getPage, layoutSlots, postAction, urlOf, type Outcome } from './authz-http';

let setup: Setup;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	setup = await seedAuthz();
});

/** What a refused answer must never contain, and how it must look. */
function refusalProblems(role: Role, o: Outcome, inCampaign: boolean): string[] {
	const problems: string[] = [];
	for (const s of setup.secrets) if (o.body.includes(s.text)) problems.push(`reveals the ${s.what} (“${s.text}”)`);
	if (role === 'anonymous' || role === 'otherExpert') {
		if (/测试活动 authz(?!2)/.test(o.body)) problems.push('reveals the campaign name');
	}
	if (role === 'anonymous' && !(o.status === 303 || o.status === 401))
		problems.push(`anonymous should be sent to /login (or get 401), got ${o.status} ${o.detail}`);
	if (role === 'otherExpert' && inCampaign && o.status !== 404)
		problems.push(`a stranger to the campaign must get 404 (existence not revealed), got ${o.status} ${o.detail}`);
	if (o.html && (o.status === 403 || o.status === 404)) {
		if (!o.body.includes('返回首页') || !new RegExp(`<p class="code[^"]*">${o.status}</p>`).test(o.body))
			problems.push('is not the generic error page');
		if (o.body.includes('aria-label="活动导航"')) problems.push('shows the campaign navigation');
	}
	return problems;
}

// ───────────────────────────── the tests ─────────────────────────────

test('every route and action of src/routes is in the authorization table (and every entry still exists)', () => {
	const found = discoverRoutes();
	expect(found.length, 'routes found').toBeGreaterThan(20);
	const keys = new Set(found.map((f) => f.key));
	const missing = found.filter((f) => !(f.key in TABLE)).map((f) => f.key);
	const stale = Object.keys(TABLE).filter((k) => !keys.has(k));
	const exportCases = ([] as Case[])
		.concat(TABLE['GET /c/[campaignId]/export/[what]'] ?? [])
		.map((c) => c.params?.what);
	const exportsMissing = EXPORT_KINDS.filter((k) => !exportCases.includes(k));
	expect(
		missing,
		`Routes or actions without an expectation: add each to TABLE in tests/e2e/authz-matrix.spec.ts with the roles allowed:\n  ${missing.join('\n  ')}`
	).toEqual([]);
	expect(
		stale,
		`TABLE lists routes or actions that no longer exist: remove or rename them:\n  ${stale.join('\n  ')}`
	).toEqual([]);
	expect(
		exportsMissing,
		`Export kinds without an expectation: add a case to 'GET /c/[campaignId]/export/[what]'`
	).toEqual([]);
});

test('each role gets exactly what the table allows, and a refusal reveals nothing', async () => {
	test.setTimeout(600_000);
	const found = discoverRoutes().filter((f) => f.key in TABLE);
	const contexts = Object.fromEntries(
		await Promise.all(ROLES.map(async (r) => [r, await signIn(r === 'anonymous' ? null : setup.users[r])] as const))
	) as Record<Role, APIRequestContext>;
	const values: Record<string, string> = {
		campaignId: setup.campaignId,
		candidateId: setup.candidateId,
		attachmentId: setup.attachmentId,
		expertId: setup.expertId,
		roundId: setup.roundId,
		draftRoundId: setup.draftRoundId,
		code: setup.code,
		token: setup.token,
		drawId: setup.drawId
	};
	const mismatches: string[] = [];
	const report: string[] = [];
	let checked = 0;

	async function runCase(role: Role, f: Found, c: Case): Promise<void> {
		const ctx = contexts[role];
		const params = { ...values, ...(c.params ?? {}) };
		const path = urlOf(f.routeId, params);
		const url = c.query ? `${path}?${fill(c.query, values)}` : path;
		const allowed = c.allow.includes(role);
		const outcomes: [string, Outcome][] = [];
		if (f.kind === 'page') {
			outcomes.push([`GET ${url}`, await getPage(ctx, url, c)]);
			outcomes.push([`GET ${url} (__data.json)`, await getData(ctx, url, c)]);
			outcomes.push([`GET ${url} (__data.json, page node only)`, await getData(ctx, url, c, layoutSlots(f.routeId))]);
		} else if (f.kind === 'action') {
			outcomes.push([`POST ${url} ?/${f.name}`, await postAction(ctx, url, f.name, c, values)]);
		} else {
			const data = c.json ? (JSON.parse(fill(JSON.stringify(c.json), values)) as object) : undefined;
			const res = await ctx.fetch(url, { method: f.name === 'fallback' ? 'GET' : f.name, maxRedirects: 0, data });
			const body = await res.text();
			outcomes.push([
				`${f.name} ${url}`,
				{
					verdict: c.answered?.includes(res.status())
						? 'allowed'
						: statusVerdict(res.status(), res.headers()['location'], c),
					status: res.status(),
					detail: res.headers()['location'] ? `→ ${res.headers()['location']}` : '',
					body,
					html: (res.headers()['content-type'] ?? '').includes('text/html')
				}
			]);
			// Refused or not, a download is never an image the browser would render inline.
			if (
				res.ok() &&
				(res.headers()['content-type'] ?? '').startsWith('image/') &&
				!(res.headers()['content-disposition'] ?? '').startsWith('attachment')
			)
				mismatches.push(`[${role}] ${f.name} ${url}: an image served inline`);
		}
		for (const [what, o] of outcomes) {
			checked++;
			report.push(
				`${role.padEnd(16)} ${(allowed ? 'allow' : 'refuse').padEnd(6)} ${o.verdict.padEnd(7)} ` +
					`${String(o.status).padEnd(3)} ${what}${o.detail ? ` (${o.detail})` : ''}`
			);
			const label = `[${role}] ${what}: expected ${allowed ? 'allowed' : 'refused'}, got ${o.verdict} (${o.status}${o.detail ? ` ${o.detail}` : ''})`;
			if (o.verdict === 'broken')
				mismatches.push(`${label} — server or client error${o.body ? `: ${o.body.slice(0, 200)}` : ''}`);
			else if (o.verdict !== (allowed ? 'allowed' : 'refused')) mismatches.push(label);
			else if (!allowed)
				for (const p of refusalProblems(role, o, f.routeId.startsWith('/c/[campaignId]')))
					mismatches.push(`[${role}] ${what}: refused, but ${p}`);
		}
	}

	const cases = found.flatMap((f) => ([] as Case[]).concat(TABLE[f.key]).map((c) => ({ f, c })));
	const isLogout = (x: { f: Found }) => x.f.key === 'action /logout ?/default';
	// One sequence per role, the roles side by side; logging out comes last.
	await Promise.all(
		ROLES.map(async (role) => {
			for (const x of cases.filter((x) => !isLogout(x))) await runCase(role, x.f, x.c);
			for (const x of cases.filter(isLogout)) await runCase(role, x.f, x.c);
		})
	);
	await Promise.all(Object.values(contexts).map((c) => c.dispose()));
	// Every answer, for review: role, expectation, verdict, status, request.
	await test.info().attach('authz-matrix.txt', { body: report.sort().join('\n'), contentType: 'text/plain' });
	if (process.env.AUTHZ_MATRIX_REPORT) console.log(report.sort().join('\n'));
	expect(checked).toBeGreaterThan(100);
	expect(mismatches, `Authorization matrix mismatches:\n${mismatches.join('\n')}`).toEqual([]);
});

test('object ids of one campaign are 404 inside another, the expert cannot reach other dossiers, and a cross-site post is refused', async () => {
	test.setTimeout(180_000);
	const other = await signIn(setup.otherOrganizer);
	const expert = await signIn(setup.users.expert);
	const organizer = await signIn(setup.users.organizer);
	const c2 = `/c/${setup.otherCampaignId}`;
	const problems: string[] = [];
	const noSecrets = (what: string, body: string) => {
		for (const s of setup.secrets) if (body.includes(s.text)) problems.push(`${what} reveals the ${s.what}`);
	};

	// The organizer of authz2 uses authz's ids in authz2's URLs and forms.
	for (const url of [
		`${c2}/candidates/${setup.candidateId}`,
		`${c2}/candidates/${setup.candidateId}/dossier`,
		`${c2}/candidates/${setup.candidateId}/files/${setup.attachmentId}`,
		`${c2}/experts/${setup.expertId}`,
		`${c2}/rounds/${setup.roundId}`
	]) {
		const res = await other.get(url, { maxRedirects: 0 });
		if (res.status() !== 404) problems.push(`GET ${url} as ${setup.otherOrganizer}: ${res.status()}, expected 404`);
		noSecrets(`GET ${url}`, await res.text());
	}
	const action = async (ctx: APIRequestContext, url: string, form: Record<string, string>) => {
		const res = await ctx.post(url, {
			form,
			headers: { 'x-sveltekit-action': 'true', accept: 'application/json' },
			maxRedirects: 0
		});
		const body = await res.text();
		noSecrets(`POST ${url}`, body);
		return { status: res.status(), json: JSON.parse(body) as { type: string; status?: number } };
	};
	for (const [url, form] of [
		[
			`${c2}/conflicts?/decide`,
			{ id: setup.conflictId, decision: 'dismissed', reason: 'e2e: must not reach another campaign' }
		],
		[`${c2}/assignment?/add`, { candidateId: setup.candidateId, addExpertId: setup.expertId }],
		[`${c2}/panel?/close`, { roundId: setup.roundId }],
		[`${c2}/candidates/${setup.candidateId}?/deleteAttachment`, { attachmentId: setup.attachmentId }]
	] as const) {
		const r = await action(other, url, form);
		const status = r.json.type === 'failure' ? r.json.status : r.status;
		if (r.json.type === 'success' || r.json.type === 'redirect' || status !== 404)
			problems.push(`POST ${url} as ${setup.otherOrganizer}: ${JSON.stringify(r.json).slice(0, 200)}, expected 404`);
	}
	const db = await e2eDb();
	const still = (await db.select().from(conflicts).where(eq(conflicts.id, setup.conflictId)))[0];
	expect(still.status, 'the conflict of authz is untouched').toBe('confirmed');
	expect(
		(await listAttachments(db, setup.campaignId, setup.candidateId)).length,
		'the attachment of authz is untouched'
	).toBe(1);

	// The expert and a dossier of another panel: the same 404 for the page, its data and every action.
	const notMine = `/c/${setup.campaignId}/dossiers/${encodeURIComponent(setup.notReviewedCode)}`;
	for (const url of [notMine, `${notMine}?round=${setup.roundId}`, `${notMine}/__data.json?round=${setup.roundId}`]) {
		const res = await expert.get(url, {
			headers: url.includes('__data.json') ? {} : { accept: HTML },
			maxRedirects: 0
		});
		const body = await res.text();
		noSecrets(`GET ${url}`, body);
		const status = url.includes('__data.json')
			? ((JSON.parse(body) as { nodes: ({ type: string; status?: number } | null)[] }).nodes.find(
					(n) => n?.type === 'error'
				)?.status ?? 200)
			: res.status();
		if (status !== 404) problems.push(`GET ${url} as the expert: ${status}, expected 404`);
	}
	for (const name of ['save', 'submit', 'recuse']) {
		const r = await action(expert, `${notMine}?round=${setup.roundId}&/${name}`, {
			round: setup.roundId,
			baseVersion: '0',
			'v.merit': '10',
			'v.story': '10',
			'v.exemplary': '10',
			confirm: '1',
			reason: 'e2e'
		});
		const status = r.json.type === 'failure' ? r.json.status : r.status;
		if (status !== 404)
			problems.push(`POST ${notMine} ?/${name} as the expert: ${JSON.stringify(r.json).slice(0, 200)}, expected 404`);
	}

	// SvelteKit's CSRF check: a form post from another origin is refused before any action runs.
	const cross = await organizer.post(`/c/${setup.campaignId}/conflicts?/refresh`, {
		form: { probe: '1' },
		headers: { origin: 'http://evil.example', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	if (cross.status() !== 403) problems.push(`a cross-origin action post got ${cross.status()}, expected 403`);

	// After login, `next` only leads to this site.
	const anon = await signIn(null);
	for (const next of ['//evil.example/', '/\\evil.example/', 'https://evil.example/']) {
		const res = await anon.post(`/login?next=${encodeURIComponent(next)}`, {
			form: { username: setup.users.organizer, password: PASSWORD },
			headers: { accept: HTML },
			maxRedirects: 0
		});
		const location = res.headers()['location'] ?? '';
		const target = new URL(location, BASE);
		if (res.status() !== 303 || target.origin !== BASE)
			problems.push(`login with next=${next} redirects to ${location}`);
	}
	await Promise.all([other, expert, organizer, anon].map((c) => c.dispose()));
	expect(problems, problems.join('\n')).toEqual([]);
});
