// Many conflict decisions at once, and finding the candidate the office names (issue 12).
import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { candidates, conflicts, experts } from '../db/schema';
import type { Actor } from '../audit';
import { lockRefusal } from './locks';
import { mayDecide, type Decider } from './conflicts';
import { applyDecision } from './conflict-decisions';
import { compareReviewCodes } from '../../shared/review-codes';

export type BulkDecideResult =
	{ ok: true; changed: number; unchanged: number } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

/**
 * One decision with one reason on many ties (issue 12). All or nothing: if the decider may not
 * take this decision on any one of them (`mayDecide`), nothing changes and the refusal names them.
 * Ties already in the chosen state are left as they are.
 */
export async function decideConflicts(
	db: DB,
	actor: Actor,
	campaignId: string,
	ids: string[],
	decision: 'confirmed' | 'dismissed',
	reason: string,
	by: Decider
): Promise<BulkDecideResult> {
	const unique = [...new Set(ids.filter(Boolean))];
	const trimmed = reason.trim();
	if (!unique.length) return { ok: false, status: 400, message: '请先勾选要处理的回避记录' };
	if (unique.length > 500) return { ok: false, status: 400, message: '一次最多处理 500 条' };
	if (decision === 'dismissed' && !trimmed) return { ok: false, status: 400, message: '排除回避关系时必须填写理由' };
	if (trimmed.length > 500) return { ok: false, status: 400, message: '理由过长（最多 500 字）' };
	return db.transaction(async (tx) => {
		const locked = await lockRefusal(tx, campaignId, '回避决定');
		if (locked) return { ok: false as const, status: 409 as const, message: locked };
		const rows = await tx
			.select({ c: conflicts, expert: experts.name, code: candidates.reviewCode })
			.from(conflicts)
			.innerJoin(experts, eq(experts.id, conflicts.expertId))
			.innerJoin(candidates, eq(candidates.id, conflicts.candidateId))
			.where(and(eq(conflicts.campaignId, campaignId), inArray(conflicts.id, unique)));
		if (rows.length !== unique.length)
			return { ok: false as const, status: 404 as const, message: '所选记录中有的已不存在，请刷新页面后重试' };
		const refused = rows.map((r) => ({ r, why: mayDecide(by, r.c, decision) })).filter((x) => x.why);
		if (refused.length)
			return {
				ok: false as const,
				status: 403 as const,
				message: `以下 ${refused.length} 条不能由您${decision === 'confirmed' ? '确认' : '排除'}，本次未做任何更改：${refused
					.slice(0, 6)
					.map((x) => `${x.r.expert} — ${x.r.code ?? ''}（${x.why}）`)
					.join('；')}${refused.length > 6 ? ' 等' : ''}`
			};
		let changed = 0;
		for (const r of rows) {
			if (r.c.status === decision) continue;
			await applyDecision(tx, actor, campaignId, r.c, decision, trimmed, unique.length);
			changed++;
		}
		return { ok: true as const, changed, unchanged: rows.length - changed };
	});
}

/**
 * The candidate the office means, by review code or by name (issue 12: “adding a conflict by the
 * candidate's name”). A name two nominations share is refused, listing their codes to choose from.
 */
export async function findCandidateByNameOrCode(
	db: DB,
	campaignId: string,
	text: string
): Promise<{ id: string; code: string; name: string } | { error: string }> {
	const raw = text.trim();
	if (!raw) return { error: '请填写候选人的姓名或评审编号' };
	// the datalist offers “姓名（编号）”: take the code from the brackets
	const m = /^(.*?)[（(]([^（()）]+)[)）]$/.exec(raw);
	const name = (m ? m[1] : raw).trim();
	const code = m ? m[2].trim() : raw;
	const rows = await db
		.select({ id: candidates.id, code: candidates.reviewCode, name: candidates.name, channel: candidates.channel })
		.from(candidates)
		.where(eq(candidates.campaignId, campaignId));
	const byCode = rows.filter((r) => r.code === code);
	if (byCode.length === 1) return { id: byCode[0].id, code: byCode[0].code ?? '', name: byCode[0].name };
	const byName = rows.filter((r) => r.name.replace(/\s+/g, '') === name.replace(/\s+/g, ''));
	if (byName.length === 1) return { id: byName[0].id, code: byName[0].code ?? '', name: byName[0].name };
	if (byName.length > 1)
		return {
			error: `有 ${byName.length} 名候选人叫“${name}”：${byName.map((r) => `${r.code ?? '—'}（${r.channel}）`).join('、')}，请选择带评审编号的一项`
		};
	return { error: `没有找到姓名或评审编号为“${raw}”的候选人` };
}

// one collator for the sort: localeCompare with a locale builds one per call
const byPinyin = new Intl.Collator('zh-CN');

/** Choices the office's candidate picker shows at most (issue 16: not 5,000 names in the page). */
export const CHOICE_LIMIT = 20;

/**
 * The office's candidate choices “姓名（编号）” matching what it typed: a part of the name (spaces
 * ignored, as the form pads “王　芳”) or of the review code; coded candidates only, by name then
 * code, at most CHOICE_LIMIT (`more` when there are others: type more of the name).
 */
export async function searchCandidateChoices(
	db: DB,
	campaignId: string,
	text: string
): Promise<{ choices: string[]; more: boolean }> {
	const q = text.replace(/\s+/g, '').slice(0, 50);
	if (!q) return { choices: [], more: false };
	// LIKE's wildcards typed by the office are matched as themselves
	const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const name = sql`replace(replace(replace(${candidates.name}, ' ', ''), '　', ''), char(9), '')`;
	const rows = await db
		.select({ code: candidates.reviewCode, name: candidates.name })
		.from(candidates)
		.where(
			and(
				eq(candidates.campaignId, campaignId),
				isNotNull(candidates.reviewCode),
				or(sql`${name} LIKE ${like} ESCAPE '\\'`, sql`${candidates.reviewCode} LIKE ${like} ESCAPE '\\'`)
			)
		)
		.orderBy(asc(candidates.name), asc(candidates.reviewCode))
		.limit(CHOICE_LIMIT + 1);
	const choices = rows
		.slice(0, CHOICE_LIMIT)
		.filter((c): c is { code: string; name: string } => !!c.code)
		.sort((a, b) => byPinyin.compare(a.name, b.name) || compareReviewCodes(a.code, b.code))
		.map((c) => `${c.name}（${c.code}）`);
	return { choices, more: rows.length > CHOICE_LIMIT };
}

/** “专家 — 编号” of one conflict record, for the confirmation message; '' when it is gone. */
export async function conflictPairLabel(db: DB, conflictId: string): Promise<string> {
	const row = (
		await db
			.select({ expert: experts.name, code: candidates.reviewCode })
			.from(conflicts)
			.innerJoin(experts, eq(experts.id, conflicts.expertId))
			.innerJoin(candidates, eq(candidates.id, conflicts.candidateId))
			.where(eq(conflicts.id, conflictId))
	)[0];
	return row ? `${row.expert} — ${row.code}` : '';
}
