import { readFileSync } from 'node:fs';
import type { Command } from './types';
import { badInput, parseOptions } from './types';
import { CLI_ACTOR, withCampaign } from './db';
import { importCandidates } from '../../src/lib/server/services/intake';

const command: Command = async (args) => {
	const opts = parseOptions(args);
	if (!opts.file || opts.file === 'true') return badInput('BAD_INPUT', '缺少参数 --file <CSV文件>');
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(readFileSync(opts.file));
	} catch (e) {
		return badInput('BAD_INPUT', `无法读取文件 ${opts.file}：${(e as Error).message}`);
	}
	return withCampaign(opts.campaign, async (db, campaign) => {
		const r = await importCandidates(db, CLI_ACTOR, campaign.id, bytes, { dryRun: opts['dry-run'] === 'true', filename: opts.file });
		if (!r.ok) {
			process.stderr.write(`文件有 ${r.errors.length} 处错误，未导入任何记录。\n`);
			return { exit: 2, json: { error: 'INVALID_ROWS', message: `文件有 ${r.errors.length} 处错误，未导入任何记录`, errors: r.errors } };
		}
		process.stderr.write(`${opts['dry-run'] === 'true' ? '试导入' : '已导入'} ${r.imported} 条（新增 ${r.inserted}，更新 ${r.updated}）\n`);
		return {
			exit: 0,
			json: { ok: true, imported: r.imported, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, newChannels: r.newChannels, warnings: r.warnings, dryRun: opts['dry-run'] === 'true' }
		};
	});
};
export default command;
