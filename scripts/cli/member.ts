// `member add --campaign <id> --username <u> --role organizer|chair|expert|observer [--name <姓名>]
// [--panel <名称>]... [--unit <工作单位>] [--field <领域>]...` (CONTRACTS.md).
import type { Command } from './types';
import { badInput, parseOptions } from './types';
import { CLI_ACTOR, withCampaign } from './db';
import { addMember, invitationLink } from '../../src/lib/server/services/members';

/** Every value of a repeatable option (`--panel A --panel B`). */
export function allValues(args: string[], name: string): string[] {
	const out: string[] = [];
	for (let i = 0; i < args.length; i++)
		if (args[i] === `--${name}` && args[i + 1] !== undefined && !args[i + 1].startsWith('--')) out.push(args[++i]);
	return out;
}

const command: Command = async (args) => {
	const opts = parseOptions(args);
	if (!opts.username || opts.username === 'true') return badInput('BAD_INPUT', '缺少参数 --username <用户名>');
	if (!opts.role || opts.role === 'true')
		return badInput('BAD_INPUT', '缺少参数 --role organizer|chair|expert|observer');
	return withCampaign(opts.campaign, async (db, campaign) => {
		const r = await addMember(db, CLI_ACTOR, campaign.id, {
			username: opts.username,
			role: opts.role,
			name: opts.name === 'true' ? undefined : opts.name,
			panels: allValues(args, 'panel'),
			unit: opts.unit === 'true' ? undefined : opts.unit,
			fields: allValues(args, 'field')
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
