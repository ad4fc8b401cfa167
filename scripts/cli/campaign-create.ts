import type { Command } from './types';
import { badInput } from './types';
import { readArgs } from './args';
import { openDatabase } from '../../src/lib/server/db';
import { createCampaign } from '../../src/lib/server/services/campaigns';
import { PRESET_IDS } from '../../src/lib/domain/notice/presets';
import { CLI_ACTOR } from './db';

const command: Command = async (args) => {
	const read = readArgs(args, { preset: { type: 'string' }, name: { type: 'string' } });
	if (!read.ok) return read.result;
	const opts = read.values;
	if (!opts.preset)
		return badInput('BAD_INPUT', `缺少参数 --preset（可用：${PRESET_IDS.join(', ')}）`, { presets: PRESET_IDS });
	if (!PRESET_IDS.includes(opts.preset))
		return badInput('UNKNOWN_PRESET', `未知的活动预设“${opts.preset}”（可用：${PRESET_IDS.join(', ')}）`, {
			presets: PRESET_IDS
		});
	const db = await openDatabase();
	const r = await createCampaign(db, CLI_ACTOR, {
		presetId: opts.preset,
		name: opts.name
	});
	if (!r.ok) return badInput('BAD_INPUT', r.message);
	process.stderr.write(`已创建活动 ${r.id}\n`);
	return { exit: 0, json: { campaign: r.id } };
};
export default command;
