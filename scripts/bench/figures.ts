// Every benchmark ends with one JSON line of its figures (CONTRACTS.md "Benchmarks"), so that runs
// can be compared by a program; `npm run bench` gathers them into one last line for the whole run.
export type Figures = Record<string, unknown>;

export function printFigures(bench: string, figures: Figures): void {
	console.log(JSON.stringify({ bench, ...figures }));
}

/** The command that starts the prebuilt `laurel` command line (scripts/cli-run.mjs), as users run it. */
export const LAUREL = [process.execPath, 'scripts/cli-run.mjs'] as const;
