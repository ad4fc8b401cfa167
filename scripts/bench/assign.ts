// Benchmark of `laurel assign`: generates assignment instances (120×25, 600×80, 2000×400 dossiers ×
// experts, k = 5, ~3 % conflicts, 5 fields, experts with 1–3 fields; "+aff" variants add real-valued
// affinities on ~10 % of the pairs), times the whole CLI process (`node --import tsx
// scripts/laurel.ts assign --in FILE`, and the largest once through `npx tsx`), times
// solveAssignment alone in this process, solves the same instance with HiGHS (time-limited, env
// HIGHS_LIMIT seconds) and compares objectives. Exit 1 when the CLI fails, an answer breaks a
// constraint, or an objective differs from a finished HiGHS solve, or when 2000×400 misses its goal
// (issue 16): at most 0.02 × HotCRP's time on it, about 0.55 s. HotCRP (PHP, min-cost max-flow) is
// not run here: the figure is the issue's reference, taken as given. Times are wall-clock and CPU;
// on a busy machine (load above the cores) the goal is judged on the CLI process's CPU time.
//   npx tsx scripts/bench/assign.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveAssignment, type AssignmentInstance } from '../../src/lib/domain/assignment';
import { rng } from '../../src/lib/server/demo/synthetic/random';
import { childrenCpuMs, LAUREL, machineBusy, printFigures } from './figures';

/** 0.02 × HotCRP's time on 2000×400, as issue 16 states it (HotCRP itself is PHP, not run here). */
const GOAL_2000_MS = 550;

const FIELDS = ['前沿', '主战场', '重大需求', '生命健康', '社会服务'];
const K = 5;
const HIGHS_LIMIT_S = Number(process.env.HIGHS_LIMIT ?? 45);
const RUNS = 3;

interface Variant {
	name: string;
	dossiers: number;
	experts: number;
	affinity: boolean;
	seed: number;
}

function generate(v: Variant): AssignmentInstance {
	const r = rng(v.seed);
	const pad = (p: string, i: number, w: number) => `${p}${String(i + 1).padStart(w, '0')}`;
	const dossiers = Array.from({ length: v.dossiers }, (_, i) => ({
		id: pad('D', i, 4),
		field: FIELDS[Math.floor(r() * 5)]
	}));
	const experts = Array.from({ length: v.experts }, (_, j) => {
		const fields = new Set<string>();
		const count = 1 + Math.floor(r() * 3);
		while (fields.size < count) fields.add(FIELDS[Math.floor(r() * 5)]);
		return { id: pad('E', j, 3), fields: [...fields] };
	});
	const conflicts: AssignmentInstance['conflicts'] = [];
	const affinity: NonNullable<AssignmentInstance['affinity']> = [];
	for (const d of dossiers) {
		for (const e of experts) {
			if (r() < 0.03) conflicts.push({ expert: e.id, dossier: d.id });
			else if (v.affinity && r() < 0.1)
				affinity.push({ expert: e.id, dossier: d.id, value: Math.round(r() * 30000) / 10000 });
		}
	}
	return { reviewsPerDossier: K, dossiers, experts, conflicts, affinity };
}

/** Pair values and effective loads exactly as CONTRACTS.md defines them. */
function pairs(inst: AssignmentInstance) {
	const D = inst.dossiers.length;
	const E = inst.experts.length;
	const defaultLoad = Math.ceil((D * inst.reviewsPerDossier) / E);
	const conflict = new Set((inst.conflicts ?? []).map((c) => `${c.expert}|${c.dossier}`));
	const aff = new Map((inst.affinity ?? []).map((a) => [`${a.expert}|${a.dossier}`, a.value]));
	const value = (e: (typeof inst.experts)[number], d: (typeof inst.dossiers)[number]) =>
		aff.get(`${e.id}|${d.id}`) ?? ((e.fields ?? []).includes(d.field ?? '\u0000') ? 1 : 0);
	return { D, E, defaultLoad, conflict, value, aff };
}

function highsLp(inst: AssignmentInstance): string {
	const { conflict, value, defaultLoad, D } = pairs(inst);
	const obj: string[] = [];
	const rows = inst.dossiers.map(() => [] as string[]);
	const cols = inst.experts.map(() => [] as string[]);
	const names: string[] = [];
	inst.dossiers.forEach((d, i) =>
		inst.experts.forEach((e, j) => {
			if (conflict.has(`${e.id}|${d.id}`)) return;
			const x = `x${i}_${j}`;
			names.push(x);
			const v = value(e, d);
			if (v !== 0) obj.push(`${v >= 0 ? '+' : '-'} ${Math.abs(v)} ${x}`);
			rows[i].push(`+ ${x}`);
			cols[j].push(`+ ${x}`);
		})
	);
	const lines = ['Maximize', ` obj: ${obj.join(' ') || '0 ' + names[0]}`, 'Subject To'];
	rows.forEach((r, i) => lines.push(` d${i}: ${r.join(' ')} = ${inst.reviewsPerDossier}`));
	cols.forEach((c, j) =>
		lines.push(` e${j}: ${c.join(' ')} <= ${Math.min(inst.experts[j].maxLoad ?? defaultLoad, D)}`)
	);
	lines.push('Bounds');
	for (const x of names) lines.push(` 0 <= ${x} <= 1`);
	lines.push('End');
	return lines.join('\n');
}

/** Recomputes the objective of a CLI answer and checks every constraint. */
function audit(
	inst: AssignmentInstance,
	out: { assignments: { expert: string; dossier: string }[]; objective: number }
): string | null {
	const { conflict, value, defaultLoad, D } = pairs(inst);
	const dossier = new Map(inst.dossiers.map((d) => [d.id, d]));
	const expert = new Map(inst.experts.map((e) => [e.id, e]));
	const per = new Map<string, Set<string>>();
	const load = new Map<string, number>();
	let total = 0;
	for (const a of out.assignments) {
		const d = dossier.get(a.dossier);
		const e = expert.get(a.expert);
		if (!d || !e) return `unknown id in ${JSON.stringify(a)}`;
		if (conflict.has(`${a.expert}|${a.dossier}`)) return `conflicted pair used: ${JSON.stringify(a)}`;
		const set = per.get(a.dossier) ?? new Set();
		if (set.has(a.expert)) return `duplicate pair ${JSON.stringify(a)}`;
		set.add(a.expert);
		per.set(a.dossier, set);
		load.set(a.expert, (load.get(a.expert) ?? 0) + 1);
		total += value(e, d);
	}
	for (const d of inst.dossiers)
		if ((per.get(d.id)?.size ?? 0) !== inst.reviewsPerDossier) return `${d.id} has ${per.get(d.id)?.size ?? 0} experts`;
	for (const e of inst.experts)
		if ((load.get(e.id) ?? 0) > Math.min(e.maxLoad ?? defaultLoad, D)) return `${e.id} overloaded`;
	if (Math.abs(total - out.objective) > 1e-6) return `reported objective ${out.objective} ≠ recomputed ${total}`;
	return null;
}

const variants: Variant[] = [
	{ name: '120×25', dossiers: 120, experts: 25, affinity: false, seed: 11 },
	{ name: '120×25+aff', dossiers: 120, experts: 25, affinity: true, seed: 12 },
	{ name: '600×80', dossiers: 600, experts: 80, affinity: false, seed: 21 },
	{ name: '600×80+aff', dossiers: 600, experts: 80, affinity: true, seed: 22 },
	{ name: '2000×400', dossiers: 2000, experts: 400, affinity: false, seed: 31 },
	{ name: '2000×400+aff', dossiers: 2000, experts: 400, affinity: true, seed: 32 }
];

async function main(): Promise<number> {
	const dir = mkdtempSync(join(tmpdir(), 'laurel-assign-bench-'));
	const highs = await (await import('highs')).default();
	let failed = false;
	const table: string[] = [];
	const figures: Record<string, unknown>[] = [];
	let largest = '';
	let goal = { figure: Infinity, basis: 'wall', met: false };
	for (const v of variants) {
		const inst = generate(v);
		const file = join(dir, `${v.name.replace(/[^\w+]/g, '_')}.json`);
		writeFileSync(file, JSON.stringify(inst));
		largest = file;
		// Best of RUNS: the machine may be shared, the minimum is the least disturbed run.
		let laurelMs = Infinity;
		let cpuMs: number | null = null;
		let run = spawnSync('true', { encoding: 'utf8' });
		for (let r = 0; r < RUNS; r++) {
			const c0 = childrenCpuMs();
			const t0 = performance.now();
			run = spawnSync(LAUREL[0], [LAUREL[1], 'assign', '--in', file], {
				encoding: 'utf8',
				maxBuffer: 1 << 28
			});
			laurelMs = Math.min(laurelMs, performance.now() - t0);
			const c1 = childrenCpuMs();
			if (c0 !== null && c1 !== null) cpuMs = Math.min(cpuMs ?? Infinity, c1 - c0);
			if (run.status !== 0) break;
		}
		if (run.status !== 0) {
			console.log(
				`${v.name}: laurel exit ${run.status}\n${String(run.stdout).slice(0, 500)}\n${String(run.stderr).slice(0, 500)}`
			);
			failed = true;
			continue;
		}
		const out = JSON.parse(String(run.stdout));
		const bad = audit(inst, out);
		if (bad) {
			console.log(`${v.name}: invalid answer: ${bad}`);
			failed = true;
		}
		// The solver alone, in this process (JIT warm after the first run).
		let solveMs = Infinity;
		for (let r = 0; r < RUNS; r++) {
			const s0 = performance.now();
			solveAssignment(inst);
			solveMs = Math.min(solveMs, performance.now() - s0);
		}
		const lp = highsLp(inst);
		const h0 = performance.now();
		const sol = highs.solve(lp, { time_limit: HIGHS_LIMIT_S, output_flag: false });
		const highsMs = performance.now() - h0;
		const finished = sol.Status === 'Optimal';
		const highsObj = finished ? sol.ObjectiveValue : NaN;
		const equal = finished && Math.abs(highsObj - out.objective) <= 1e-6 * Math.max(1, Math.abs(highsObj));
		if (finished && !equal) failed = true;
		const ratio = highsMs / laurelMs;
		table.push(
			[
				v.name.padEnd(13),
				`laurel CLI ${laurelMs.toFixed(0).padStart(5)} ms, CPU ${cpuMs === null ? '—' : cpuMs.toFixed(0).padStart(5)} ms (solve alone ${solveMs.toFixed(0).padStart(4)} ms)`,
				finished ? `HiGHS ${highsMs.toFixed(0).padStart(6)} ms` : `HiGHS > ${HIGHS_LIMIT_S} s (${sol.Status})`,
				`ratio ${finished ? '' : '≥ '}${ratio.toFixed(1)}×`,
				`objective ${out.objective} vs ${finished ? highsObj.toFixed(6) : '—'}`,
				finished ? (equal ? 'EQUAL' : 'DIFFERENT') : 'HiGHS unfinished'
			].join('  ')
		);
		console.log(table[table.length - 1]);
		if (v.name === '2000×400') {
			const machine = machineBusy();
			const byCpu = machine.busy && cpuMs !== null;
			const figure = byCpu ? cpuMs! : laurelMs;
			goal = { figure, basis: byCpu ? 'cpu' : 'wall', met: figure <= GOAL_2000_MS };
			console.log(
				`  goal 2000×400: whole process ≤ 0.02 × HotCRP ≈ ${GOAL_2000_MS} ms (the issue's figure; HotCRP is PHP and not run here):` +
					` ${figure.toFixed(0)} ms ${byCpu ? `CPU (load ${machine.load} on ${machine.cores} cores)` : 'wall-clock'},` +
					` ratio ${(figure / GOAL_2000_MS).toFixed(2)} → ${goal.met ? 'met' : 'NOT met'}; solve alone ${solveMs.toFixed(0)} ms`
			);
		}
		figures.push({
			name: v.name,
			laurelMs: Math.round(laurelMs),
			cpuMs,
			solveMs: Math.round(solveMs),
			highsMs: finished ? Math.round(highsMs) : null,
			laurelOverHighs: finished ? +(laurelMs / highsMs).toFixed(4) : null,
			equal
		});
	}
	// The contract's own invocation, npm's start-up included.
	let npmMs = Infinity;
	for (let r = 0; r < RUNS; r++) {
		const n0 = performance.now();
		const npm = spawnSync('npm', ['run', '--silent', 'laurel', '--', 'assign', '--in', largest], {
			encoding: 'utf8',
			maxBuffer: 1 << 28
		});
		npmMs = Math.min(npmMs, performance.now() - n0);
		if (npm.status !== 0) failed = true;
	}
	console.log(`npm run --silent laurel -- assign --in <2000×400+aff>: ${npmMs.toFixed(0)} ms (best of ${RUNS})`);
	console.log(`all times: best of ${RUNS} runs; load average now ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`);
	failed ||= !goal.met;
	console.log(failed ? 'FAILED' : 'OK');
	printFigures('assign', {
		variants: figures,
		npmRunLargestMs: Math.round(npmMs),
		ms2000x400: Math.round(goal.figure),
		goal2000x400Ms: GOAL_2000_MS,
		ratio2000x400: +(goal.figure / GOAL_2000_MS).toFixed(3),
		judgedBy: goal.basis,
		ok: !failed
	});
	return failed ? 1 : 0;
}

void main().then((code) => process.exit(code));
