import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// Separate output folders let several end-to-end runs build side by side (scripts/e2e-server.mjs).
		adapter: adapter({ out: process.env.LAUREL_BUILD_DIR || 'build' }),
		outDir: process.env.LAUREL_KIT_DIR || '.svelte-kit',
		// Strict CSP: scripts only from us (SvelteKit adds a nonce/hash to its own inline bootstrap).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		csrf: { trustedOrigins: [] }
	}
};

export default config;
