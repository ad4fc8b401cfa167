// `experts import --campaign <id> --file <csv|xlsx>`: the roster file the 专家 page accepts, all or
// nothing (CONTRACTS.md); prints the one-time invitation link of every account it created.
import { readFileSync } from 'node:fs';
import type { Command } from './types';
import { badInput, parseOptions } from './types';
import { CLI_ACTOR, withCampaign } from './db';
import { importExperts } from '../../src/lib/server/services/experts';
import { invitationLink } from '../../src/lib/server/services/members';

/**
 * An .xlsx roster (a zip: PK\x03\x04) as the CSV the importer reads: the first sheet, each cell
 * as the text Excel shows, one line per sheet row (empty rows kept, so row numbers still match).
 */
async function xlsxAsCsv(bytes: Uint8Array): Promise<Uint8Array> {
	const ExcelJS = (await import('exceljs')).default;
	const Papa = (await import('papaparse')).default;
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	const ws = wb.worksheets[0];
	const rows: string[][] = [];
	ws?.eachRow({ includeEmpty: true }, (row) => {
		const cells: string[] = [];
		for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).text ?? '');
		rows.push(cells);
	});
	return new TextEncoder().encode(Papa.unparse(rows, { newline: '\r\n' }) + '\r\n');
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
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
		try {
			bytes = await xlsxAsCsv(bytes);
		} catch (e) {
			return badInput('BAD_INPUT', `无法读取 Excel 文件 ${opts.file}：${(e as Error).message}`);
		}
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
