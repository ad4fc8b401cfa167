// The command line of CONTRACTS.md. Each command lives in scripts/cli/<name>.ts and is
// loaded lazily, so that commands which never touch the database (assign, select) start fast.
import type { CliResult, Command } from './cli/types';

const commands: Record<string, () => Promise<{ default: Command }>> = {
	'seed-demo': () => import('./cli/seed-demo'),
	backup: () => import('./cli/backup'),
	'campaign-create': () => import('./cli/campaign-create'),
	'import-candidates': () => import('./cli/import-candidates'),
	check: () => import('./cli/check'),
	export: () => import('./cli/export'),
	dossier: () => import('./cli/dossier'),
	assign: () => import('./cli/assign'),
	draw: () => import('./cli/draw'),
	select: () => import('./cli/select'),
	'audit-verify': () => import('./cli/audit'),
	'member-add': () => import('./cli/member'),
	'experts-import': () => import('./cli/experts')
};

async function main(): Promise<number> {
	const [name, ...rest] = process.argv.slice(2);
	// `campaign create`, `member add` … are two words; join them into one command name.
	const twoWords = name && rest[0] ? `${name}-${rest[0]}` : '';
	const key = twoWords && commands[twoWords] ? (rest.shift(), twoWords) : name;
	const load = key ? commands[key] : undefined;
	if (!load) {
		process.stderr.write(`用法: npm run --silent laurel -- <command>\n可用命令: ${Object.keys(commands).join(', ')}\n`);
		process.stdout.write(JSON.stringify({ error: 'UNKNOWN_COMMAND', message: `未知命令: ${name ?? ''}` }) + '\n');
		return 2;
	}
	let result: CliResult;
	try {
		result = await (await load()).default(rest);
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		process.stderr.write(`错误: ${message}\n`);
		result = { exit: 1, json: { error: 'INTERNAL', message } };
	}
	// Wait until stdout has taken everything: exiting right after write() cuts piped output short.
	const out = result.raw ?? (result.json !== undefined ? JSON.stringify(result.json) + '\n' : '');
	if (out) await new Promise<void>((resolve) => process.stdout.write(out, () => resolve()));
	return result.exit;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		process.stderr.write(String(e) + '\n');
		process.exit(1);
	}
);
