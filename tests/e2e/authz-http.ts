// HTTP probes of the authorization matrix (see authz-matrix.spec.ts): each kind of request (page,
// __data.json, form action) turned into an allowed/refused/broken verdict.
import type { APIRequestContext } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HTML } from './authz-setup';
import { ROUTES } from './authz-routes';
import type { Case } from './authz-table';

export type Outcome = {
	verdict: 'allowed' | 'refused' | 'broken';
	status: number;
	detail: string;
	body: string;
	html: boolean;
};

export const fill = (s: string, values: Record<string, string>) =>
	s.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

export function urlOf(routeId: string, params: Record<string, string>): string {
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
export function layoutSlots(routeId: string): number {
	let n = 0;
	let dir = ROUTES;
	for (const seg of ['', ...routeId.split('/').filter(Boolean)]) {
		if (seg) dir = join(dir, seg);
		const files = existsSync(dir) ? readdirSync(dir) : [];
		if (!seg || files.some((f) => /^\+(layout|error)\b/.test(f))) n++;
	}
	return n;
}

export const dataUrl = (path: string) => (path === '/' ? '/__data.json' : `${path.replace(/\/$/, '')}/__data.json`);

export function statusVerdict(status: number, location: string | undefined, c: Case): Outcome['verdict'] {
	if (status >= 500) return 'broken';
	if (status >= 300 && status < 400)
		return location?.startsWith('/login') && !c.loginRedirectIsOk ? 'refused' : 'allowed';
	if (status === 401 || status === 403 || status === 404) return 'refused';
	if (status >= 400) return 'broken';
	return 'allowed';
}

export async function getPage(ctx: APIRequestContext, url: string, c: Case): Promise<Outcome> {
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
export async function getData(ctx: APIRequestContext, url: string, c: Case, leafOnly?: number): Promise<Outcome> {
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

export async function postAction(
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
