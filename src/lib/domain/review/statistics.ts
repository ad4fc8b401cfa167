// Small statistics of score aggregation (aggregation.ts): mean, sample/population SD, median and
// the trimmed mean of the brief. Pure functions.

/** Values closer than this are equal (decimal noise); also the floor below which an SD is 0. */
export const EPS = 1e-9;

export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
export const mean = (xs: readonly number[]): number => (xs.length ? sum(xs) / xs.length : NaN);
export function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
	const m = new Map<string, T[]>();
	for (const x of xs) {
		const g = m.get(key(x));
		if (g) g.push(x);
		else m.set(key(x), [x]);
	}
	return m;
}
/** Two-pass SD (no Σx² cancellation); `sample` divides by n − 1. 0 when undefined. */
export function stdDev(xs: readonly number[], sample: boolean): number {
	const n = xs.length;
	if (n < (sample ? 2 : 1)) return 0;
	const m = mean(xs);
	let q = 0;
	for (const x of xs) q += (x - m) * (x - m);
	const sd = Math.sqrt(q / (sample ? n - 1 : n));
	return sd < EPS ? 0 : sd;
}
export function median(xs: readonly number[]): number {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	const h = s.length >> 1;
	return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
/** 去掉一个最高分和一个最低分 when n ≥ 5; otherwise the plain mean. */
export function trimmedMean(xs: readonly number[]): number {
	if (xs.length < 5) return mean(xs);
	return (sum(xs) - Math.min(...xs) - Math.max(...xs)) / (xs.length - 2);
}
