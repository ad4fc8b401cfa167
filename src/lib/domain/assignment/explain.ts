// Why an assignment instance has no solution, per dossier and cause (never a bare "infeasible").
import type { MaxFlowResult } from './engine/maxflow';
import type { AssignmentModel } from './';

export interface InfeasibleDetail {
	dossier: string;
	/** Experts that may review it: not conflicted and maxLoad > 0. */
	eligible: number;
	needed: number;
	reason: string;
	/** TOO_FEW_EXPERTS: fewer eligible experts than k; LOAD_LIMIT: experts shared with other dossiers are too busy. */
	code: 'TOO_FEW_EXPERTS' | 'LOAD_LIMIT';
}

export interface AssignmentInfeasible {
	error: 'INFEASIBLE';
	message: string;
	dossiers: string[];
	details: InfeasibleDetail[];
}

const LIST_LIMIT = 8;

function listIds(ids: string[]): string {
	return ids.length <= LIST_LIMIT ? ids.join('、') : `${ids.slice(0, LIST_LIMIT).join('、')} 等 ${ids.length} 份`;
}

function fieldAdvice(fields: (string | undefined)[]): string {
	const named = [...new Set(fields.filter((f): f is string => !!f))].sort();
	if (named.length === 0) return '增加专家';
	return `增加${named
		.slice(0, 3)
		.map((f) => `“${f}”`)
		.join('、')}${named.length > 3 ? '等' : ''}领域专家`;
}

/**
 * Explains a maximum flow that falls short of D·k. First, dossiers with fewer eligible experts
 * than k (each one alone is hopeless). Otherwise the min cut: the dossiers reachable from the
 * source in the residual graph need k·|S| reviews, but their experts can give at most
 * Σ_e min(cap_e, #S-dossiers e may review) < k·|S| (a Hall violator), because of load limits.
 */
export function explainInfeasible(model: AssignmentModel, flow: MaxFlowResult): AssignmentInfeasible {
	const { dossierIds, dossierFields, k, cap, conflict } = model;
	const D = dossierIds.length;
	const E = model.expertIds.length;
	const eligible = new Int32Array(D);
	for (let i = 0; i < D; i++) {
		let count = 0;
		for (let j = 0; j < E; j++) if (!conflict[i * E + j] && cap[j] > 0) count++;
		eligible[i] = count;
	}
	let anyZeroLoad = false;
	for (let j = 0; j < E; j++) if (cap[j] <= 0) anyZeroLoad = true;
	const who = anyZeroLoad ? '无回避且评审上限大于 0 的专家' : '无回避的专家';

	const short: InfeasibleDetail[] = [];
	for (let i = 0; i < D; i++) {
		if (eligible[i] >= k) continue;
		const reason = `仅有 ${eligible[i]} 名${who}，需要 ${k} 名 — 请${fieldAdvice([dossierFields[i]])}或降低每份材料评审人数`;
		short.push({ dossier: dossierIds[i], eligible: eligible[i], needed: k, reason, code: 'TOO_FEW_EXPERTS' });
	}
	if (short.length > 0) {
		const lines = short.slice(0, LIST_LIMIT).map((d) => `${d.dossier}：${d.reason}`);
		const head = short.length > 1 ? `无法完成分配：${short.length} 份材料的可选专家不足。` : '无法完成分配：';
		const more = short.length > LIST_LIMIT ? `；另有 ${short.length - LIST_LIMIT} 份，见 details` : '';
		return {
			error: 'INFEASIBLE',
			message: head + lines.join('；') + more,
			dossiers: short.map((d) => d.dossier),
			details: short
		};
	}

	const rows: number[] = [];
	for (let i = 0; i < D; i++) if (flow.rowReach[i]) rows.push(i);
	const degS = new Int32Array(E);
	for (const i of rows) for (let j = 0; j < E; j++) if (!conflict[i * E + j]) degS[j]++;
	let supply = 0;
	let experts = 0;
	let totalCap = 0;
	for (let j = 0; j < E; j++) {
		totalCap += cap[j];
		const give = Math.min(cap[j], degS[j]);
		supply += give;
		if (give > 0) experts++;
	}
	const demand = k * rows.length;
	const ids = rows.map((i) => dossierIds[i]);
	const advice = `请提高这些专家的评审上限（专家名单的“最大评审量”）、${fieldAdvice(rows.map((i) => dossierFields[i]))}或降低每份材料评审人数`;
	const capacityNote =
		totalCap < D * k ? `专家评审上限合计 ${totalCap} 人次，少于需要的 ${D * k} 人次（${D} 份材料 × ${k} 名）。` : '';
	const message =
		`无法完成分配：${capacityNote}${rows.length} 份材料（${listIds(ids)}）共需 ${demand} 人次评审，` +
		`可评审它们的 ${experts} 名专家受回避和评审上限限制最多只能承担 ${supply} 人次 — ${advice}`;
	const others = rows.length - 1;
	const details = rows.map((i): InfeasibleDetail => ({
		dossier: dossierIds[i],
		eligible: eligible[i],
		needed: k,
		reason:
			(others > 0 ? `与另外 ${others} 份材料争用同一批专家：` : '') +
			`这些专家最多承担 ${supply} 人次，需要 ${demand} 人次 — ${advice}`,
		code: 'LOAD_LIMIT'
	}));
	return { error: 'INFEASIBLE', message, dossiers: ids, details };
}
