// `experts import --campaign <id> --file <csv|xlsx>`: the roster file the 专家 page accepts, all or
// nothing (CONTRACTS.md); prints the one-time invitation link of every account it created.
import { readFileSync } from 'node:fs';
import type { Command } from './types';
import { badInput } from './types';
import { CAMPAIGN, readArgs } from './args';
import { CLI_ACTOR, withCampaign } from './db';
import { importExperts } from '../../src/lib/server/services/experts';
import { invitationLink } from '../../src/lib/server/services/members';
import { spreadsheetAsCsv } from '../../src/lib/server/services/intake-files';

const command: Command = async (args) => {
	const read = readArgs(args, { ...CAMPAIGN, file: { type: 'string' } });
	if (!read.ok) return read.result;
	const opts = read.values;
	const file = opts.file;
	if (!file) return badInput('BAD_INPUT', '缺少参数 --file <CSV 或 Excel 文件>');
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(readFileSync(file));
	} catch (e) {
		return badInput('BAD_INPUT', `无法读取文件 ${file}：${(e as Error).message}`);
	}
	// an .xlsx roster is read as its first sheet; .xls, macro and encrypted files are refused by content
	const sheet = await spreadsheetAsCsv(bytes, `“${file}”`);
	if ('error' in sheet) return badInput('BAD_INPUT', sheet.error);
	bytes = sheet.bytes;
	return withCampaign(opts.campaign, async (db, campaign) => {
		const r = await importExperts(db, CLI_ACTOR, campaign.id, bytes, { filename: file });
		if (!r.ok) {
			process.stderr.write(`文件有 ${r.errors.length} 处错误，未导入任何专家。\n`);
			return {
				exit: 2,
				json: { error: 'INVALID_ROWS', message: `文件有 ${r.errors.length} 处错误，未导入任何专家`, errors: r.errors }
			};
		}
		process.stderr.write(
			`已导入 ${r.experts.length} 名专家（新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}）\n`
		);
		return {
			exit: 0,
			json: {
				ok: true,
				imported: r.experts.length,
				created: r.created,
				updated: r.updated,
				unchanged: r.unchanged,
				warnings: r.warnings,
				invitations: r.experts
					.filter((e) => e.token && e.username)
					.map((e) => ({ username: e.username, invitation: invitationLink(e.token!) }))
			}
		};
	});
};
export default command;
