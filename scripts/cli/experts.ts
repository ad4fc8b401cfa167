// `experts import --campaign <id> --file <csv|xlsx>`: the roster file the 专家 page accepts, all or
// nothing (CONTRACTS.md); prints the one-time invitation link of every account it created.
import { readFileSync } from 'node:fs';
import type { Command } from './types';
import { badInput, parseOptions } from './types';
import { CLI_ACTOR, withCampaign } from './db';
import { importExperts } from '../../src/lib/server/services/experts';
import { invitationLink } from '../../src/lib/server/services/members';
import { sniffOffice } from '../../src/lib/domain/office/office-sniff';
import { readXlsxTable, tableToCsvBytes } from '../../src/lib/domain/office/xlsx-table';

/**
 * An .xlsx roster as the CSV the importer reads: the first sheet, each cell as the text Excel shows
 * (values only, dates and phone numbers as typed), one line per sheet row so row numbers still match.
 * .xls, macro and encrypted files are refused by content (office-sniff).
 */
async function xlsxAsCsv(bytes: Uint8Array, label: string): Promise<Uint8Array | string> {
	const t = await readXlsxTable(bytes, { maxRows: 20_000, label });
	return 'error' in t ? t.error : tableToCsvBytes(t.records);
}

const command: Command = async (args) => {
	const opts = parseOptions(args);
	if (!opts.file || opts.file === 'true') return badInput('BAD_INPUT', '缺少参数 --file <CSV 或 Excel 文件>');
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(readFileSync(opts.file));
	} catch (e) {
		return badInput('BAD_INPUT', `无法读取文件 ${opts.file}：${(e as Error).message}`);
	}
	const kind = sniffOffice(bytes, `“${opts.file}”`);
	if (kind.kind === 'refused') return badInput('BAD_INPUT', kind.message);
	if (kind.kind === 'docx' || kind.kind === 'zip') return badInput('BAD_INPUT', `“${opts.file}”不是专家名单表格（CSV 或 .xlsx）`);
	if (kind.kind === 'xlsx') {
		const csv = await xlsxAsCsv(bytes, `“${opts.file}”`);
		if (typeof csv === 'string') return badInput('BAD_INPUT', csv);
		bytes = csv;
	}
	return withCampaign(opts.campaign, async (db, campaign) => {
		const r = await importExperts(db, CLI_ACTOR, campaign.id, bytes, { filename: opts.file });
		if (!r.ok) {
			process.stderr.write(`文件有 ${r.errors.length} 处错误，未导入任何专家。\n`);
			return { exit: 2, json: { error: 'INVALID_ROWS', message: `文件有 ${r.errors.length} 处错误，未导入任何专家`, errors: r.errors } };
		}
		process.stderr.write(`已导入 ${r.experts.length} 名专家（新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}）\n`);
		return {
			exit: 0,
			json: {
				ok: true,
				imported: r.experts.length,
				created: r.created,
				updated: r.updated,
				unchanged: r.unchanged,
				warnings: r.warnings,
				invitations: r.experts.filter((e) => e.token && e.username).map((e) => ({ username: e.username, invitation: invitationLink(e.token!) }))
			}
		};
	});
};
export default command;
