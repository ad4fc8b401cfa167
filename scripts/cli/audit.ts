// `audit verify --campaign <id>`: recomputes the campaign's audit hash chain (CONTRACTS.md).
import type { Command } from './types';
import { CAMPAIGN, readArgs } from './args';
import { withCampaign } from './db';
import { verifyAuditChain } from '../../src/lib/server/audit';

const REASONS = {
	edited: '内容与其哈希不符（该条被改动）',
	broken_link: '与前一条的链接断开（其前有记录被删除或插入）',
	out_of_chain: '不在哈希链中（绕过系统写入）'
} as const;

const command: Command = async (args) => {
	const read = readArgs(args, CAMPAIGN);
	if (!read.ok) return read.result;
	return withCampaign(read.values.campaign, async (db, campaign) => {
		const v = await verifyAuditChain(db, campaign.id);
		if (v.ok) {
			process.stderr.write(`操作日志哈希链完整：${v.entries} 条，链头 ${v.head}\n`);
			return { exit: 0, json: { ok: true, entries: v.entries, head: v.head } };
		}
		const message = `操作日志第 ${v.position} 条（编号 ${v.entry}）${REASONS[v.reason]}`;
		process.stderr.write(message + '\n');
		return {
			exit: 3,
			json: { error: 'AUDIT_BROKEN', message, entry: v.entry, position: v.position, reason: v.reason }
		};
	});
};
export default command;
