// The command line against hostile input, part 2 (part 1: hostile-cli.test.ts): the commands that
// use the database, given hostile arguments, exit 2 with a Chinese message and write nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { cliSandbox, all, expectBadInput } from '../support/cli';
import { tableCounts } from '../support/db';

const { dir, dbFile, laurelAsync: laurel, file } = cliSandbox('hostile-cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------- commands that use the database

describe('database commands with hostile arguments', { timeout: 600_000 }, () => {
	let campaign = '';
	let db: DB;

	beforeAll(async () => {
		const r = await laurel('campaign', 'create', '--preset', 'guangxi-2024', '--name', '<script>alert(1)</script>');
		expect(r.code, r.stderr).toBe(0);
		campaign = String(r.json.campaign);
		db = await openDatabase(`file:${dbFile}`);
	}, 240_000);

	afterAll(() => {
		db?.$client.close();
	});

	it('import-candidates: missing file, directory, binary, PNG, UTF-16 and bad arguments → exit 2, nothing written', async () => {
		const before = await tableCounts(db);
		expect(before.campaigns).toBe(1);
		const sub = join(dir, 'folder.csv');
		mkdirSync(sub, { recursive: true });
		const noise = new Uint8Array(16 * 1024);
		for (let i = 0, s = 9; i < noise.length; i++) noise[i] = (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24;
		const binary = file('noise.csv', noise);
		const png = file(
			'photo.csv',
			new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
		);
		const utf16 = file(
			'utf16.csv',
			Buffer.from(
				'姓名,性别,出生年月,工作单位及职务职称,推荐领域,推荐单位\r\n覃志刚,男,1980.05,某大学,前沿,南宁市\r\n',
				'utf16le'
			)
		);
		const english = file('english.csv', 'name,gender,birth\r\nZhang,M,1980.05\r\n');
		const cases: [string, string[]][] = [
			['missing file', ['import-candidates', '--campaign', campaign, '--file', join(dir, 'nope.csv')]],
			['directory', ['import-candidates', '--campaign', campaign, '--file', sub]],
			['binary', ['import-candidates', '--campaign', campaign, '--file', binary]],
			['png', ['import-candidates', '--campaign', campaign, '--file', png]],
			['utf16', ['import-candidates', '--campaign', campaign, '--file', utf16]],
			['english', ['import-candidates', '--campaign', campaign, '--file', english]],
			['no --file', ['import-candidates', '--campaign', campaign]],
			['no --campaign', ['import-candidates', '--file', binary]],
			['unknown campaign', ['import-candidates', '--campaign', 'no-such-campaign', '--file', english]]
		];
		const runs = await all(cases, ([, args]) => laurel(...args));
		runs.forEach((r, i) => expectBadInput(r, cases[i][0]));
		const by = (l: string) => runs[cases.findIndex((c) => c[0] === l)].json;
		expect(by('missing file')).toMatchObject({ error: 'BAD_INPUT', message: expect.stringContaining('无法读取文件') });
		expect(by('directory')).toMatchObject({ error: 'BAD_INPUT', message: expect.stringContaining('无法读取文件') });
		for (const l of ['binary', 'png', 'utf16', 'english']) {
			expect(by(l).error).toBe('INVALID_ROWS');
			expect((by(l).errors as unknown[]).length).toBeGreaterThan(0);
		}
		expect(JSON.stringify(by('binary').errors)).toContain('二进制内容');
		expect(JSON.stringify(by('png').errors)).toContain('PNG 图片');
		expect(JSON.stringify(by('utf16').errors)).toContain('UTF-16');
		expect(JSON.stringify(by('english').errors)).toContain('没有可识别的列名');
		expect(by('unknown campaign').error).toBe('UNKNOWN_CAMPAIGN');
		expect(await tableCounts(db)).toEqual(before);
	});

	it('unknown commands and bad options of export, campaign create, check, backup → exit 2, nothing written', async () => {
		const before = await tableCounts(db);
		const existing = file('exists.db', 'x');
		const cases: [string, string[], string?][] = [
			['unknown command', ['frobnicate'], 'UNKNOWN_COMMAND'],
			['no command', [], 'UNKNOWN_COMMAND'],
			['campaign alone', ['campaign'], 'UNKNOWN_COMMAND'],
			['campaign delete', ['campaign', 'delete', '--id', campaign], 'UNKNOWN_COMMAND'],
			['export nonsense', ['export', '--campaign', campaign, '--what', 'nonsense']],
			['export ../../etc/passwd', ['export', '--campaign', campaign, '--what', '../../etc/passwd']],
			['export without --what', ['export', '--campaign', campaign]],
			['export unknown campaign', ['export', '--campaign', 'nope', '--what', 'candidates'], 'UNKNOWN_CAMPAIGN'],
			['campaign create --preset nope', ['campaign', 'create', '--preset', 'nope', '--name', 'X'], 'UNKNOWN_PRESET'],
			['campaign create without --preset', ['campaign', 'create', '--name', 'X']],
			['check unknown campaign', ['check', '--campaign', "x' OR '1'='1"], 'UNKNOWN_CAMPAIGN'],
			['check without --campaign', ['check']],
			['backup without --out', ['backup']],
			['backup over an existing file', ['backup', '--out', existing]]
		];
		const runs = await all(cases, ([, args]) => laurel(...args));
		runs.forEach((r, i) => {
			expectBadInput(r, cases[i][0]);
			if (cases[i][2]) expect(r.json.error, cases[i][0]).toBe(cases[i][2]);
		});
		const by = (l: string) => runs[cases.findIndex((c) => c[0] === l)].json;
		expect(by('export nonsense').message).toContain('未知的导出类型“nonsense”');
		expect(by('campaign create --preset nope').message).toContain('未知的活动预设“nope”');
		expect(await tableCounts(db)).toEqual(before);
	});

	it('the campaign name with markup is kept as text and the export is a CSV, not a page', async () => {
		const r = await laurel('export', '--campaign', campaign, '--what', 'candidates');
		expect(r.code).toBe(0);
		expect(r.stdout.startsWith('\uFEFF序号,姓名')).toBe(true);
		const rows = await db.$client.execute({ sql: 'SELECT name FROM campaigns WHERE id = ?', args: [campaign] });
		expect(rows.rows[0].name).toBe('<script>alert(1)</script>');
	});
});
