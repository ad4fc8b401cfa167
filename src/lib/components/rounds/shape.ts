// Shapes the round page's data for its components: the score matrix per field with the state of
// every cell, and the outliers as a list. Pure and client-safe.
import { compareReviewCodes } from '$lib/shared/review-codes';

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
	rows: MatrixRow[];
}
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

interface ResultsLike {
	candidates: { id: string; code: string; field: string }[];
	experts: { id: string; name: string }[];
	aggregates: {
		id: string;
		candidate: string;
		mean: number;
		calibrated: number;
		outliers: { expert: string; score: number; reason: string; deviation: number }[];
	}[];
	matrix: {
		candidates: string[];
		experts: string[];
		cells: (number | null)[][];
		calibrated: (number | null)[][];
	} | null;
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

export function matrixGroups(
	r: ResultsLike,
	rescore: { expertId: string; candidateId: string; message: string }[]
): MatrixGroup[] {
	// The matrix names experts (it is keyed by name); the page works with ids.
	const idOfName = new Map(r.experts.map((e) => [e.name, e.id]));
	const nameOf = new Map(r.experts.map((e) => [e.id, e.name]));
	const fieldOf = new Map(r.candidates.map((c) => [c.id, c.field]));
	const codeToId = new Map(r.candidates.map((c) => [c.code, c.id]));
	const raw = new Map<string, number>();
	const cal = new Map<string, number>();
	const fieldExperts = new Map<string, Set<string>>();
	const touch = (field: string, expertId: string) => {
		const s = fieldExperts.get(field) ?? new Set<string>();
		s.add(expertId);
		fieldExperts.set(field, s);
	};
	if (r.matrix) {
		r.matrix.candidates.forEach((code, i) => {
			const cid = codeToId.get(code);
			if (!cid) return;
			r.matrix!.experts.forEach((name, j) => {
				const eid = idOfName.get(name);
				const x = r.matrix!.cells[i][j];
				if (!eid || x === null) return;
				raw.set(pk(eid, cid), x);
				const y = r.matrix!.calibrated[i][j];
				if (y !== null) cal.set(pk(eid, cid), y);
				touch(fieldOf.get(cid) ?? '', eid);
			});
		});
	}
	const pending = new Map(r.pending.map((p) => [pk(p.expertId, p.candidateId), p.status]));
	for (const p of r.pending) touch(fieldOf.get(p.candidateId) ?? '', p.expertId);
	const asked = new Map(rescore.map((x) => [pk(x.expertId, x.candidateId), x.message]));
	const outliers = new Map<string, string>();
	const aggOf = new Map(r.aggregates.map((a) => [a.id, a]));
	for (const a of r.aggregates)
		for (const o of a.outliers) outliers.set(pk(idOfName.get(o.expert) ?? '', a.id), `${o.score} 分，${o.reason}`);

	const byField = new Map<string, { id: string; code: string; field: string }[]>();
	for (const c of r.candidates) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
	const fields = [...byField.keys()].sort(compareReviewCodes);
	return fields.map((field) => {
		const experts = [...(fieldExperts.get(field) ?? [])]
			.map((id) => ({ id, name: nameOf.get(id) ?? id }))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
		const rows = byField
			.get(field)!
			.sort((a, b) => compareReviewCodes(a.code, b.code))
			.map((c) => {
				const cells: MatrixCell[] = experts.map((e) => {
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
				const a = aggOf.get(c.id);
				return { id: c.id, code: c.code, field, cells, mean: a?.mean ?? null, calibrated: a?.calibrated ?? null };
			});
		return { field, experts, rows };
	});
}
