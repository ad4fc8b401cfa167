// Outlier scores of one candidate (leave-one-out, one score at a time), for aggregation.ts.
import { EPS } from './statistics';

export interface Outlier {
	expert: string;
	score: number;
	reason: string; // 高于其余专家均值 71.5 分 18.5 分（超过 15 分）
	rule: 'sd' | 'points' | 'both';
	deviation: number; // score − mean of the other scores (signed)
}

// Outlier thresholds of the brief; "more than" is strict, EPS keeps decimal noise off the boundary.
const OUTLIER_SD = 2;
const OUTLIER_POINTS = 15;

const fmt = (x: number) => String(Number(x.toFixed(1)));
/**
 * Leave-one-out: a score is compared with the mean (and sample SD) of the other scores of the
 * same candidate. Rule "sd": ≥ 3 others, their SD > 0, |dev| > 2 SD. Rule "points": ≥ 2 others,
 * |dev| > 15. Both strict.
 * Applied one score at a time: the most deviant flagged score is taken out and the rest tested
 * again. Otherwise one wild score drags the others' reference so far that, with three experts,
 * the two agreeing scores would be flagged as well (90, 88, 35 must flag only the 35).
 * Only the first pass uses the SD rule: once a score is out the others' spread shrinks, and in a
 * large panel of close scores the SD rule would then flag one score after another.
 */
export function findOutliers(sheets: readonly { expert: string; total: number }[]): Outlier[] {
	const out: Outlier[] = [];
	const rest = [...sheets];
	for (;;) {
		const next = mostDeviant(rest, out.length === 0);
		if (!next) return out;
		out.push(next.outlier);
		rest.splice(next.index, 1);
	}
}

function mostDeviant(
	sheets: readonly { expert: string; total: number }[],
	useSd: boolean
): { index: number; outlier: Outlier } | null {
	const n = sheets.length;
	if (n < 3) return null;
	let sum = 0;
	for (const s of sheets) sum += s.total;
	let best: { index: number; outlier: Outlier } | null = null;
	for (let i = 0; i < n; i++) {
		const x = sheets[i].total;
		const m = (sum - x) / (n - 1);
		const dev = x - m;
		let q = 0; // others' squared deviations, around their own mean (allocation-free loop)
		for (let j = 0; j < n; j++) if (j !== i) q += (sheets[j].total - m) ** 2;
		const sd = n - 1 >= 3 && Math.sqrt(q / (n - 2)) >= EPS ? Math.sqrt(q / (n - 2)) : 0;
		const bySd = useSd && sd > 0 && Math.abs(dev) > OUTLIER_SD * sd + EPS;
		const byPts = Math.abs(dev) > OUTLIER_POINTS + EPS;
		if (!bySd && !byPts) continue;
		if (best && Math.abs(best.outlier.deviation) >= Math.abs(dev)) continue;
		const why = [
			byPts ? `超过 ${OUTLIER_POINTS} 分` : '',
			bySd ? `超过其余专家 ${OUTLIER_SD} 倍标准差 ${fmt(sd)}` : ''
		];
		best = {
			index: i,
			outlier: {
				expert: sheets[i].expert,
				score: x,
				// Names the others' mean and the gap, so the sentence reads on its own: 低于其余专家均值 84.8 分 42.8 分.
				reason: `${dev > 0 ? '高于' : '低于'}其余专家均值 ${fmt(m)} 分 ${fmt(Math.abs(dev))} 分（${why.filter(Boolean).join('，')}）`,
				rule: bySd && byPts ? 'both' : bySd ? 'sd' : 'points',
				deviation: dev
			}
		};
	}
	return best;
}
