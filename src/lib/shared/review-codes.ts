// The one order of review codes (评审编号, "前沿-07"), client-safe: tasks, results, ties in
// selection, exports, pages and the CLI all sort codes with compareReviewCodes. How codes are
// given stays in domain/anonymity/review-codes.ts.

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The order of review codes everywhere (tasks, results, ties in selection, exports): runs of
 * digits compare by value, everything else by UTF-16 code unit, so 前沿-99 < 前沿-100 < 前沿-1000
 * (plain string order put 前沿-100 before 前沿-11). Exact for digit runs of any length (no
 * Number conversion); equal values written differently (07 / 7) fall back to code-unit order,
 * so the order is total and any ids (not only codes) sort deterministically.
 */
export function compareReviewCodes(a: string, b: string): number {
	if (a === b) return 0;
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		const ca = a.charCodeAt(i);
		const cb = b.charCodeAt(j);
		if (isDigit(ca) && isDigit(cb)) {
			let ei = i;
			while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
			let ej = j;
			while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
			let si = i;
			while (si < ei - 1 && a.charCodeAt(si) === 48) si++; // leading zeros
			let sj = j;
			while (sj < ej - 1 && b.charCodeAt(sj) === 48) sj++;
			const la = ei - si;
			const lb = ej - sj;
			if (la !== lb) return la - lb;
			for (let k = 0; k < la; k++) {
				const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
				if (d) return d;
			}
			i = ei;
			j = ej;
			continue;
		}
		if (ca !== cb) return ca - cb;
		i++;
		j++;
	}
	const rest = a.length - i - (b.length - j);
	if (rest) return rest;
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted copy in review-code order. */
export function sortReviewCodes(codes: Iterable<string>): string[] {
	return [...codes].sort(compareReviewCodes);
}
