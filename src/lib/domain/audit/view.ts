// How an audit entry reads to an inspector: the action in Chinese, before → after as the changed
// keys only with Chinese key labels, and Beijing time. Pure: the server resolves ids to names and
// passes them in.
import { COLUMNS } from '../intake/nomination-format';
import { EXPERT_LABELS } from '../intake/expert-csv';
import { AUDIT_ENTITY_LABELS } from '../../shared/labels';

/** Every action string the code writes (grep `action: '` in src), in the words of a campaign office. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
	'campaign.create': '创建活动',
	'campaign.copy': '从往年活动复制新建',
	'campaign.update': '修改活动设置',
	'campaign.channels_added': '新增推荐渠道',
	'demo.seed': '生成演示数据',
	'member.add': '添加活动成员',
	'member.remove': '移除活动成员',
	'member.reset_password': '重置密码（生成新的邀请链接）',
	'invitation.create': '生成邀请链接',
	'invitation.accept': '通过邀请链接设置密码',
	'user.password_change': '修改密码',
	'expert.create': '添加专家',
	'expert.update': '修改专家信息',
	'expert.import': '导入专家名单',
	'expert.declare': '专家申报利益关联',
	'expert.declaration.remove': '活动办公室删除专家申报',
	'check.accept': '接受审查提示（附理由）',
	'check.accept_withdraw': '撤回已接受的审查提示',
	'mail.send': '发送邮件通知',
	'candidate.import': '导入候选人',
	'candidate.create': '新增候选人',
	'candidate.update': '修改候选人',
	'candidate.redactions': '修改隐去内容',
	'candidate.withdraw': '不予受理（撤回推荐）',
	'candidate.restore': '恢复受理',
	'candidate.codes_assigned': '分配评审编号（随机）',
	'attachment.create': '上传附件',
	'attachment.delete': '删除附件',
	'panel.create': '组建评审组',
	'panel.chair': '更换评审组长',
	'panel.member.add': '增加评审组成员',
	'panel.member.remove': '移出评审组成员',
	'panel.delete': '删除评审组',
	'panel.autobuild': '按领域自动组建评审组',
	'conflict.detect': '自动检测回避',
	'conflict.confirm': '确认回避',
	'conflict.dismiss': '排除回避',
	'conflict.organizer': '活动办公室添加回避',
	'conflict.recusal': '专家主动回避',
	'assignment.propose': '生成分配方案',
	'pool.import': '导入专家库',
	'pool.draw': '随机抽取专家',
	'assignment.add': '手动增加分配',
	'assignment.remove': '移除分配',
	'assignment.move': '调整分配',
	'assignment.publish': '发布分配方案',
	'round.create': '创建评审轮次',
	'round.open': '开始评审',
	'round.close': '结束评审',
	'round.reopen': '重新开放评审',
	'round.advance': '晋级候选人',
	'round.remove_candidate': '移出轮次',
	'round.update': '修改评审轮次',
	'round.delete': '删除评审轮次',
	'round.extend': '延长截止时间',
	'sheet.submit': '提交评分',
	'vote.submit': '提交投票',
	'sheet.rescore_request': '请求重评',
	'sheet.withdraw': '评分作废',
	'note.add': '添加备注',
	'selection.run': '运行遴选',
	'selection.lock': '锁定遴选结果',
	'selection.unlock': '解除锁定',
	'notice.publish': '发布公示'
};

const VERB_WORDS: Record<string, string> = {
	create: '新增',
	add: '新增',
	update: '修改',
	edit: '修改',
	delete: '删除',
	remove: '移除',
	import: '导入',
	publish: '发布',
	unpublish: '撤回',
	lock: '锁定',
	unlock: '解锁',
	open: '开始',
	close: '结束',
	reopen: '重新开放',
	submit: '提交',
	withdraw: '撤回',
	confirm: '确认',
	dismiss: '排除',
	reset: '重置',
	revoke: '作废',
	send: '发送',
	extend: '延期',
	exclude: '排除',
	restore: '恢复',
	bulk: '批量处理',
	role: '更改角色',
	password_reset: '重置密码'
};

/**
 * The Chinese name of an action; an action added later without a label still reads as Chinese
 * (修改 + 候选人 …) rather than as a code, and only a wholly unknown one shows “其他操作”.
 */
export function actionLabel(action: string): string {
	const known = AUDIT_ACTION_LABELS[action];
	if (known) return known;
	const [entity, ...rest] = action.split('.');
	const verb = rest.join('.');
	const e = AUDIT_ENTITY_LABELS[entity];
	const v = VERB_WORDS[verb] ?? VERB_WORDS[rest.at(-1) ?? ''];
	if (e && v) return `${v}${e}`;
	return e ? `${e}相关操作` : '其他操作';
}

/** Keys of before/after documents in Chinese: nomination and roster columns, then the rest. */
const AUDIT_KEY_LABELS: Record<string, string> = {
	...Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])),
	...Object.fromEntries(Object.entries(EXPERT_LABELS)),
	name: '姓名',
	unit: '工作单位',
	state: '状态',
	status: '状态',
	total: '总分',
	values: '各项评分',
	choice: '投票',
	comment: '评语',
	version: '版本',
	rescore: '重评请求',
	round: '评审轮次',
	candidate: '候选人',
	candidateId: '候选人',
	expertId: '专家',
	chairUserId: '评审组长',
	userId: '账号',
	username: '用户名',
	role: '角色',
	reason: '理由',
	decisionReason: '决定理由',
	decidedBy: '决定人',
	decidedAt: '决定时间',
	kind: '类型',
	severity: '程度',
	source: '来源',
	note: '备注',
	how: '方式',
	candidates: '候选人',
	pairs: '分配对数',
	added: '新增',
	removed: '移除',
	inputHash: '输入指纹',
	ok: '成功',
	targets: '结构要求',
	start: '公示开始',
	deadline: '截止时间',
	reviewers: '评审人范围',
	aggregation: '计分方法',
	type: '类型',
	threshold: '门槛',
	rubric: '评分细则',
	requiredSheets: '每份材料应有评分份数',
	maxYes: '每人最多赞成票',
	missing: '缺评分份数',
	rescoreBy: '请求人',
	created: '新增',
	updated: '更新',
	unchanged: '未变',
	rows: '行数',
	filename: '文件名',
	encoding: '编码',
	record: '推荐表',
	reviewCode: '评审编号',
	redactions: '隐去内容',
	members: '成员',
	experts: '专家',
	inserted: '新增',
	channels: '推荐渠道',
	config: '活动设置',
	size: '大小',
	mime: '文件类型',
	sha256: '校验值',
	presetId: '预设'
};

const keyLabel = (k: string): string => AUDIT_KEY_LABELS[k] ?? k;

const VALUE_WORDS: Record<string, string> = {
	draft: '草稿',
	open: '进行中',
	closed: '已结束',
	published: '已发布',
	submitted: '已提交',
	withdrawn: '已作废',
	pending: '待定',
	confirmed: '已确认',
	dismissed: '已排除',
	yes: '赞成',
	no: '反对',
	abstain: '弃权',
	organizer: '活动办公室',
	chair: '评审组长',
	expert: '评审专家',
	observer: '纪检监察',
	score: '打分',
	vote: '投票'
};

/** A value in a few words: names for known ids (`names`), 是/否, Chinese states, texts cut short. */
function shortValue(v: unknown, names: (id: string) => string | undefined = () => undefined, max = 60): string {
	if (v === null || v === undefined || v === '') return '（空）';
	if (typeof v === 'boolean') return v ? '是' : '否';
	if (typeof v === 'number') return String(v);
	if (typeof v === 'string') {
		const s = names(v) ?? VALUE_WORDS[v] ?? v;
		return s.length > max ? `${s.slice(0, max)}…` : s;
	}
	if (Array.isArray(v)) {
		if (v.every((x) => typeof x === 'string' || typeof x === 'number'))
			return shortValue(v.map((x) => shortValue(x, names, max)).join('、'), undefined, max);
		return `${v.length} 项`;
	}
	const keys = Object.keys(v as object);
	const s = keys.map((k) => `${keyLabel(k)}：${shortValue((v as Record<string, unknown>)[k], names, 20)}`).join('；');
	return s.length > max ? `${s.slice(0, max)}…` : s;
}

export interface DiffLine {
	key: string;
	label: string;
	before: string | null;
	after: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * before → after as the keys that changed: both objects → keys whose values differ; only one
 * side (a creation or a deletion) → its keys; scalars → one line. At most `limit` lines.
 */
export function auditDiff(
	before: unknown,
	after: unknown,
	names?: (id: string) => string | undefined,
	limit = 12
): DiffLine[] {
	const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
	const line = (key: string, b: unknown, a: unknown, hasB: boolean, hasA: boolean): DiffLine => ({
		key,
		label: key ? keyLabel(key) : '',
		before: hasB ? shortValue(b, names) : null,
		after: hasA ? shortValue(a, names) : null
	});
	const hasBefore = before !== null && before !== undefined;
	const hasAfter = after !== null && after !== undefined;
	let out: DiffLine[];
	if (isRecord(before) || isRecord(after)) {
		const b = isRecord(before) ? before : {};
		const a = isRecord(after) ? after : {};
		const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
		out = keys
			.filter((k) => !(k === 'id' || k === 'campaignId' || k === 'createdAt' || k === 'updatedAt'))
			.filter((k) => !(hasBefore && hasAfter) || !same(b[k], a[k]))
			.map((k) => line(k, b[k], a[k], hasBefore && k in b, hasAfter && k in a));
	} else if (hasBefore || hasAfter) {
		out = same(before, after) ? [] : [line('', before, after, hasBefore, hasAfter)];
	} else out = [];
	return out.length > limit
		? [...out.slice(0, limit), { key: '…', label: `另有 ${out.length - limit} 项`, before: null, after: null }]
		: out;
}
