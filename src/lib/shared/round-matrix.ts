// Shapes the round page's data for its components: the score matrix per field with the state of
// every cell, and the outliers as a list (round-view.ts pages them). Pure and client-safe.
import { compareReviewCodes } from './review-codes';

export type CellStatus = 'submitted' | 'draft' | 'none' | 'rescore' | 'absent';

export interface MatrixCell {
	expertId: string;
	raw: number | null;
	cal: number | null;
	status: CellStatus;
	/** the outlier reason, in words, when this score is flagged */
	outlier: string | null;
	/** the chair's message while a rescore is pending */
	message: string | null;
}
export interface MatrixRow {
	id: string;
	code: string;
	field: string;
	cells: MatrixCell[];
	mean: number | null;
	calibrated: number | null;
}
export interface MatrixGroup {
	field: string;
	experts: { id: string; name: string }[];
	/**
	 * More experts than a table can show side by side (a national panel: 100 experts, 5 per dossier):
	 * each row then lists only its own reviewers' cells, by name, instead of a column per expert.
	 */
	compact: boolean;
	rows: MatrixRow[];
}

/** Beyond this many experts in a field a row lists its own reviewers instead of one column each. */
export const COMPACT_OVER = 12;
export interface OutlierItem {
	candidateId: string;
	code: string;
	field: string;
	expertId: string;
	expert: string;
	score: number;
	reason: string;
	/** score − the other experts' mean, signed */
	deviation: number;
}

export interface ResultsLike {
	candidates: { id: string; code: string; field: string }[];
	experts: { id: string; name: string }[];
	aggregates: {
		id: string;
		candidate: string;
		mean: number;
		calibrated: number;
		outliers: { expert: string; score: number; reason: string; deviation: number }[];
	}[];
	/** one per submitted sheet (sparse) */
	cells: { expertId: string; candidateId: string; raw: number; cal: number }[];
	pending: { expertId: string; candidateId: string; status: 'draft' | 'none' }[];
}

const pk = (e: string, c: string) => `${e}|${c}`;

/** Every flagged score, the widest disagreement first. */
export function outlierList(r: ResultsLike): OutlierItem[] {
	const idOfName = new Map(r.experts.map((e) => [e.name, e.id]));
	const info = new Map(r.candidates.map((c) => [c.id, c]));
	const out: OutlierItem[] = [];
	for (const a of r.aggregates)
		for (const o of a.outliers)
			out.push({
				candidateId: a.id,
				code: a.candidate,
				field: info.get(a.id)?.field ?? '',
				expertId: idOfName.get(o.expert) ?? '',
				expert: o.expert,
				score: o.score,
				reason: o.reason,
				deviation: o.deviation
			});
	// the widest disagreements first
	return out.sort((a, b) => Math.abs(b.deviation) - Math.abs(a.deviation) || compareReviewCodes(a.code, b.code));
}

/**
 * The matrix, one group per field, of `rows` (a page of the round's candidates; all of them when
 * omitted, e.g. the print). Each group's columns are the experts with a sheet or a pending pair on
 * those rows, so a page costs its own cells, never candidates × experts of the whole round.
 */
export function matrixGroups(
	r: ResultsLike,
	rescore: { expertId: string; candidateId: string; message: string }[],
	rows: { id: string; code: string; field: string }[] = r.candidates
): MatrixGroup[] {
	// The aggregates name experts (their outliers are keyed by name); the page works with ids.
	const idOfName = new Map(r.experts.map((e) => [e.name, e.id]));
	const nameOf = new Map(r.experts.map((e) => [e.id, e.name]));
	const wanted = new Set(rows.map((c) => c.id));
	const raw = new Map<string, number>();
	const cal = new Map<string, number>();
	const expertsOf = new Map<string, Set<string>>(); // candidate → experts with a cell
	const touch = (candidateId: string, expertId: string) => {
		const s = expertsOf.get(candidateId) ?? new Set<string>();
		s.add(expertId);
		expertsOf.set(candidateId, s);
	};
	for (const c of r.cells) {
		if (!wanted.has(c.candidateId)) continue;
		raw.set(pk(c.expertId, c.candidateId), c.raw);
		cal.set(pk(c.expertId, c.candidateId), c.cal);
		touch(c.candidateId, c.expertId);
	}
	const pending = new Map<string, 'draft' | 'none'>();
	for (const p of r.pending) {
		if (!wanted.has(p.candidateId)) continue;
		pending.set(pk(p.expertId, p.candidateId), p.status);
		touch(p.candidateId, p.expertId);
	}
	const asked = new Map(rescore.map((x) => [pk(x.expertId, x.candidateId), x.message]));
	const outliers = new Map<string, string>();
	const aggOf = new Map<string, ResultsLike['aggregates'][number]>();
	for (const a of r.aggregates) {
		if (!wanted.has(a.id)) continue;
		aggOf.set(a.id, a);
		for (const o of a.outliers) outliers.set(pk(idOfName.get(o.expert) ?? '', a.id), `${o.score} 分，${o.reason}`);
	}

	const byField = new Map<string, { id: string; code: string; field: string }[]>();
	for (const c of rows) {
		const list = byField.get(c.field);
		if (list) list.push(c);
		else byField.set(c.field, [c]);
	}
	const fields = [...byField.keys()].sort(compareReviewCodes);
	return fields.map((field) => {
		const list = byField.get(field)!.sort((a, b) => compareReviewCodes(a.code, b.code));
		const ids = new Set(list.flatMap((c) => [...(expertsOf.get(c.id) ?? [])]));
		const experts = [...ids]
			.map((id) => ({ id, name: nameOf.get(id) ?? id }))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
		const compact = experts.length > COMPACT_OVER;
		const order = new Map(experts.map((e, i) => [e.id, i]));
		// a compact row: its own reviewers, in the group's column order (5 of a panel of 100)
		const own = (c: { id: string }) =>
			[...(expertsOf.get(c.id) ?? [])]
				.sort((a, b) => order.get(a)! - order.get(b)!)
				.map((id) => experts[order.get(id)!]);
		const cellsOf = (c: { id: string }): MatrixCell[] =>
			(compact ? own(c) : experts).map((e) => {
				const k = pk(e.id, c.id);
				const st = pending.get(k);
				const status: CellStatus = raw.has(k)
					? 'submitted'
					: asked.has(k)
						? 'rescore'
						: st === 'draft'
							? 'draft'
							: st === 'none'
								? 'none'
								: 'absent';
				return {
					expertId: e.id,
					raw: raw.get(k) ?? null,
					cal: cal.get(k) ?? null,
					status,
					outlier: outliers.get(k) ?? null,
					message: asked.get(k) ?? null
				};
			});
		return {
			field,
			experts,
			compact,
			rows: list.map((c) => {
				const a = aggOf.get(c.id);
				return {
					id: c.id,
					code: c.code,
					field,
					cells: cellsOf(c),
					mean: a?.mean ?? null,
					calibrated: a?.calibrated ?? null
				};
			})
		};
	});
}
