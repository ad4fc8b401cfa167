// Score sheets for the screenshot specs (screens.spec.ts, screens-office.spec.ts): every pair of a
// round scored through the services, experts a little lenient or strict, optionally an outlier and
// some sheets left as drafts or not started.
import { e2eDb } from './fixtures';
import { eq } from 'drizzle-orm';
import { type RoundRow } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { candidates } from '../../src/lib/server/db/schema';

/** The laptop and tablet widths every screen is taken at. */
export const widths = [1280, 768];

export async function scoreRound(id: string, round: RoundRow, opts: { outlier: boolean; leaveOpen: boolean }) {
	const db = await e2eDb();
	const actor = { id: null, name: 'screens' };
	const rubric = (round.rubric ?? []) as { key: string; max: number }[];
	const split = (total: number) => {
		const v: Record<string, number> = {};
		let left = total;
		rubric.forEach((c, i) => {
			const x = i === rubric.length - 1 ? left : Math.round((total * c.max) / 100);
			v[c.key] = Math.max(0, Math.min(c.max, x));
			left -= v[c.key];
		});
		return v;
	};
	const codes = new Map(
		(await db.select().from(candidates).where(eq(candidates.campaignId, id))).map((c) => [c.id, c.reviewCode!])
	);
	const order = [...codes.keys()].sort((a, b) => (codes.get(a)! < codes.get(b)! ? -1 : 1));
	const byCandidate = new Map<string, string[]>();
	const pairs = await roundPairs(db, round);
	for (const p of pairs) byCandidate.set(p.candidateId, [...(byCandidate.get(p.candidateId) ?? []), p.expertId].sort());
	// each expert a little lenient or strict, the same on every dossier
	const expertIndex = new Map([...new Set(pairs.map((p) => p.expertId))].sort().map((e, i) => [e, i]));
	for (const [ci, c] of order.entries()) {
		const es = byCandidate.get(c) ?? [];
		const quality = 62 + ((ci * 37) % 29);
		for (const [ei, e] of es.entries()) {
			// the last expert of some dossiers has a draft, or has not started
			const late = opts.leaveOpen && ei === es.length - 1 && ci % 10 >= 8;
			if (late && ci % 10 === 9) continue;
			let total = Math.min(99, quality + [2, -1, -3, 1, 0][expertIndex.get(e)! % 5] + ((ci * 7 + ei * 13) % 9) - 4);
			if (opts.outlier && ci % 13 === 1 && ei === 2) total = Math.max(20, total - 32);
			const r = await saveSheet(db, actor, {
				round,
				expertId: e,
				candidateId: c,
				values: split(total),
				baseVersion: 0,
				submit: !late
			});
			if (!r.ok) throw new Error(r.message);
		}
	}
}
