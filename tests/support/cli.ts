// The command line as an organizer's script runs it: one process per command on a database file of
// the test's own in a temporary folder (the CLI server tests: cli-*, hostile-cli*).
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

export interface CliRun {
	code: number;
	stdout: string;
	stderr: string;
}

export interface CliSandbox {
	/** The temporary folder: the database file and any input file written by `file`. */
	dir: string;
	dbFile: string;
	/** DATABASE_URL of the sandbox, for openDatabase in the test process. */
	url: string;
	env: NodeJS.ProcessEnv;
	/** `tsx scripts/laurel.ts …`, waiting for the process. */
	laurel(...args: string[]): CliRun;
	/** The same without blocking, so several commands can run at once; stdout parsed as JSON when it is. */
	laurelAsync(...args: string[]): Promise<CliRun & { json: Record<string, unknown> }>;
	/** Writes an input file into the sandbox and returns its path. */
	file(name: string, body: string | Uint8Array): string;
}

/** A fresh folder `laurel-<name>-…` with a database file `cli.db`; no demo campaign is seeded. */
export function cliSandbox(name: string, extraEnv: Record<string, string> = {}): CliSandbox {
	const dir = mkdtempSync(join(tmpdir(), `laurel-${name}-`));
	const dbFile = join(dir, 'cli.db');
	const url = `file:${dbFile}`;
	const env = { ...process.env, DATABASE_URL: url, LAUREL_NO_DEMO: '1', ...extraEnv };
	return {
		dir,
		dbFile,
		url,
		env,
		laurel(...args) {
			const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['scripts/laurel.ts', ...args], {
				env,
				encoding: 'utf8'
			});
			return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
		},
		laurelAsync(...args) {
			return new Promise((resolve) => {
				execFile(
					process.execPath,
					['--import', 'tsx', 'scripts/laurel.ts', ...args],
					{ cwd: process.cwd(), env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 240_000 },
					(error, stdout, stderr) => {
						const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
						let json: Record<string, unknown> = {};
						try {
							json = JSON.parse(stdout);
						} catch {
							// not JSON: the caller's assertions say so
						}
						resolve({ code, stdout, stderr, json });
					}
				);
			});
		},
		file(name, body) {
			const f = join(dir, name);
			writeFileSync(f, body);
			return f;
		}
	};
}

/** Runs the commands a few at a time (the machine is shared), results in input order. */
export async function all<T, R>(items: T[], fn: (item: T) => Promise<R>, width = 3): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			out[i] = await fn(items[i]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
	return out;
}

/** Exit 2 with the error JSON of CONTRACTS.md, a Chinese message, and the path when one is expected. */
export function expectBadInput(r: CliRun & { json: Record<string, unknown> }, label: string, path?: string): void {
	expect({ label, code: r.code, stdout: r.stdout.slice(0, 300) }).toMatchObject({ code: 2 });
	expect(r.json.error, label).toEqual(expect.any(String));
	expect(r.json.message, label).toEqual(expect.stringMatching(/[\u4e00-\u9fff]/));
	expect(Object.keys(r.json).slice(0, 2), label).toEqual(['error', 'message']);
	if (path !== undefined) {
		expect(r.json.path, label).toBe(path);
		expect(r.json.message, label).toContain(path);
	}
}
