// `laurel dossier --campaign <id> (--code <review code> | --all)`: the dossier exactly as an
// expert sees it (the same function as the expert's page), so offices and checks can read it.
import type { Command } from './types';
import { badInput } from './types';
import { CAMPAIGN, readArgs } from './args';
import { withCampaign } from './db';
import { expertDossierByCode, expertDossiersOfCampaign } from '../../src/lib/server/services/dossiers';

const command: Command = async (args) => {
	const read = readArgs(args, { ...CAMPAIGN, code: { type: 'string' }, all: { type: 'boolean' } });
	if (!read.ok) return read.result;
	const opts = read.values;
	const code = opts.code || undefined;
	const all = opts.all === true;
	if (!code === !all) return badInput('BAD_INPUT', '请给出 --code <评审编号> 或 --all 之一');
	return withCampaign(opts.campaign, async (db, campaign) => {
		if (all) {
			const list = await expertDossiersOfCampaign(db, campaign.id);
			process.stderr.write(`${list.length} 份评审材料\n`);
			return { exit: 0, json: list };
		}
		const dossier = await expertDossierByCode(db, campaign.id, code!);
		if (!dossier) return badInput('UNKNOWN_CODE', `活动中没有评审编号“${code}”`);
		return { exit: 0, json: dossier };
	});
};
export default command;
