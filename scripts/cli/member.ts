// `member add --campaign <id> --username <u> --role organizer|chair|expert|observer [--name <姓名>]
// [--panel <名称>]... [--unit <工作单位>] [--field <领域>]...` (CONTRACTS.md).
import type { Command } from './types';
import { badInput } from './types';
import { CAMPAIGN, readArgs } from './args';
import { CLI_ACTOR, withCampaign } from './db';
import { addMember, invitationLink } from '../../src/lib/server/services/members';

const command: Command = async (args) => {
	const read = readArgs(args, {
		...CAMPAIGN,
		username: { type: 'string' },
		role: { type: 'string' },
		name: { type: 'string' },
		unit: { type: 'string' },
		panel: { type: 'string', multiple: true },
		field: { type: 'string', multiple: true }
	});
	if (!read.ok) return read.result;
	const opts = read.values;
	const { username, role } = opts;
	if (!username) return badInput('BAD_INPUT', '缺少参数 --username <用户名>');
	if (!role) return badInput('BAD_INPUT', '缺少参数 --role organizer|chair|expert|observer');
	return withCampaign(opts.campaign, async (db, campaign) => {
		const r = await addMember(db, CLI_ACTOR, campaign.id, {
			username,
			role,
			name: opts.name,
			panels: opts.panel ?? [],
			unit: opts.unit,
			fields: opts.field ?? []
		});
		if (!r.ok) return badInput(r.code, r.message);
		for (const n of r.notes) process.stderr.write(`提示: ${n}\n`);
		process.stderr.write(`已添加 ${r.username}（${r.role}）${r.token ? '，请把一次性邀请链接发给本人设置密码' : ''}\n`);
		return {
			exit: 0,
			json: { username: r.username, role: r.role, invitation: r.token ? invitationLink(r.token) : null }
		};
	});
};
export default command;
