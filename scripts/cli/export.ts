// `export --campaign <id> --what <kind> [--format csv|xlsx|docx] [--by unit|all]`: the file the web
// page offers, on stdout (CSV text, or the bytes of an .xlsx workbook / a .zip of 推荐表).
import type { Command } from './types';
import { badInput } from './types';
import { CAMPAIGN, readArgs } from './args';
import { withCampaign } from './db';
import { exportCsv, EXPORT_KINDS } from '../../src/lib/server/exports';
import { exportXlsx } from '../../src/lib/server/exports/xlsx';
import { exportForms } from '../../src/lib/server/exports/forms';

const command: Command = async (args) => {
	const read = readArgs(args, {
		...CAMPAIGN,
		what: { type: 'string' },
		format: { type: 'string' },
		by: { type: 'string' }
	});
	if (!read.ok) return read.result;
	const opts = read.values;
	const what = opts.what;
	if (!what) return badInput('BAD_INPUT', `缺少参数 --what（${[...EXPORT_KINDS, 'forms'].join('|')}）`);
	const format = opts.format ?? 'csv';
	if (!['csv', 'xlsx', 'docx'].includes(format))
		return badInput('BAD_INPUT', `--format 只能是 csv、xlsx 或 docx，收到“${format}”`);
	if ((what === 'forms') !== (format === 'docx'))
		return badInput(
			'BAD_INPUT',
			what === 'forms'
				? '推荐表导出只有 Word 格式：--what forms --format docx'
				: `--format docx 只用于 --what forms（推荐表）`
		);
	return withCampaign(opts.campaign, async (db, campaign) => {
		if (opts.by !== undefined && opts.by !== 'unit' && opts.by !== 'all')
			return badInput('BAD_INPUT', `--by 只能是 unit 或 all，收到“${opts.by}”`);
		const by = opts.by === 'unit' ? 'unit' : 'all';
		if (format === 'docx') {
			const r = await exportForms(db, campaign.id);
			if (!r.ok) return badInput('BAD_INPUT', r.message);
			process.stderr.write(`已生成 ${r.count} 份推荐表（${r.filename}）\n`);
			return { exit: 0, raw: r.bytes };
		}
		if (format === 'xlsx') {
			const r = await exportXlsx(db, campaign.id, what, { by });
			if (!r.ok) return badInput('BAD_INPUT', r.message);
			return { exit: 0, raw: r.bytes };
		}
		const r = await exportCsv(db, campaign.id, what, { by });
		if (!r.ok) return badInput('BAD_INPUT', r.message);
		return { exit: 0, raw: r.csv };
	});
};
export default command;
