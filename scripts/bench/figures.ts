// Every benchmark ends with one JSON line of its figures (CONTRACTS.md "Benchmarks"), so that runs
// can be compared by a program; `npm run bench` gathers them into one last line for the whole run.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export type Figures = Record<string, unknown>;

export function printFigures(bench: string, figures: Figures): void {
	console.log(JSON.stringify({ bench, ...figures }));
}

/** The command that starts the prebuilt `laurel` command line (scripts/cli-run.mjs), as users run it. */
export const LAUREL = [process.execPath, 'scripts/cli-run.mjs'] as const;

/**
 * CPU time (user + system, ms) of the child processes this process has waited for, from Linux's
 * /proc (10 ms ticks; null elsewhere). On a shared machine a wall-clock figure includes the other
 * processes' work and a CPU figure does not; a child's CPU is the difference around its run.
 */
export function childrenCpuMs(): number | null {
	try {
		const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
		return (Number(f[13]) + Number(f[14])) * 10; // cutime + cstime, in USER_HZ (100 Hz) ticks
	} catch {
		return null;
	}
}

/** CPU time (user + system, ms) a running process has used so far, from /proc (null elsewhere). */
export function processCpuMs(pid: number | undefined): number | null {
	try {
		const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in USER_HZ (100 Hz) ticks
	} catch {
		return null;
	}
}

/** More runnable work than cores: wall-clock times then measure the machine, not the program. */
export function machineBusy(): { busy: boolean; load: number; cores: number } {
	const load = loadavg()[0];
	const cores = availableParallelism();
	return { busy: load > cores, load: +load.toFixed(1), cores };
}
