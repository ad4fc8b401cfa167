// The audit log's CSV (web download and `laurel export --what audit`): the readable columns of
// the page (Beijing time, names, actions in Chinese, the short difference), then the hashes and
// the raw fields the hash covers, so that anyone can recompute the chain from the file alone
// (canonical form: src/lib/domain/audit/chain.ts).
import type { DB } from '../db';
import { toCsv } from '../../domain/formats/csv-safe';
import { auditLogRecords } from '../services/audit-log';
import type { DiffLine } from '../../domain/audit/view';

const diffText = (d: DiffLine[]) =>
	d
		.map((l) =>
			(l.before !== null && l.after !== null
				? `${l.label}：${l.before} → ${l.after}`
				: l.after !== null
					? `${l.label}：${l.after}`
					: l.before !== null
						? `${l.label}：${l.before}（删除）`
						: l.label
			).replace(/^：/, '')
		)
		.join('\n');

const AUDIT_CSV_HEADERS = [
	'序号',
	'时间（北京时间）',
	'操作人',
	'操作',
	'对象',
	'理由',
	'变化',
	'修改前',
	'修改后',
	'前一条哈希',
	'本条哈希',
	'编号',
	'时间戳（毫秒）',
	'操作人编号',
	'操作人账号',
	'操作代码',
	'对象类型',
	'对象编号'
];

export async function auditCsv(db: DB, campaignId: string): Promise<string> {
	const rows = await auditLogRecords(db, campaignId, { identities: true });
	return toCsv(
		AUDIT_CSV_HEADERS,
		rows.map(({ raw: r, view: v }) => [
			r.seq ?? '',
			v.time,
			v.person,
			v.action,
			v.object,
			r.reason ?? '',
			diffText(v.diff),
			r.before === null ? '' : JSON.stringify(r.before),
			r.after === null ? '' : JSON.stringify(r.after),
			r.prevHash ?? '',
			r.hash ?? '',
			r.id,
			r.at,
			r.actorId ?? '',
			r.actorName ?? '',
			r.action,
			r.entity ?? '',
			r.entityId ?? ''
		])
	);
}
