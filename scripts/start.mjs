// `npm start`: build when the sources are newer than the build, then serve.
// The server applies migrations and seeds the demo itself (src/hooks.server.ts `init`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync, spawn } from 'node:child_process';

function newest(path) {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let m = st.mtimeMs;
	for (const name of readdirSync(path)) m = Math.max(m, newest(join(path, name)));
	return m;
}

const stamp = 'build/index.js';
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
const needsBuild = !existsSync(stamp) || Math.max(...sources.map(newest)) > statSync(stamp).mtimeMs;
if (needsBuild) {
	console.log('正在构建应用…');
	const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
// BODY_SIZE_LIMIT is the upper bound, reached only by the office's import and upload actions;
// src/lib/server/body-limit.ts holds strangers to 64 KB and signed-in users' other forms to 512 KB.
const env = { ...process.env, PORT: process.env.PORT || '3000', BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '32M' };
// adapter-node assumes https when it is not told the origin, and then refuses the login form's
// POST from http://localhost as cross-site. Served elsewhere, set ORIGIN to the public URL.
env.ORIGIN ||= `http://localhost:${env.PORT}`;
const child = spawn(process.execPath, ['build/index.js'], { stdio: 'inherit', env });
console.log(`Laurel 正在 ${env.ORIGIN} 上运行`);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
