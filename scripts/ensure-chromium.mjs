// Makes sure a Chromium for the end-to-end tests exists: the Debian package as root,
// Playwright's own download otherwise, or a clear message saying what to do.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const run = (cmd, args) =>
	spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
console.error(`未找到 Chromium（${path}），正在安装…`);
if (process.getuid?.() === 0) {
	if (
		run('apt-get', ['update', '-qq']) &&
		run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk']) &&
		existsSync(path)
	)
		process.exit(0);
} else if (run('npx', ['playwright', 'install', 'chromium'])) {
	process.exit(0);
}
console.error(
	'无法自动安装 Chromium。请以 root 运行 `apt-get install chromium fonts-noto-cjk`，' +
		'或运行 `npx playwright install chromium`，或设置 CHROMIUM_PATH 指向已安装的 Chromium 后重试。'
);
process.exit(1);
