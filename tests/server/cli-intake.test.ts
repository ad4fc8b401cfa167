// The command line contract of CONTRACTS.md for intake: campaign create, import-candidates,
// check and export, run as an organizer's script would run them (a separate process each).
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { presetConfig } from '../../src/lib/domain/notice/presets';
import { generateCandidates } from '../../src/lib/server/demo/synthetic';
import { toNominationCsv } from '../../src/lib/domain/intake/nomination-csv-write';
import { encodeGb18030 } from '../../src/lib/domain/formats/csv-decode';
import { cliSandbox } from '../support/cli';

const { dir, env, laurel } = cliSandbox('cli');

function json(r: { stdout: string }) {
	return JSON.parse(r.stdout);
}

const config = presetConfig('guangxi-2024');
const records = generateCandidates(config, 30, 42);
const goodFile = join(dir, 'good.csv');
const badFile = join(dir, 'bad.csv');
let campaign = '';

beforeAll(() => {
	writeFileSync(goodFile, encodeGb18030(toNominationCsv(records).replace(/^\uFEFF/, '')));
	const table = Papa.parse<string[]>(toNominationCsv(records).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
	const [header, ...rows] = table;
	rows[1][header.indexOf('性别')] = '不详'; // row 3
	rows[4][header.indexOf('出生年月')] = '19800'; // row 6
	writeFileSync(badFile, Papa.unparse([header, ...rows]));
});

// Each command is a fresh process (~1 s, more on a busy machine): generous per-test timeouts.
describe('laurel intake commands', { timeout: 120_000 }, () => {
	it('campaign create prints {"campaign": id}', () => {
		const r = laurel('campaign', 'create', '--preset', 'guangxi-2024', '--name', 'X');
		expect(r.code).toBe(0);
		const out = json(r);
		expect(Object.keys(out)).toEqual(['campaign']);
		expect(out.campaign).toMatch(/\S/);
		campaign = out.campaign;
		const bad = laurel('campaign', 'create', '--preset', 'nowhere-1999', '--name', 'X');
		expect(bad.code).toBe(2);
		expect(json(bad).error).toBe('UNKNOWN_PRESET');
	});

	it('refuses a bad file whole: exit 2, INVALID_ROWS with row and column, nothing imported', () => {
		const r = laurel('import-candidates', '--campaign', campaign, '--file', badFile);
		expect(r.code).toBe(2);
		const out = json(r);
		expect(out.error).toBe('INVALID_ROWS');
		expect(out.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
			[3, '性别'],
			[6, '出生年月']
		]);
		for (const e of out.errors) expect(Object.keys(e).sort()).toEqual(['column', 'message', 'row']);
		const check = json(laurel('check', '--campaign', campaign));
		expect(check.channels.reduce((a: number, c: { count: number }) => a + c.count, 0)).toBe(0);
	});

	it('--dry-run writes nothing', () => {
		const r = laurel('import-candidates', '--campaign', campaign, '--file', goodFile, '--dry-run');
		expect(r.code).toBe(0);
		expect(json(r)).toMatchObject({ ok: true, imported: records.length });
		const check = json(laurel('check', '--campaign', campaign));
		expect(check.channels.reduce((a: number, c: { count: number }) => a + c.count, 0)).toBe(0);
	});

	it('imports a GBK file and prints {ok, imported, warnings}', () => {
		const r = laurel('import-candidates', '--campaign', campaign, '--file', goodFile);
		expect(r.code).toBe(0);
		const out = json(r);
		expect(out).toMatchObject({ ok: true, imported: records.length, inserted: records.length });
		expect(Array.isArray(out.warnings)).toBe(true);
	});

	it('check prints the report in the contract shape', () => {
		const r = laurel('check', '--campaign', campaign);
		expect(r.code).toBe(0);
		const out = json(r);
		// The contract's keys, extended (issue 11) by the youth cut-off, notes and the materials checklist.
		expect(Object.keys(out)).toEqual(expect.arrayContaining(['channels', 'errors', 'warnings', 'youthShare']));
		for (const k of Object.keys(out))
			expect([
				'channels',
				'errors',
				'warnings',
				'youthShare',
				'youthCutoff',
				'youthCutoffText',
				'notes',
				'checklists'
			]).toContain(k);
		expect(out.errors).toEqual([]);
		expect(Array.isArray(out.warnings)).toBe(true);
		expect(typeof out.youthShare).toBe('number');
		expect(out.youthShare).toBeGreaterThan(0);
		expect(out.youthShare).toBeLessThanOrEqual(1);
		for (const c of out.channels) {
			expect(Object.keys(c).sort()).toEqual(['count', 'max', 'min', 'name', 'youth']);
			expect(typeof c.name).toBe('string');
			for (const k of ['count', 'max', 'min', 'youth']) expect(Number.isInteger(c[k])).toBe(true);
		}
		expect(out.channels.reduce((a: number, c: { count: number }) => a + c.count, 0)).toBe(records.length);
		for (const issue of [...out.errors, ...out.warnings]) {
			expect(typeof issue.code).toBe('string');
			expect(typeof issue.message).toBe('string');
		}
		const missing = laurel('check', '--campaign', 'no-such-campaign');
		expect(missing.code).toBe(2);
		expect(json(missing).error).toBeTruthy();
	});

	it('export --what candidates is UTF-8 with BOM and imports back unchanged', () => {
		const r = spawnSync(
			join('node_modules', '.bin', 'tsx'),
			['scripts/laurel.ts', 'export', '--campaign', campaign, '--what', 'candidates'],
			{ env }
		);
		expect(r.status).toBe(0);
		const bytes = r.stdout as Buffer;
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const file = join(dir, 'export.csv');
		writeFileSync(file, bytes);
		const again = laurel('import-candidates', '--campaign', campaign, '--file', file);
		expect(again.code).toBe(0);
		expect(json(again)).toMatchObject({
			ok: true,
			imported: records.length,
			inserted: 0,
			updated: 0,
			unchanged: records.length
		});
		const bad = laurel('export', '--campaign', campaign, '--what', 'nonsense');
		expect(bad.code).toBe(2);
	});
});
