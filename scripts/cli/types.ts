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

export function badInput(error: string, message: string, extra: Record<string, unknown> = {}): CliResult {
	return { exit: 2, json: { error, message, ...extra } };
}
