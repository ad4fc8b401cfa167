// A consistent copy while the server runs: VACUUM INTO reads one snapshot of the WAL database.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from './types';
import { badInput } from './types';
import { readArgs } from './args';
import { openDatabase, DEFAULT_DATABASE_URL } from '../../src/lib/server/db';

const command: Command = async (args) => {
	const read = readArgs(args, { out: { type: 'string' } });
	if (!read.ok) return read.result;
	const opts = read.values;
	if (!opts.out) return badInput('BAD_INPUT', '缺少参数 --out <文件>');
	const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
	if (!url.startsWith('file:')) {
		return {
			exit: 1,
			json: { error: 'UNSUPPORTED', message: '远程 libSQL 数据库请使用服务端的备份功能（如 turso db shell .dump）' }
		};
	}
	const out = resolve(opts.out);
	if (existsSync(out)) return badInput('BAD_INPUT', `目标文件已存在：${out}`);
	const db = await openDatabase(url);
	await db.$client.execute({ sql: 'VACUUM INTO ?', args: [out] });
	process.stderr.write(`已备份到 ${out}\n`);
	return { exit: 0, json: { ok: true, out } };
};
export default command;
