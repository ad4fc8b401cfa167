// The breadth-first crawl of the anonymity specs: from the start URLs, every same-origin link
// (a[href], form actions, formaction) is fetched as HTML and as its SvelteKit data
// (`<path>/__data.json?<query>`), without /logout, up to a cap.
import type { APIRequestContext } from '@playwright/test';

export interface Fetched {
	url: string;
	status: number;
	contentType: string;
	location: string;
	body: string;
}

export const decodeEntities = (s: string) =>
	s
		.replace(/&amp;/g, '&')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>');
export const decodeJsonEscapes = (s: string) =>
	s.replace(/\\u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
export const dataUrl = (path: string) => (path === '/' ? '/__data.json' : `${path.replace(/\/$/, '')}/__data.json`);

export function crawler(ctx: APIRequestContext, base: string) {
	const fetched: Fetched[] = [];
	const seen = new Set<string>();
	const queue: string[] = [];
	const enqueue = (href: string, from: string) => {
		let u: URL;
		try {
			u = new URL(decodeEntities(href), base + from);
		} catch {
			return;
		}
		if (u.origin !== base || !/^https?:$/.test(u.protocol)) return;
		if (u.pathname === '/logout' || u.pathname.startsWith('/_app/') || u.pathname.endsWith('/__data.json')) return;
		// The page behind a form action (`?/save`, `&/recuse`): the action name is not part of it.
		for (const k of [...u.searchParams.keys()]) if (k.startsWith('/')) u.searchParams.delete(k);
		const key = u.pathname + u.search;
		if (!seen.has(key) && !queue.includes(key)) queue.push(key);
	};
	const fetchOne = async (url: string): Promise<Fetched> => {
		// Pages as a browser asks for them; data as the client router does.
		const res = await ctx.get(url, {
			headers: url.includes('/__data.json') ? {} : { accept: 'text/html,application/xhtml+xml' },
			maxRedirects: 0
		});
		const headers = res.headers();
		const f = {
			url,
			status: res.status(),
			contentType: headers['content-type'] ?? '',
			location: headers['location'] ?? '',
			body: await res.text()
		};
		fetched.push(f);
		return f;
	};
	const run = async (maxUrls: number) => {
		while (queue.length && seen.size < maxUrls) {
			const url = queue.shift()!;
			if (seen.has(url)) continue;
			seen.add(url);
			const page = await fetchOne(url);
			if (page.status >= 300 && page.status < 400 && page.location) {
				enqueue(page.location, url);
				continue;
			}
			if (!page.contentType.includes('text/html')) continue;
			for (const m of page.body.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)) enqueue(m[1], url);
			for (const m of page.body.matchAll(/<form\b[^>]*?\saction="([^"]*)"/g)) enqueue(m[1], url);
			for (const m of page.body.matchAll(/\sformaction="([^"]*)"/g)) enqueue(m[1], url);
			const [path, query] = url.split('?');
			await fetchOne(dataUrl(path) + (query ? `?${query}` : ''));
		}
	};
	return { fetched, seen, enqueue, fetchOne, run };
}
