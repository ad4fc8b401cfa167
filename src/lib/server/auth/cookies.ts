import type { Cookies } from '@sveltejs/kit';

type CookieOptions = Parameters<Cookies['set']>[2];

/** HttpOnly, SameSite=Lax, Secure everywhere but plain-HTTP localhost. */
export function sessionCookieOptions(url: URL, expiresAt: number): CookieOptions {
	const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:' || !local,
		expires: new Date(expiresAt)
	};
}
