// What the office must see at the cut of a tier (issue 12): fewer candidates than seats, and equal
// scores straddling the last seat (“并列”), which no score order can settle by itself.

export interface Ranked {
	id: string;
	score: number;
}

export interface CutReport {
	seats: number;
	/** candidates that can be chosen for the tier */
	available: number;
	/** seats that cannot be filled (0 when enough) */
	shortBy: number;
	/** a tie at the cut: the score, who of the tie is inside the seats and who is outside */
	tie: { score: number; inside: string[]; outside: string[] } | null;
}

/** `ranked` in the tier's plain order (score descending, then the published tie-break). */
export function cutReport(ranked: Ranked[], seats: number): CutReport {
	const available = ranked.length;
	const shortBy = Math.max(0, seats - available);
	let tie: CutReport['tie'] = null;
	if (seats > 0 && available > seats) {
		const last = ranked[seats - 1].score;
		const first = ranked[seats].score;
		// scores are stored rounded to 4 decimals (selection.ts): equal means equal there
		if (Math.abs(last - first) < 1e-9) {
			const same = ranked.filter((r) => Math.abs(r.score - last) < 1e-9);
			const inside = new Set(ranked.slice(0, seats).map((r) => r.id));
			tie = {
				score: last,
				inside: same.filter((r) => inside.has(r.id)).map((r) => r.id),
				outside: same.filter((r) => !inside.has(r.id)).map((r) => r.id)
			};
		}
	}
	return { seats, available, shortBy, tie };
}
