import type { Command } from './types';
import { badInput, parseOptions } from './types';
import { withCampaign } from './db';
import { exportCsv, EXPORT_KINDS } from '../../src/lib/server/services/exports-all';

const command: Command = async (args) => {
	const opts = parseOptions(args);
	if (!opts.what || opts.what === 'true') return badInput('BAD_INPUT', `缺少参数 --what（${EXPORT_KINDS.join('|')}）`);
	return withCampaign(opts.campaign, async (db, campaign) => {
		const r = await exportCsv(db, campaign.id, opts.what);
		if (!r.ok) return badInput('BAD_INPUT', r.message);
		return { exit: 0, raw: r.csv };
	});
};
export default command;
