import type { Command } from './types';
import { CAMPAIGN, readArgs } from './args';
import { withCampaign } from './db';
import { campaignCheck } from '../../src/lib/server/services/intake';

const command: Command = async (args) => {
	const read = readArgs(args, CAMPAIGN);
	if (!read.ok) return read.result;
	return withCampaign(read.values.campaign, async (db, campaign) => {
		const report = await campaignCheck(db, campaign.id);
		process.stderr.write(`错误 ${report.errors.length} 项，提示 ${report.warnings.length} 项\n`);
		return { exit: 0, json: report };
	});
};
export default command;
