import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// A port per run (inherited by the workers), so that several runs on one machine do not collide.
process.env.E2E_PORT ||= String(41000 + (process.pid % 2000));
const PORT = Number(process.env.E2E_PORT);

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: `test-results/pw-${PORT}`,
	globalTeardown: './tests/e2e/teardown.ts',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		launchOptions: {
			// The system Chromium (Playwright cannot download browsers here); fall back to
			// Playwright's own when it was installed by scripts/ensure-chromium.mjs instead.
			executablePath: existsSync(chromium) ? chromium : undefined,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		command: 'node scripts/e2e-server.mjs',
		url: `http://localhost:${PORT}/login`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		env: { E2E_PORT: String(PORT) }
	}
});
