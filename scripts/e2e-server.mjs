// Serves the built app for the end-to-end tests on a fresh database file with the demo seeded.
import { rmSync, mkdirSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';

const dir = 'test-results/e2e-db';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);
const env = {
	...process.env,
	DATABASE_URL: `file:${dir}/laurel.db`,
	LAUREL_FILES: `${dir}/files`,
	PORT: process.env.E2E_PORT || '4173',
	ORIGIN: `http://localhost:${process.env.E2E_PORT || '4173'}`
};
delete env.LAUREL_NO_DEMO;
const child = spawn(process.execPath, ['build/index.js'], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
