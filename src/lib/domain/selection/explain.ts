// Why the selection differs from the plain score order, and why no selection exists.
// Rule labels in English are part of the CLI contract (`youth ≥ 2`, `field 生命健康 ≥ 1`,
// `channel 南宁市 ≤ 2`); the Chinese renderings are for the web.
import type {
	ExplanationEntry,
	InfeasibleRule,
	ResolvedRule,
	RuleKey,
	SelectionCandidate,
	SelectionInfeasible
} from './';
import { feasible, maximize } from './engine/solver';
import { type CoreProblem, type CoreRow } from './engine/model';

const GROUP_ZH: Record<string, string> = { youth: '青年', woman: '女性', grassroots: '基层一线' };

type RuleLike = Pick<ResolvedRule, 'kind' | 'key' | 'value' | 'count'> & { label?: string };

export function isMember(rule: Pick<ResolvedRule, 'key' | 'value'>, c: SelectionCandidate): boolean {
	if (rule.key === 'group') return (c.groups ?? []).includes(rule.value);
	return c[rule.key] === rule.value;
}

function targetZh(r: Pick<ResolvedRule, 'key' | 'value'>): string {
	if (r.key === 'group') return GROUP_ZH[r.value] ?? r.value;
	return r.key === 'field' ? `${r.value}领域` : r.value;
}

/** `youth ≥ 2`, `field 生命健康 ≥ 1`, `channel 南宁市 ≤ 2`; zh: `青年不少于2名`, `南宁市不超过2名`. */
export function describeRule(rule: RuleLike, lang: 'en' | 'zh' = 'en'): string {
	if (lang === 'zh') {
		if (rule.label) return rule.label;
		return `${targetZh(rule)}${rule.kind === 'atLeast' ? '不少于' : '不超过'}${rule.count}名`;
	}
	const op = rule.kind === 'atLeast' ? '≥' : '≤';
	return rule.key === 'group' ? `${rule.value} ${op} ${rule.count}` : `${rule.key} ${rule.value} ${op} ${rule.count}`;
}

/** Reads an English rule label back (group names starting with "field " or "channel " are not supported). */
function parseRuleLabel(label: string): RuleLike | null {
	const m = /^(?:(field|channel) )?(.+) (≥|≤) (\d+)$/.exec(label);
	if (!m) return null;
	return {
		key: (m[1] as 'field' | 'channel') ?? 'group',
		value: m[2],
		kind: m[3] === '≥' ? 'atLeast' : 'atMost',
		count: Number(m[4])
	};
}

const fmtScore = (s: number | undefined) => (s === undefined ? '?' : String(Math.round(s * 100) / 100));

/** `青年不少于2名：生命健康-03 (86.2) 入选，替代 前沿-11 (87.9)` */
export function explainChinese(
	entry: ExplanationEntry,
	scoreOf: (id: string) => number | undefined,
	labelOf: (id: string) => string = (id) => id,
	/** the rule's wording with its provenance (the web: “活动办公室设定：…”), by engine rule and tier */
	headOf?: (rule: string, tier?: string) => string | undefined
): string {
	// `tier 优秀科技工作者: field 前沿 ≥ 1`: a later tier needed the displaced one (selection-tiers.ts)
	const later = /^tier (.+?)(?:: (.+))?$/.exec(entry.rule);
	const inner = later ? (later[2] ?? '') : entry.rule;
	const rule = parseRuleLabel(inner);
	const said = headOf?.(inner, later?.[1]) ?? (rule ? describeRule(rule, 'zh') : inner);
	const head = later
		? `为满足“${later[1]}”的${said || '规则'}`
		: entry.rule === 'later tiers'
			? '为使后续档次的规则同时成立'
			: said;
	return `${head}：${labelOf(entry.candidate)} (${fmtScore(scoreOf(entry.candidate))}) 入选，替代 ${labelOf(entry.displaced)} (${fmtScore(scoreOf(entry.displaced))})`;
}

/**
 * Pairs the candidates the rules brought in (best first) with the plain-order candidates they
 * pushed out (lowest first). For any such pair (e, d), swapping d back for e would be better (d
 * ranks higher), so since the selection is optimal that swap must break a rule that is tight
 * now: an atLeast rule e counts toward and d does not, or an atMost rule d counts toward and e
 * does not. That rule is named — the first such in input order, atLeast before atMost.
 */
export function buildExplanation(
	ranked: readonly SelectionCandidate[],
	rules: readonly ResolvedRule[],
	selected: readonly number[],
	plain: readonly number[]
): ExplanationEntry[] {
	const sel = new Set(selected);
	const top = new Set(plain);
	const entrants = selected.filter((i) => !top.has(i)).sort((a, b) => a - b);
	const displaced = plain.filter((i) => !sel.has(i)).sort((a, b) => b - a);
	const counts = rules.map((r) => selected.reduce((n, i) => n + (isMember(r, ranked[i]) ? 1 : 0), 0));
	const ordered = rules
		.map((r, i) => ({ r, i }))
		.sort((a, b) => (a.r.kind === b.r.kind ? a.i - b.i : a.r.kind === 'atLeast' ? -1 : 1));
	return entrants.map((e, j) => {
		const d = displaced[j];
		const E = ranked[e];
		const D = ranked[d];
		const why = ordered.find(({ r, i }) =>
			r.kind === 'atLeast'
				? counts[i] === r.count && isMember(r, E) && !isMember(r, D)
				: counts[i] === r.count && isMember(r, D) && !isMember(r, E)
		);
		return { candidate: E.id, rule: why ? describeRule(why.r) : 'unknown', displaced: D.id };
	});
}

/**
 * The constraint rows of a rule set; rules on the same target share a row (tagged with them).
 * `cache` keeps member lists between calls on the same candidates.
 */
export function coreProblem(
	ranked: readonly SelectionCandidate[],
	k: number,
	rules: readonly ResolvedRule[],
	cache: Map<string, number[]> = new Map()
): CoreProblem {
	const rows = new Map<string, CoreRow & { members: number[]; tag: ResolvedRule[] }>();
	// members of every target not cached yet, in one pass over the candidates (not one per rule)
	const wanted = new Map<RuleKey, Map<string, number[]>>();
	for (const r of rules) {
		const id = `${r.key}\u0000${r.value}`;
		if (cache.has(id)) continue;
		const byValue = wanted.get(r.key) ?? wanted.set(r.key, new Map()).get(r.key)!;
		if (!byValue.has(r.value)) byValue.set(r.value, []);
		cache.set(id, byValue.get(r.value)!);
	}
	if (wanted.size) {
		const groups = wanted.get('group');
		const fields = wanted.get('field');
		const channels = wanted.get('channel');
		for (let i = 0; i < ranked.length; i++) {
			const c = ranked[i];
			const gs = c.groups ?? [];
			// a group listed twice counts once, as isMember says
			if (groups) for (let j = 0; j < gs.length; j++) if (gs.indexOf(gs[j]) === j) groups.get(gs[j])?.push(i);
			if (fields && c.field !== undefined) fields.get(c.field)?.push(i);
			if (channels && c.channel !== undefined) channels.get(c.channel)?.push(i);
		}
	}
	for (const r of rules) {
		const id = `${r.key}\u0000${r.value}`;
		let row = rows.get(id);
		if (!row) {
			const members = cache.get(id)!;
			row = { members, lo: 0, up: members.length, tag: [] };
			rows.set(id, row);
		}
		row.tag.push(r);
		if (r.kind === 'atLeast') row.lo = Math.max(row.lo, r.count);
		else row.up = Math.min(row.up, r.count);
	}
	return { n: ranked.length, k, rows: [...rows.values()] };
}

/**
 * Names the rules in the way. First rules that fail on their own (too few members, too few seats,
 * too few others to fill the seats); otherwise a deletion filter over all rules leaves an
 * irreducible conflicting set (every rule of it is needed: without any one the rest can be met),
 * and shortBy says by how much each rule misses given the others of the set (exact optimum).
 */
export function diagnoseInfeasible(
	ranked: readonly SelectionCandidate[],
	k: number,
	rules: readonly ResolvedRule[],
	seats: number,
	values?: readonly number[]
): SelectionInfeasible {
	const n = ranked.length;
	const members = rules.map((r) => ranked.filter((c) => isMember(r, c)).length);
	const result = (message: string, list: InfeasibleRule[]): SelectionInfeasible => ({
		error: 'INFEASIBLE',
		message,
		rules: list
	});
	const joined = (list: InfeasibleRule[]) => [...new Set(list.map((l) => l.message))].join('；');

	if (n <= seats) {
		// everyone is in, so the counts are fixed
		const list: InfeasibleRule[] = [];
		rules.forEach((r, i) => {
			const a = members[i];
			if (r.kind === 'atLeast' ? a >= r.count : a <= r.count) return;
			const zh = describeRule(r, 'zh');
			const message =
				r.kind === 'atLeast'
					? `${zh}，但全部候选人中只有 ${a} 名${targetZh(r)}`
					: `${zh}，但全部 ${n} 名候选人都要入选，其中${targetZh(r)} ${a} 名`;
			list.push({
				rule: describeRule(r),
				path: r.path,
				shortBy: Math.abs(a - r.count),
				message,
				conflict: list.length
			});
		});
		return result(
			`候选人只有 ${n} 名（名额 ${seats}），全部入选仍不满足：${list.map((l) => l.message).join('；')}`,
			list
		);
	}

	const singles: InfeasibleRule[] = [];
	rules.forEach((r, i) => {
		const zh = describeRule(r, 'zh');
		const m = members[i];
		if (r.kind === 'atLeast' && r.count > Math.min(m, k)) {
			const message = r.count > m ? `${zh}，但只有 ${m} 名${targetZh(r)}候选人` : `${zh}，但只有 ${k} 个名额`;
			singles.push({
				rule: describeRule(r),
				path: r.path,
				shortBy: r.count - Math.min(m, k),
				message,
				conflict: singles.length
			});
		} else if (r.kind === 'atMost' && n - m + r.count < k) {
			const message = `${zh}，但其余候选人只有 ${n - m} 名，凑不满 ${k} 个名额`;
			singles.push({
				rule: describeRule(r),
				path: r.path,
				shortBy: k - (n - m + r.count),
				message,
				conflict: singles.length
			});
		}
	});
	// an atLeast above an atMost on the same target
	for (const r of rules) {
		if (r.kind !== 'atLeast') continue;
		const cap = rules.filter((x) => x.kind === 'atMost' && x.key === r.key && x.value === r.value && x.count < r.count);
		if (!cap.length) continue;
		const u = cap.reduce((a, b) => (b.count < a.count ? b : a));
		const message = `${describeRule(r, 'zh')}，但同时要求${describeRule(u, 'zh')}`;
		const conflict = singles.length ? singles[singles.length - 1].conflict + 1 : 0;
		singles.push({ rule: describeRule(r), path: r.path, shortBy: r.count - u.count, message, conflict });
		singles.push({ rule: describeRule(u), path: u.path, shortBy: r.count - u.count, message, conflict });
	}
	if (singles.length) return result(joined(singles), singles);

	const cache = new Map<string, number[]>();
	const isFeasible = (subset: readonly ResolvedRule[]) => feasible(coreProblem(ranked, k, subset, cache), values);
	// start from the rules of the LP's infeasibility certificate when it has one (and it holds up)
	const whole = coreProblem(ranked, k, rules, cache);
	const conflict = feasible(whole, values).conflict;
	let start = rules.slice();
	if (conflict?.length) {
		const tagged = new Set(conflict.flatMap((i) => whole.rows[i].tag as ResolvedRule[]));
		const subset = rules.filter((r) => tagged.has(r));
		if (!isFeasible(subset).ok) start = subset;
	}
	// deletion filter: drop every rule whose removal leaves the rest still infeasible
	let core = start;
	for (const r of start) {
		const without = core.filter((x) => x !== r);
		if (!isFeasible(without).ok) core = without;
	}
	if (core.length === 0) core = rules.slice();
	const list: InfeasibleRule[] = core.map((r) => {
		const others = core.filter((x) => x !== r);
		const problem = coreProblem(ranked, k, others, cache);
		const sign = r.kind === 'atLeast' ? 1 : -1;
		const best = maximize(
			problem,
			ranked.map((c) => (isMember(r, c) ? sign : 0)),
			false
		);
		const zh = describeRule(r, 'zh');
		if (!best) return { rule: describeRule(r), path: r.path, message: zh, conflict: 0 };
		const reach = sign * best.value;
		const shortBy = r.kind === 'atLeast' ? r.count - reach : reach - r.count;
		const message =
			r.kind === 'atLeast'
				? `${zh}（其余规则下最多只能有 ${reach} 名，差 ${shortBy} 名）`
				: `${zh}（其余规则下至少会有 ${reach} 名，超出 ${shortBy} 名）`;
		return { rule: describeRule(r), path: r.path, shortBy, message, conflict: 0 };
	});
	// rules of one kind on disjoint sets of candidates conflict only through the number of seats
	const disjoint = ranked.every((c) => core.filter((r) => isMember(r, c)).length <= 1);
	const sum = core.reduce((s, r) => s + r.count, 0);
	let lead = `以下规则无法同时满足（共 ${k} 个名额）`;
	if (disjoint && core.every((r) => r.kind === 'atLeast')) lead = `以下规则合计至少需要 ${sum} 名，超过 ${k} 个名额`;
	if (disjoint && core.every((r) => r.kind === 'atMost')) {
		const others = ranked.filter((c) => !core.some((r) => isMember(r, c))).length;
		lead = `以下规则合计最多允许 ${sum} 名，加上不受其限制的 ${others} 名候选人也不足 ${k} 个名额`;
	}
	return result(`${lead}：${joined(list)}`, list);
}
