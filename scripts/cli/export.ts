import type { Command } from './types';
import { badInput, parseOptions } from './types';
import { withCampaign } from './db';
import { exportCsv, EXPORT_KINDS } from '../../src/lib/server/services/exports-all';

const command: Command = async (args) => {
	const opts = parseOptions(args);
	if (!opts.what || opts.what === 'true') return badInput('BAD_INPUT', `缺少参数 --what（${EXPORT_KINDS.join('|')}）`);
	return withCampaign(opts.campaign, async (db, campaign) => {
		if (opts.by !== undefined && opts.by !== 'unit' && opts.by !== 'all') return badInput('BAD_INPUT', `--by 只能是 unit 或 all，收到“${opts.by}”`);
		const r = await exportCsv(db, campaign.id, opts.what, { by: opts.by === 'unit' ? 'unit' : 'all' });
		if (!r.ok) return badInput('BAD_INPUT', r.message);
		return { exit: 0, raw: r.csv };
	});
};
export default command;
