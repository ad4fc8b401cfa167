// Contract of one command of `laurel` (CONTRACTS.md): JSON on stdout, messages on stderr.
export interface CliResult {
	/** 0 done, 2 bad input, 3 infeasible, 1 anything else */
	exit: 0 | 1 | 2 | 3;
	/** printed as JSON on stdout, unless `raw` is given */
	json?: unknown;
	/** printed verbatim on stdout (CSV exports; bytes for .xlsx / .zip exports) */
	raw?: string | Uint8Array;
}

export type Command = (args: string[]) => Promise<CliResult>;

/** Reads `--name value` options; flags without a value become 'true'. */
export function parseOptions(args: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (!a.startsWith('--')) continue;
		const key = a.slice(2);
		const next = args[i + 1];
		if (next === undefined || next.startsWith('--')) out[key] = 'true';
		else {
			out[key] = next;
			i++;
		}
	}
	return out;
}

export function badInput(error: string, message: string, extra: Record<string, unknown> = {}): CliResult {
	return { exit: 2, json: { error, message, ...extra } };
}
