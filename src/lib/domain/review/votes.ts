// Tally of a vote round (赞成 / 反对 / 弃权). Pure: no I/O.
//
// Counting rule: a candidate passes when yes ≥ ceil(present × num / den), computed in exact
// integer arithmetic (no 2/3 as a float). Abstentions count toward `present` — they are experts
// in the room who did not say yes, so an abstention weighs like a no; so does an expert present
// who cast no ballot. Nobody present means nothing passes.
import { sortReviewCodes } from '../../shared/review-codes';

export type VoteChoice = 'yes' | 'no' | 'abstain';
export interface Vote {
	expert: string;
	candidate: string;
	choice: VoteChoice;
}
export interface Threshold {
	num: number;
	den: number;
}
export interface TallyOptions {
	/** Experts present: one number for the round, or per candidate (recusals shrink it). */
	present: number | Record<string, number>;
	threshold?: Threshold; // default 2/3
	/** true: strictly more than present × num/den (e.g. 过半数 = more than 1/2). */
	strict?: boolean;
	/** Candidates to report even without ballots (they then fail with 0 yes). */
	candidates?: readonly string[];
}
export interface VoteTally {
	candidate: string;
	yes: number;
	no: number;
	abstain: number;
	present: number;
	needed: number; // minimum yes to pass
	passed: boolean;
	warnings: string[]; // Chinese, e.g. ballots exceed the experts present
}

const TWO_THIRDS: Threshold = { num: 2, den: 3 };

function checkInt(x: number, what: string, min: number): void {
	if (!Number.isSafeInteger(x) || x < min) throw new RangeError(`${what}应为不小于 ${min} 的整数：${x}`);
}

/** Minimum yes votes: ceil(present × num / den), or floor(…) + 1 when strict. Integer only. */
function votesNeeded(present: number, threshold: Threshold = TWO_THIRDS, strict = false): number {
	checkInt(present, '出席人数', 0);
	checkInt(threshold.num, '通过比例分子', 0);
	checkInt(threshold.den, '通过比例分母', 1);
	const p = present * threshold.num;
	return strict ? Math.floor(p / threshold.den) + 1 : Math.floor((p + threshold.den - 1) / threshold.den);
}

export function tallyVotes(votes: readonly Vote[], opts: TallyOptions): VoteTally[] {
	const threshold = opts.threshold ?? TWO_THIRDS;
	const counts = new Map<string, { yes: number; no: number; abstain: number }>();
	for (const c of opts.candidates ?? []) counts.set(c, { yes: 0, no: 0, abstain: 0 });
	const seen = new Set<string>();
	for (const v of votes) {
		const k = v.expert + '\u0000' + v.candidate;
		// One expert, one ballot per candidate: a second one is a data error, not a recount.
		if (seen.has(k)) throw new RangeError(`专家 ${v.expert} 对 ${v.candidate} 重复投票`);
		seen.add(k);
		if (v.choice !== 'yes' && v.choice !== 'no' && v.choice !== 'abstain')
			throw new RangeError(`专家 ${v.expert} 对 ${v.candidate} 的投票选项无效`);
		const c = counts.get(v.candidate) ?? { yes: 0, no: 0, abstain: 0 };
		c[v.choice]++;
		counts.set(v.candidate, c);
	}
	return sortReviewCodes(counts.keys()).map((candidate) => {
		const c = counts.get(candidate)!;
		const present = typeof opts.present === 'number' ? opts.present : opts.present[candidate];
		if (present === undefined) throw new RangeError(`缺少候选人 ${candidate} 的出席人数`);
		const needed = votesNeeded(present, threshold, opts.strict);
		const cast = c.yes + c.no + c.abstain;
		const warnings: string[] = [];
		if (cast > present) warnings.push(`投票数 ${cast} 超过出席人数 ${present}`);
		else if (cast < present) warnings.push(`出席 ${present} 人，仅收到 ${cast} 票，未投票者按未赞成计`);
		return { candidate, ...c, present, needed, passed: present > 0 && c.yes >= needed, warnings };
	});
}
