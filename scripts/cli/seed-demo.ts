import type { Command } from './types';
import { readArgs } from './args';
import { openDatabase } from '../../src/lib/server/db';
import { demoStage, ensureDemo } from '../../src/lib/server/demo';

const command: Command = async (args) => {
	const read = readArgs(args, {});
	if (!read.ok) return read.result;
	const db = await openDatabase();
	const result = await ensureDemo(db, { stage: demoStage() });
	if (!result) return { exit: 1, json: { error: 'INTERNAL', message: '无法创建演示活动' } };
	process.stderr.write(result.created ? '已创建演示活动。\n' : '演示活动已存在。\n');
	return { exit: 0, json: { campaign: result.campaign, accounts: result.accounts } };
};
export default command;
