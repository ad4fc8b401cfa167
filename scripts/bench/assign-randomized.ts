// Benchmark of the randomized assignment (issue 15): 2000 dossiers × 400 experts, k = 5, q = 0.5,
// ~3 % conflicts, five fields. Times the whole `laurel assign` process (fractional optimum +
// dependent rounding + JSON), the solver alone in this process, and HiGHS's LP with the caps on
// the same instance; checks the sample (k per dossier, loads, conflicts), the marginals (≤ q, k per
// dossier) and that the expected objective equals HiGHS's optimum. Targets: whole process < 2 s and
// ≤ 0.1 × HiGHS. Exit 1 on a wrong answer or a missed target.
//   npx tsx scripts/bench/assign-randomized.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssignmentInstance } from '../../src/lib/domain/assignment';
import { solveRandomizedAssignment } from '../../src/lib/domain/assignment/randomized';
import { rng } from '../../src/lib/server/demo/synthetic/random';
import { LAUREL, printFigures } from './figures';

const FIELDS = ['前沿', '主战场', '重大需求', '生命健康', '社会服务'];
const D = 2000;
const E = 400;
const K = 5;
const Q = 0.5;
const RUNS = 3;
const HIGHS_LIMIT_S = Number(process.env.HIGHS_LIMIT ?? 120);
const SEED = '2024-05-06 纪检 37 12 88';

function generate(): AssignmentInstance & { maxProbability: number; seed: string } {
	const r = rng(151);
	const pad = (p: string, i: number, w: number) => `${p}${String(i + 1).padStart(w, '0')}`;
	const dossiers = Array.from({ length: D }, (_, i) => ({ id: pad('D', i, 4), field: FIELDS[Math.floor(r() * 5)] }));
	const experts = Array.from({ length: E }, (_, j) => {
		const fields = new Set<string>();
		const count = 1 + Math.floor(r() * 3);
		while (fields.size < count) fields.add(FIELDS[Math.floor(r() * 5)]);
		return { id: pad('E', j, 3), fields: [...fields] };
	});
	const conflicts: { expert: string; dossier: string }[] = [];
	for (const d of dossiers) for (const e of experts) if (r() < 0.03) conflicts.push({ expert: e.id, dossier: d.id });
	return { reviewsPerDossier: K, dossiers, experts, conflicts, affinity: [], maxProbability: Q, seed: SEED };
}

function check(
	inst: AssignmentInstance,
	out: {
		assignments: { expert: string; dossier: string }[];
		objective: number;
		marginals: { expert: string; dossier: string; p: number }[];
	}
): string | null {
	const conflict = new Set((inst.conflicts ?? []).map((c) => `${c.expert}|${c.dossier}`));
	const fieldOf = new Map(inst.dossiers.map((d) => [d.id, d.field]));
	const fieldsOf = new Map(inst.experts.map((e) => [e.id, e.fields ?? []]));
	const maxLoad = Math.ceil((D * K) / E);
	const per = new Map<string, Set<string>>();
	const load = new Map<string, number>();
	let total = 0;
	for (const a of out.assignments) {
		if (conflict.has(`${a.expert}|${a.dossier}`)) return `conflicted pair used ${a.expert}–${a.dossier}`;
		const s = per.get(a.dossier) ?? new Set();
		if (s.has(a.expert)) return 'duplicate pair';
		per.set(a.dossier, s.add(a.expert));
		load.set(a.expert, (load.get(a.expert) ?? 0) + 1);
		if (fieldsOf.get(a.expert)!.includes(fieldOf.get(a.dossier)!)) total++;
	}
	for (const d of inst.dossiers)
		if (per.get(d.id)?.size !== K) return `${d.id} has ${per.get(d.id)?.size ?? 0} experts`;
	for (const [e, n] of load) if (n > maxLoad) return `${e} overloaded`;
	if (total !== out.objective) return `objective ${out.objective} ≠ ${total}`;
	const sum = new Map<string, number>();
	for (const m of out.marginals) {
		if (!(m.p > 0 && m.p <= Q)) return `marginal ${m.p} outside (0, ${Q}]`;
		if (conflict.has(`${m.expert}|${m.dossier}`)) return 'marginal on a conflict';
		sum.set(m.dossier, (sum.get(m.dossier) ?? 0) + m.p);
	}
	for (const d of inst.dossiers)
		if (Math.abs((sum.get(d.id) ?? 0) - K) > 1e-9) return `${d.id} marginals sum to ${sum.get(d.id)}`;
	return null;
}

function highsLp(inst: AssignmentInstance): string {
	const conflict = new Set((inst.conflicts ?? []).map((c) => `${c.expert}|${c.dossier}`));
	const maxLoad = Math.ceil((D * K) / E);
	const obj: string[] = [];
	const rows = inst.dossiers.map(() => [] as string[]);
	const cols = inst.experts.map(() => [] as string[]);
	const names: string[] = [];
	inst.dossiers.forEach((d, i) =>
		inst.experts.forEach((e, j) => {
			if (conflict.has(`${e.id}|${d.id}`)) return;
			const x = `x${i}_${j}`;
			names.push(x);
			if ((e.fields ?? []).includes(d.field!)) obj.push(`+ ${x}`);
			rows[i].push(`+ ${x}`);
			cols[j].push(`+ ${x}`);
		})
	);
	const lines = ['Maximize', ` obj: ${obj.join(' ')}`, 'Subject To'];
	rows.forEach((r, i) => lines.push(` d${i}: ${r.join(' ')} = ${K}`));
	cols.forEach((c, j) => lines.push(` e${j}: ${c.join(' ')} <= ${maxLoad}`));
	lines.push('Bounds');
	for (const x of names) lines.push(` 0 <= ${x} <= ${Q}`);
	lines.push('End');
	return lines.join('\n');
}

async function main(): Promise<number> {
	const inst = generate();
	const file = join(mkdtempSync(join(tmpdir(), 'laurel-rassign-bench-')), 'randomized-2000x400.json');
	writeFileSync(file, JSON.stringify(inst));
	let cliMs = Infinity;
	let run = spawnSync('true', { encoding: 'utf8' });
	for (let r = 0; r < RUNS; r++) {
		const t0 = performance.now();
		run = spawnSync(LAUREL[0], [LAUREL[1], 'assign', '--in', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
		cliMs = Math.min(cliMs, performance.now() - t0);
		if (run.status !== 0) break;
	}
	if (run.status !== 0) {
		console.log(`laurel exit ${run.status}: ${String(run.stdout).slice(0, 300)} ${String(run.stderr).slice(0, 300)}`);
		return 1;
	}
	const out = JSON.parse(String(run.stdout));
	const bad = check(inst, out);
	let solveMs = Infinity;
	for (let r = 0; r < RUNS; r++) {
		const t0 = performance.now();
		solveRandomizedAssignment(inst, Q, SEED);
		solveMs = Math.min(solveMs, performance.now() - t0);
	}
	const highs = await (await import('highs')).default();
	const lp = highsLp(inst);
	const h0 = performance.now();
	const sol = highs.solve(lp, { time_limit: HIGHS_LIMIT_S, output_flag: false });
	const highsMs = performance.now() - h0;
	const finished = sol.Status === 'Optimal';
	const equal =
		finished &&
		Math.abs(sol.ObjectiveValue - out.expectedObjective) <= 1e-6 * Math.max(1, Math.abs(sol.ObjectiveValue));
	const ratio = cliMs / highsMs;
	console.log(
		`randomized 2000×400 k=5 q=0.5: laurel assign (whole process) ${cliMs.toFixed(0)} ms (solve+sample alone ${solveMs.toFixed(0)} ms); target < 2000 ms`
	);
	console.log(
		`reference HiGHS LP with the caps: ${finished ? `${highsMs.toFixed(0)} ms` : `> ${HIGHS_LIMIT_S} s (${sol.Status})`};` +
			` laurel/HiGHS = ${ratio.toFixed(3)} (goal ≤ 0.1)`
	);
	console.log(
		`expected objective ${out.expectedObjective} vs HiGHS ${finished ? sol.ObjectiveValue : '—'}: ` +
			`${equal ? 'EQUAL' : finished ? 'DIFFERENT' : 'HiGHS unfinished'}; this sample ${out.objective}; ${out.marginals.length} fractional pairs`
	);
	console.log(
		`sample ${bad ? `INVALID: ${bad}` : 'valid (k per dossier, loads, conflicts, marginals ≤ q)'};` +
			` best of ${RUNS}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`
	);
	const ok = !bad && (equal || !finished) && cliMs < 2000 && (!finished || ratio <= 0.1);
	console.log(ok ? 'OK' : 'FAILED');
	printFigures('assign-randomized', {
		cliMs: Math.round(cliMs),
		solveMs: Math.round(solveMs),
		highsMs: finished ? Math.round(highsMs) : null,
		ratio: Number(ratio.toFixed(4)),
		expectedObjective: out.expectedObjective,
		highsObjective: finished ? sol.ObjectiveValue : null,
		valid: !bad
	});
	return ok ? 0 : 1;
}

void main().then((code) => process.exit(code));
