// A signed-in HTTP client for the e2e specs that call the server without a browser (the authorization
// matrix, the anonymity crawls, the declaration oracle): one login, as a browser posts the form.
import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { PASSWORD } from '../e2e/helpers';

/** The e2e server of this run (playwright.config.ts picks the port). */
export const E2E_BASE = `http://localhost:${process.env.E2E_PORT}`;

/** A request context signed in as `username` (null: anonymous), sending a same-site Origin. */
export async function signIn(username: string | null): Promise<APIRequestContext> {
	const headers = { origin: E2E_BASE };
	if (!username) return playwrightRequest.newContext({ baseURL: E2E_BASE, extraHTTPHeaders: headers });
	const login = await playwrightRequest.newContext({ baseURL: E2E_BASE, extraHTTPHeaders: headers });
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
	return playwrightRequest.newContext({ baseURL: E2E_BASE, extraHTTPHeaders: headers, storageState });
}
