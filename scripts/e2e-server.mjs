// Serves the built app for the end-to-end tests on a fresh database file with the demo seeded,
// and a real SMTP receiver (scripts/smtp-sink.mjs) whose mails land in .e2e/<port>/mail/.
// Everything lives under .e2e/<port>/ so that parallel runs on one machine do not collide.
import { rmSync, mkdirSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';
import { startSmtpSink } from './smtp-sink.mjs';

const port = process.env.E2E_PORT || '4173';
const dir = `.e2e/${port}`;
rmSync(dir, { recursive: true, force: true });
mkdirSync(`${dir}/db`, { recursive: true });
const buildEnv = { ...process.env, LAUREL_BUILD_DIR: `${dir}/build`, LAUREL_KIT_DIR: `${dir}/kit` };
const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
	stdio: ['ignore', 'ignore', 'inherit'],
	env: buildEnv
});
if (build.status !== 0) process.exit(build.status ?? 1);
const smtp = await startSmtpSink(`${dir}/mail`);
const env = {
	...process.env,
	SMTP_URL: `smtp://laurel:test@127.0.0.1:${smtp.port}`,
	MAIL_FROM: 'Laurel 评审系统 <laurel@example.test>',
	DATABASE_URL: `file:${dir}/db/laurel.db`,
	LAUREL_FILES: `${dir}/files`,
	PORT: port,
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '32M',
	ORIGIN: `http://localhost:${port}`,
	// The specs that use the demo walk through its setup themselves (conflicts, assignment, import),
	// so the e2e server seeds it before the assignment; tests/e2e/demo.spec.ts covers the mid-review start.
	LAUREL_DEMO_STAGE: 'setup'
};
delete env.LAUREL_NO_DEMO;
const child = spawn(process.execPath, [`${dir}/build/index.js`], { stdio: 'inherit', env });
const stop = () => {
	child.kill('SIGTERM');
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, stop);
child.on('exit', (code) => {
	rmSync(dir, { recursive: true, force: true });
	process.exit(code ?? 0);
});
