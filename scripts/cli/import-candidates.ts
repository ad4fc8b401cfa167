// `import-candidates --campaign <id> --file <csv|xlsx|docx|zip|folder> [--file …] [--dry-run]`:
// one 汇总表 (CSV or .xlsx) and/or any number of 推荐表 (.docx, a .zip of them, or a folder).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from './types';
import { badInput } from './types';
import { CAMPAIGN, readArgs } from './args';
import { CLI_ACTOR, withCampaign } from './db';
import { importCandidates } from '../../src/lib/server/services/intake';
import { bundleFiles, type UploadFile } from '../../src/lib/server/services/intake-files';

function readUploads(paths: string[]): UploadFile[] {
	const files: UploadFile[] = [];
	for (const p of paths) {
		if (statSync(p).isDirectory()) {
			// a folder of 推荐表: its files (not sub-folders), in name order
			for (const n of readdirSync(p).sort()) {
				const full = join(p, n);
				if (!n.startsWith('.') && !n.startsWith('~$') && statSync(full).isFile())
					files.push({ name: n, bytes: new Uint8Array(readFileSync(full)) });
			}
		} else files.push({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) });
	}
	return files;
}

const command: Command = async (args) => {
	const read = readArgs(args, {
		...CAMPAIGN,
		file: { type: 'string', multiple: true },
		'dry-run': { type: 'boolean' }
	});
	if (!read.ok) return read.result;
	const opts = read.values;
	const dryRun = opts['dry-run'] === true;
	const paths = (opts.file ?? []).filter((p) => p !== '');
	if (!paths.length) return badInput('BAD_INPUT', '缺少参数 --file <CSV、Excel、Word 推荐表或 zip 文件>');
	let upload: UploadFile;
	try {
		const files = readUploads(paths);
		if (!files.length) return badInput('BAD_INPUT', `无法读取文件 ${paths.join('、')}：文件夹中没有文件`);
		upload = bundleFiles(files);
	} catch (e) {
		return badInput('BAD_INPUT', `无法读取文件 ${paths.join('、')}：${(e as Error).message}`);
	}
	const filename = paths.length === 1 ? paths[0] : upload.name;
	return withCampaign(opts.campaign, async (db, campaign) => {
		const r = await importCandidates(db, CLI_ACTOR, campaign.id, upload.bytes, {
			dryRun,
			filename
		});
		if (!r.ok) {
			process.stderr.write(`文件有 ${r.errors.length} 处错误，未导入任何记录。\n`);
			return {
				exit: 2,
				json: { error: 'INVALID_ROWS', message: `文件有 ${r.errors.length} 处错误，未导入任何记录`, errors: r.errors }
			};
		}
		process.stderr.write(`${dryRun ? '试导入' : '已导入'} ${r.imported} 条（新增 ${r.inserted}，更新 ${r.updated}）\n`);
		return {
			exit: 0,
			json: {
				ok: true,
				imported: r.imported,
				inserted: r.inserted,
				updated: r.updated,
				unchanged: r.unchanged,
				newChannels: r.newChannels,
				warnings: r.warnings,
				dryRun
			}
		};
	});
};
export default command;
