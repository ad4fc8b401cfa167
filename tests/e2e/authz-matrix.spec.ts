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
import { test, expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { e2eDb, seedObserver, seedReviewCampaign } from './fixtures';
import { PASSWORD } from './helpers';
import { candidates, conflicts, experts, users } from '../../src/lib/server/db/schema';
import { createRound, listRounds, openRound, roundPairs } from '../../src/lib/server/services/rounds';
import { addOrganizerConflict } from '../../src/lib/server/services/conflicts';
import { listAttachments, saveAttachment } from '../../src/lib/server/services/attachments';
import { EXPORT_KINDS } from '../../src/lib/server/exports';
import type { CandidateRecord } from '../../src/lib/domain/types';
import { campaigns, panelDraws } from '../../src/lib/server/db/schema';
import { configOf } from '../../src/lib/server/services/campaigns';
import { importPoolCsv } from '../../src/lib/server/services/pool';
import { drawFromPool } from '../../src/lib/server/services/draw';

// ───────────────────────────── roles and the table ─────────────────────────────

import { ROLES, TABLE, type Role, type Case } from './authz-table';

// ───────────────────────────── enumeration from src/routes ─────────────────────────────

const ROUTES = resolve('src/routes');
const SRC = resolve('src');

interface Found {
	key: string;
	kind: 'page' | 'action' | 'endpoint';
	routeId: string;
	name: string; // action name or HTTP method
}

/** A tiny JS/TS tokenizer: identifiers, punctuation, and 'STR' for any string, template or regex. */
function tokenize(src: string): { t: string; at: number }[] {
	const out: { t: string; at: number }[] = [];
	const templateDepth: number[] = [];
	let i = 0;
	const last = () => out[out.length - 1]?.t;
	const regexCanStart = () => {
		const p = last();
		return p === undefined || /^[(,=:[!&|?{};+\-*%<>~^]$/.test(p) || p === 'return' || p === '=>' || p === 'typeof';
	};
	const scanTemplate = () => {
		// i is just after a backtick or a closing `}` of ${…}
		while (i < src.length) {
			const c = src[i];
			if (c === '\\') i += 2;
			else if (c === '`') {
				i++;
				return;
			} else if (c === '$' && src[i + 1] === '{') {
				out.push({ t: '{', at: i });
				templateDepth.push(0);
				i += 2;
				return;
			} else i++;
		}
	};
	while (i < src.length) {
		const c = src[i];
		if (/\s/.test(c)) i++;
		else if (c === '/' && src[i + 1] === '/') i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
		else if (c === '/' && src[i + 1] === '*')
			i = src.indexOf('*/', i + 2) < 0 ? src.length : src.indexOf('*/', i + 2) + 2;
		else if (c === '"' || c === "'") {
			const at = i;
			i++;
			while (i < src.length && src[i] !== c) i += src[i] === '\\' ? 2 : 1;
			i++;
			out.push({ t: 'STR', at });
		} else if (c === '`') {
			out.push({ t: 'STR', at: i });
			i++;
			scanTemplate();
		} else if (c === '/' && regexCanStart()) {
			const at = i;
			i++;
			let inClass = false;
			while (i < src.length) {
				if (src[i] === '\\') i += 2;
				else if (src[i] === '[') {
					inClass = true;
					i++;
				} else if (src[i] === ']') {
					inClass = false;
					i++;
				} else if (src[i] === '/' && !inClass) break;
				else i++;
			}
			i++;
			while (/[a-z]/i.test(src[i] ?? '')) i++;
			out.push({ t: 'STR', at });
		} else if (/[A-Za-z_$]/.test(c)) {
			const at = i;
			while (/[\w$]/.test(src[i] ?? '')) i++;
			out.push({ t: src.slice(at, i), at });
		} else if (/\d/.test(c)) {
			const at = i;
			while (/[\w.]/.test(src[i] ?? '')) i++;
			out.push({ t: 'NUM', at });
		} else if (src.startsWith('...', i)) {
			out.push({ t: '...', at: i });
			i += 3;
		} else if (src.startsWith('=>', i)) {
			out.push({ t: '=>', at: i });
			i += 2;
		} else if (c === '{') {
			if (templateDepth.length) templateDepth[templateDepth.length - 1]++;
			out.push({ t: '{', at: i++ });
		} else if (c === '}') {
			out.push({ t: '}', at: i++ });
			if (templateDepth.length) {
				if (templateDepth[templateDepth.length - 1] === 0) {
					templateDepth.pop();
					scanTemplate();
				} else templateDepth[templateDepth.length - 1]--;
			}
		} else out.push({ t: c, at: i++ });
	}
	return out;
}

/** Top-level keys and spreads of the object literal starting at tokens[start] ('{'). */
function objectKeys(tokens: { t: string }[], start: number): { keys: string[]; spreads: string[] } {
	const keys: string[] = [];
	const spreads: string[] = [];
	let depth = 0;
	let expectKey = true;
	for (let i = start; i < tokens.length; i++) {
		const t = tokens[i].t;
		if (t === '{' || t === '(' || t === '[') {
			depth++;
			if (depth > 1) expectKey = false;
			continue;
		}
		if (t === '}' || t === ')' || t === ']') {
			depth--;
			if (depth === 0) return { keys, spreads };
			continue;
		}
		if (depth !== 1) continue;
		if (t === ',') {
			expectKey = true;
			continue;
		}
		if (!expectKey) continue;
		expectKey = false;
		if (t === '...') {
			spreads.push(tokens[i + 1].t);
			continue;
		}
		let k = i;
		if (tokens[k].t === 'async' && tokens[k + 1] && /^[\w$]+$|^STR$/.test(tokens[k + 1].t) && tokens[k + 1].t !== '(')
			k++;
		if (tokens[k + 1]?.t === ':' || tokens[k + 1]?.t === '(' || tokens[k + 1]?.t === ',' || tokens[k + 1]?.t === '}')
			keys.push(tokens[k].t);
		else throw new Error(`cannot read the key at “${tokens[k].t}”`);
	}
	throw new Error('unterminated object literal');
}

function resolveModule(fromFile: string, spec: string): string | null {
	const base = spec.startsWith('$lib/')
		? join(SRC, 'lib', spec.slice(5))
		: spec.startsWith('.')
			? resolve(dirname(fromFile), spec)
			: null;
	if (!base) return null;
	for (const p of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')])
		if (existsSync(p) && statSync(p).isFile()) return p;
	return null;
}

/** Keys of `export const <name> = { … }` in a file, spreads followed (also into imported modules). */
function exportedObjectKeys(file: string, name: string, seen = new Set<string>()): string[] {
	const id = `${file}#${name}`;
	if (seen.has(id)) throw new Error(`circular spread ${id}`);
	seen.add(id);
	const src = readFileSync(file, 'utf8');
	const decl = new RegExp(`(?:export\\s+)?(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\b[^=]*=`).exec(src);
	if (!decl) {
		// Imported from elsewhere?
		for (const m of src.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
			for (const part of m[1].split(',')) {
				const [orig, alias] = part.trim().split(/\s+as\s+/);
				if ((alias ?? orig) === name) {
					const target = resolveModule(file, m[2]);
					if (!target) throw new Error(`cannot resolve “${m[2]}” imported by ${relative(process.cwd(), file)}`);
					return exportedObjectKeys(target, orig, seen);
				}
			}
		}
		throw new Error(`no declaration of “${name}” in ${relative(process.cwd(), file)}`);
	}
	const tokens = tokenize(src.slice(decl.index + decl[0].length));
	// `= { … }` possibly followed by `satisfies …` / `as …`
	if (tokens[0]?.t !== '{')
		throw new Error(
			`${relative(process.cwd(), file)}: “${name}” is not an object literal; write it as one so that the authorization matrix can read it`
		);
	const { keys, spreads } = objectKeys(tokens, 0);
	for (const s of spreads) {
		// A spread of a local or imported object.
		keys.push(...exportedObjectKeys(file, s, seen));
	}
	return keys;
}

function discoverRoutes(): Found[] {
	const found: Found[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
		const rel = relative(ROUTES, dir).split(/[\\/]/).filter(Boolean);
		const routeId = '/' + rel.join('/');
		const has = (...names: string[]) => names.some((n) => files.has(n));
		if (has('+page.svelte', '+page.server.ts', '+page.server.js', '+page.ts', '+page.js')) {
			found.push({ key: `page ${routeId}`, kind: 'page', routeId, name: 'GET' });
			const server = ['+page.server.ts', '+page.server.js'].map((n) => join(dir, n)).find((p) => existsSync(p));
			if (server && /export\s+const\s+actions\b/.test(readFileSync(server, 'utf8'))) {
				for (const name of exportedObjectKeys(server, 'actions'))
					found.push({ key: `action ${routeId} ?/${name}`, kind: 'action', routeId, name });
			}
		}
		const endpoint = ['+server.ts', '+server.js'].map((n) => join(dir, n)).find((p) => existsSync(p));
		if (endpoint) {
			const src = readFileSync(endpoint, 'utf8');
			const methods = new Set<string>();
			for (const m of src.matchAll(
				/export\s+(?:const|let|var|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|fallback)\b/g
			))
				methods.add(m[1]);
			for (const m of src.matchAll(/export\s*\{([^}]*)\}/g))
				for (const part of m[1].split(',')) {
					const name = part
						.trim()
						.split(/\s+as\s+/)
						.pop()!;
					if (/^(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|fallback)$/.test(name)) methods.add(name);
				}
			for (const method of methods)
				found.push({ key: `${method} ${routeId}`, kind: 'endpoint', routeId, name: method });
		}
		for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
	};
	walk(ROUTES);
	return found;
}

// ───────────────────────────── setup: campaigns, round, conflict, attachment ─────────────────────────────

const BASE = `http://localhost:${process.env.E2E_PORT}`;
const HTML = 'text/html,application/xhtml+xml';
const actor = { id: null, name: 'e2e-authz' };

interface Setup {
	campaignId: string;
	otherCampaignId: string;
	roundId: string;
	draftRoundId: string;
	code: string; // reviewed by `expert`, conflicted for `conflictedExpert`
	notReviewedCode: string;
	candidateId: string; // the candidate behind `code`
	expertId: string;
	attachmentId: string;
	token: string;
	users: Record<Exclude<Role, 'anonymous'>, string>;
	otherOrganizer: string;
	/** Strings that must never appear in a refused answer: candidates' names and units, the campaign's name. */
	secrets: { text: string; what: string }[];
	conflictId: string;
	drawId: string;
}

let setup: Setup;

async function usernameOfExpert(expertId: string): Promise<string> {
	const db = await e2eDb();
	const row = (
		await db
			.select({ u: users.username })
			.from(experts)
			.innerJoin(users, eq(users.id, experts.userId))
			.where(eq(experts.id, expertId))
	)[0];
	return row.u;
}

const unitOf = (unitAndTitle: string) => (unitAndTitle ?? '').trim().split(/\s+/)[0] ?? '';

test.beforeAll(async () => {
	test.setTimeout(300_000);
	const campaignId = await seedReviewCampaign('authz');
	const otherCampaignId = await seedReviewCampaign('authz2');
	const observer = await seedObserver(campaignId, 'authz');
	const db = await e2eDb();

	// A score round reviewed by the field panels, open; and a draft second round for the life-cycle actions.
	let rounds = await listRounds(db, campaignId);
	if (!rounds.length) {
		const r = await createRound(db, actor, campaignId, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			deadline: '2030-06-30'
		});
		if (!r.ok) throw new Error(r.message);
		const o = await openRound(db, actor, campaignId, r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
		if (!o.ok) throw new Error(o.message);
		const r2 = await createRound(db, actor, campaignId, { name: '复评', type: 'score', reviewers: 'panel' });
		if (!r2.ok) throw new Error(r2.message);
		rounds = await listRounds(db, campaignId);
	}
	const round = rounds.find((r) => r.state === 'open')!;
	const draft = rounds.find((r) => r.state === 'draft')!;

	const expertUser = (await db.select().from(users).where(eq(users.username, 'authz-expert01')))[0];
	const me = (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.campaignId, campaignId), eq(experts.userId, expertUser.id)))
	)[0];
	const all = await db.select().from(candidates).where(eq(candidates.campaignId, campaignId));
	const byId = new Map(all.map((c) => [c.id, c]));

	// The conflicted expert: a panel colleague who (before the conflict) also reviewed the chosen dossier.
	let existing = (
		await db
			.select()
			.from(conflicts)
			.where(and(eq(conflicts.campaignId, campaignId), eq(conflicts.kind, 'organizer')))
	)[0];
	if (!existing) {
		const pairs = await roundPairs(db, round);
		const mine = pairs.filter((p) => p.expertId === me.id).map((p) => p.candidateId);
		const shared = mine
			.map((c) => ({
				c,
				others: pairs.filter((p) => p.candidateId === c && p.expertId !== me.id).map((p) => p.expertId)
			}))
			.filter((x) => x.others.length)
			.sort((a, b) => (byId.get(a.c)!.reviewCode! < byId.get(b.c)!.reviewCode! ? -1 : 1))[0];
		if (!shared) throw new Error('authz-expert01 shares no dossier with a colleague');
		const r = await addOrganizerConflict(
			db,
			actor,
			campaignId,
			shared.others.sort()[0],
			shared.c,
			'与候选人为同一课题组成员（e2e）'
		);
		if (!r.ok) throw new Error(r.message);
		existing = (
			await db
				.select()
				.from(conflicts)
				.where(and(eq(conflicts.campaignId, campaignId), eq(conflicts.kind, 'organizer')))
		)[0];
	}
	const candidateId = existing.candidateId;
	const candidate = byId.get(candidateId)!;
	const pairsNow = await roundPairs(db, round);
	expect(
		pairsNow.some((p) => p.expertId === me.id && p.candidateId === candidateId),
		'expert01 reviews the dossier'
	).toBe(true);
	expect(
		pairsNow.some((p) => p.expertId === existing.expertId && p.candidateId === candidateId),
		'the conflicted colleague does not'
	).toBe(false);
	const reviewed = new Set(pairsNow.filter((p) => p.expertId === me.id).map((p) => p.candidateId));
	const notReviewed = all
		.filter((c) => !reviewed.has(c.id))
		.sort((a, b) => (a.reviewCode! < b.reviewCode! ? -1 : 1))[0];

	// A portrait named after the candidate, as offices send them.
	process.env.LAUREL_FILES = `.e2e/${process.env.E2E_PORT}/files`;
	let files = await listAttachments(db, campaignId, candidateId);
	if (!files.length) {
		const record = candidate.record as CandidateRecord;
		const bytes = new Uint8Array([
			0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x61, 0x75, 0x74, 0x68, 0x7a, 0xff, 0xd9
		]);
		const r = await saveAttachment(db, actor, campaignId, candidateId, {
			kind: 'portrait',
			filename: `${record.name}-2寸照片.jpg`,
			bytes
		});
		if (!r.ok) throw new Error(r.message);
		files = await listAttachments(db, campaignId, candidateId);
	}

	// A random panel draw (issue 15) for the draw record routes.
	let draw = (await db.select().from(panelDraws).where(eq(panelDraws.campaignId, campaignId)))[0];
	if (!draw) {
		const fields = configOf((await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0]).fields;
		const csv = [
			'姓名,工作单位,评审领域,地区',
			...[0, 1, 2].map((i) => `矩阵库专家${i},矩阵研究所${i},${fields[0]},南宁市`)
		].join('\n');
		const imported = await importPoolCsv(db, actor, campaignId, new TextEncoder().encode(csv + '\n'), fields);
		if (!imported.ok) throw new Error(imported.message);
		const r = await drawFromPool(db, actor, campaignId, fields, {
			field: fields[0],
			size: 1,
			alternates: 0,
			maxPerUnit: 1,
			seed: 'authz'
		});
		if (!r.ok) throw new Error(r.message);
		draw = (await db.select().from(panelDraws).where(eq(panelDraws.campaignId, campaignId)))[0];
	}

	const secrets: Setup['secrets'] = [];
	for (const c of all) {
		const r = c.record as CandidateRecord;
		secrets.push({ text: r.name, what: `name of ${c.reviewCode}` });
		const unit = unitOf(r.unitAndTitle);
		if (unit.length >= 4) secrets.push({ text: unit, what: `unit of ${c.reviewCode}` });
	}

	setup = {
		campaignId,
		otherCampaignId,
		roundId: round.id,
		draftRoundId: draft.id,
		code: candidate.reviewCode!,
		notReviewedCode: notReviewed.reviewCode!,
		candidateId,
		expertId: me.id,
		attachmentId: files[0].id,
		token: 'no-such-invitation-token',
		users: {
			otherExpert: 'authz2-expert01',
			expert: 'authz-expert01',
			conflictedExpert: await usernameOfExpert(existing.expertId),
			chair: 'authz-chair',
			organizer: 'authz-organizer',
			observer
		},
		otherOrganizer: 'authz2-organizer',
		secrets,
		conflictId: existing.id,
		drawId: draw.id
	};
});

// ───────────────────────────── HTTP helpers ─────────────────────────────

async function signIn(username: string | null): Promise<APIRequestContext> {
	const headers = { origin: BASE };
	if (!username) return playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: headers });
	const login = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: headers });
	// As a browser posts the form (with `accept: */*` SvelteKit would answer as to `use:enhance`).
	const res = await login.post('/login', {
		form: { username, password: PASSWORD },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status(), `login of ${username}`).toBe(303);
	const storageState = await login.storageState();
	expect(storageState.cookies.length, `session cookie of ${username}`).toBeGreaterThan(0);
	await login.dispose();
	return playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: headers, storageState });
}

type Outcome = {
	verdict: 'allowed' | 'refused' | 'broken';
	status: number;
	detail: string;
	body: string;
	html: boolean;
};

const fill = (s: string, values: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

function urlOf(routeId: string, params: Record<string, string>): string {
	const segs = routeId
		.split('/')
		.filter(Boolean)
		.filter((s) => !/^\(.*\)$/.test(s));
	const out = segs.map((s) =>
		s.replace(/\[\[?(?:\.\.\.)?(\w+)(?:=\w+)?\]?\]/g, (_m, name: string) => {
			if (!(name in params))
				throw new Error(
					`no value for route param [${name}] of ${routeId}: add one to the params of the authorization matrix`
				);
			return encodeURIComponent(params[name]);
		})
	);
	return '/' + out.join('/');
}

/**
 * How many layout slots SvelteKit puts before a page's own node: one per folder from the root to
 * the page's that has a +layout or +error file (the root always has one).
 */
function layoutSlots(routeId: string): number {
	let n = 0;
	let dir = ROUTES;
	for (const seg of ['', ...routeId.split('/').filter(Boolean)]) {
		if (seg) dir = join(dir, seg);
		const files = existsSync(dir) ? readdirSync(dir) : [];
		if (!seg || files.some((f) => /^\+(layout|error)\b/.test(f))) n++;
	}
	return n;
}

const dataUrl = (path: string) => (path === '/' ? '/__data.json' : `${path.replace(/\/$/, '')}/__data.json`);

function statusVerdict(status: number, location: string | undefined, c: Case): Outcome['verdict'] {
	if (status >= 500) return 'broken';
	if (status >= 300 && status < 400)
		return location?.startsWith('/login') && !c.loginRedirectIsOk ? 'refused' : 'allowed';
	if (status === 401 || status === 403 || status === 404) return 'refused';
	if (status >= 400) return 'broken';
	return 'allowed';
}

async function getPage(ctx: APIRequestContext, url: string, c: Case): Promise<Outcome> {
	const res = await ctx.get(url, { headers: { accept: HTML }, maxRedirects: 0 });
	const body = await res.text();
	const location = res.headers()['location'];
	return {
		verdict: statusVerdict(res.status(), location, c),
		status: res.status(),
		detail: location ? `→ ${location}` : '',
		body,
		html: (res.headers()['content-type'] ?? '').includes('text/html')
	};
}

/**
 * The page's data as the client router asks for it. With `leafOnly`, the layouts are skipped
 * (`x-sveltekit-invalidated=0…01`, as after a client-side invalidation): a page that relied on its
 * layout for authorization would answer here.
 */
async function getData(ctx: APIRequestContext, url: string, c: Case, leafOnly?: number): Promise<Outcome> {
	const [path, query] = url.split('?');
	const params = new URLSearchParams(query ?? '');
	if (leafOnly !== undefined) params.set('x-sveltekit-invalidated', '0'.repeat(leafOnly) + '1');
	const res = await ctx.get(dataUrl(path) + (params.toString() ? `?${params}` : ''), { maxRedirects: 0 });
	const body = await res.text();
	const base = { status: res.status(), body, html: false };
	if (res.status() !== 200)
		return { ...base, verdict: statusVerdict(res.status(), res.headers()['location'], c), detail: 'data' };
	// A streamed answer (text/sveltekit-data) starts with the same JSON on its first line.
	const json = JSON.parse(body.split('\n')[0]) as {
		type: string;
		location?: string;
		nodes?: ({ type: string; status?: number } | null)[];
	};
	if (json.type === 'redirect')
		return { ...base, status: 303, verdict: statusVerdict(303, json.location, c), detail: `data → ${json.location}` };
	if (leafOnly !== undefined && (json.nodes?.length !== leafOnly + 1 || json.nodes[leafOnly]?.type === 'skip'))
		return {
			...base,
			verdict: 'broken',
			detail: `leaf-only data: ${leafOnly} layout slots assumed, got ${JSON.stringify(json.nodes?.map((n) => n?.type ?? null))}`
		};
	const err = (json.nodes ?? []).find((n) => n?.type === 'error');
	if (err) {
		const status = err.status ?? 500;
		return { ...base, status, verdict: statusVerdict(status, undefined, c), detail: `data error node ${status}` };
	}
	return { ...base, verdict: 'allowed', detail: 'data' };
}

async function postAction(
	ctx: APIRequestContext,
	url: string,
	name: string,
	c: Case,
	values: Record<string, string>
): Promise<Outcome> {
	const target = name === 'default' ? url : `${url}${url.includes('?') ? '&' : '?'}/${name}`;
	const form: Record<string, string> = { probe: '1' };
	for (const [k, v] of Object.entries(c.form ?? {})) form[k] = fill(v, values);
	const res = await ctx.post(target, {
		form,
		headers: { 'x-sveltekit-action': 'true', accept: 'application/json' },
		maxRedirects: 0
	});
	const body = await res.text();
	const status = res.status();
	const base = { body, html: false };
	let json: { type?: string; status?: number; location?: string } | null;
	try {
		json = JSON.parse(body);
	} catch {
		json = null;
	}
	if (!json?.type)
		return { ...base, status, verdict: statusVerdict(status, res.headers()['location'], c), detail: `HTTP ${status}` };
	if (json.type === 'error')
		return { ...base, status, verdict: statusVerdict(status, undefined, c), detail: `error ${status}` };
	if (json.type === 'redirect')
		return {
			...base,
			status: json.status ?? 303,
			verdict: statusVerdict(303, json.location, c),
			detail: `redirect → ${json.location}`
		};
	if (json.type === 'failure') {
		const s = json.status ?? 400;
		if (s >= 500) return { ...base, status: s, verdict: 'broken', detail: `failure ${s}` };
		// fail(404) is the service's "no such thing" after authorization passed, unless the case says
		// it is how this action refuses (the dossier's own 404 for anything not assigned).
		const refused = c.failureIsRefusal && (s === 401 || s === 403 || s === 404);
		return { ...base, status: s, verdict: refused ? 'refused' : 'allowed', detail: `failure ${s}` };
	}
	return { ...base, status: json.status ?? status, verdict: 'allowed', detail: json.type };
}

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
			const res = await ctx.fetch(url, { method: f.name === 'fallback' ? 'GET' : f.name, maxRedirects: 0 });
			const body = await res.text();
			outcomes.push([
				`${f.name} ${url}`,
				{
					verdict: statusVerdict(res.status(), res.headers()['location'], c),
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
				`${role.padEnd(16)} ${(allowed ? 'allow' : 'refuse').padEnd(6)} ${o.verdict.padEnd(7)} ${String(o.status).padEnd(3)} ${what}${o.detail ? ` (${o.detail})` : ''}`
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
