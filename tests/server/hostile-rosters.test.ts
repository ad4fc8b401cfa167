// Hostile files and values through the services, part 2 (part 1: hostile-input.test.ts): expert
// rosters with the same problems as nomination files, score sheets with hostile values, and formula
// injection on the shortlist export. Every refusal is in Chinese and leaves every table as it was.
import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { experts, sheetHistory } from '../../src/lib/server/db/schema';
import type { Actor } from '../../src/lib/server/audit';
import { seedCampaign } from '../../src/lib/server/demo';
import { importExperts } from '../../src/lib/server/services/experts';
import { closeRound, createRound, getRound, openRound, type RoundRow } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { getSheet } from '../../src/lib/server/services/access';
import { listCandidateRows, recordOf } from '../../src/lib/server/services/candidates';
import { updateCandidate } from '../../src/lib/server/services/candidate-edit';
import { runSelection } from '../../src/lib/server/services/selection';
import { exportCsv } from '../../src/lib/server/exports';
import { MAX_EXPERT_ROWS } from '../../src/lib/domain/intake/expert-csv';
import type { RubricCriterion } from '../../src/lib/domain/types';
import {
	ACTOR,
	C,
	db,
	tableCounts,
	unchanged,
	utf8,
	csv,
	noise,
	PNG,
	refusedExperts,
	messages,
	openHostileWorld,
	FORMULAS,
	SCRIPT,
	IMG,
	formulaCells
} from '../support/hostile-input';

beforeAll(openHostileWorld);

// ---------------------------------------------------------------- expert rosters

describe('expert CSV with the same kinds of problems', () => {
	const EH = ['姓名', '工作单位', '评审领域'];

	it('wrong encodings and non-CSV files', async () => {
		const text = Papa.unparse([EH, ['覃志刚', '广西大学', '前沿']]);
		expect(messages(await refusedExperts(new Uint8Array(Buffer.from(text, 'utf16le'))))).toContain(
			'不带 BOM 的 UTF-16'
		);
		const sjis = await refusedExperts(
			new Uint8Array(iconv.encode(Papa.unparse([EH, ['山田太郎', '東京大学', '前沿']]), 'shift_jis'))
		);
		expect(sjis[0].message).toContain('没有可识别的列名');
		expect(await refusedExperts(noise(8192, 11))).toEqual([
			{ row: 1, column: '', message: expect.stringContaining('二进制内容') }
		]);
		expect(messages(await refusedExperts(PNG))).toContain('PNG 图片');
		expect(messages(await refusedExperts(new Uint8Array(0)))).toContain('文件为空');
	});

	it('wrong headers', async () => {
		const english = await refusedExperts(
			csv([
				['name', 'unit', 'fields'],
				['Zhang', 'U', '前沿']
			])
		);
		expect(english[0].message).toContain('没有可识别的列名');
		expect(await refusedExperts(csv([EH.slice(1), ['广西大学', '前沿']]))).toEqual([
			{ row: 1, column: '姓名', message: '缺少必填列“姓名”' }
		]);
		const dup = await refusedExperts(
			csv([
				[...EH, '专家姓名'],
				['覃志刚', '广西大学', '前沿', '黄丽萍']
			])
		);
		expect(dup[0].message).toContain('重复');
		expect(messages(await refusedExperts(csv([EH])))).toContain('没有专家行');
	});

	it('too many rows: 100,000 and 20 MB', async () => {
		const rows = Array.from({ length: 100_000 }, (_, i) => [`专家${i}`, `单位${i}`, '前沿']);
		const errors = await refusedExperts(csv([EH, ...rows]));
		expect(messages(errors)).toContain(`一次最多导入 ${MAX_EXPERT_ROWS} 名专家，请分批导入`);
		const lines = [EH.join(',')];
		for (let i = 0, size = 0; size < 20 * 1024 * 1024; i++) {
			const l = `专家${i},某研究院第${i}研究室,前沿`;
			lines.push(l);
			size += Buffer.byteLength(l) + 2;
		}
		expect(messages(await refusedExperts(utf8(lines.join('\r\n'))))).toContain(
			`一次最多导入 ${MAX_EXPERT_ROWS} 名专家`
		);
	});

	it('bad values: each on its row and column', async () => {
		const header = ['姓名', '工作单位', '评审领域', '最大评审量', '手机', '电子邮箱', '用户名'];
		const errors = await refusedExperts(
			csv([
				header,
				['甲', '单位一', '前沿', '-1', '', '', ''],
				['乙', '单位二', '前沿', '1e3', '', '', ''],
				['丙', '单位三', '前沿', '2.5', '', '', ''],
				['丁', '单位四', 'frontier', '', '', '', ''],
				['戊', '单位五', '前沿', '', '1.38E+10', '', ''],
				['己', '单位六', '前沿', '', '', SCRIPT, ''],
				['庚', '单位七', '前沿', '', '', '', SCRIPT],
				['辛', 'x'.repeat(5000), '前沿', '', '', '', ''],
				['壬', '单位九', '', '', '', '', '']
			])
		);
		const at = (row: number) =>
			errors
				.filter((e) => e.row === row)
				.map((e) => `${e.column}:${e.message}`)
				.join('|');
		expect(at(2)).toMatch(/最大评审量:最大评审量“-1”应为正整数/);
		expect(at(3)).toMatch(/最大评审量:最大评审量“1e3”应为正整数/);
		expect(at(4)).toMatch(/最大评审量:最大评审量“2\.5”应为正整数/);
		expect(at(5)).toMatch(/评审领域:评审领域“frontier”不是本活动设置的领域/);
		expect(at(6)).toMatch(/手机:.*科学计数法/);
		expect(at(7)).toContain(`电子邮箱:电子邮箱“${SCRIPT}”格式不正确`);
		expect(at(8)).toContain(`用户名:用户名“${SCRIPT}”无效`);
		expect(at(9)).toMatch(/工作单位:工作单位过长（5000 字，最多 200 字）/);
		expect(at(10)).toMatch(/评审领域:评审领域为空/);
	});

	it('formulas and markup in expert fields are stored as text, verbatim', async () => {
		const header = ['姓名', '工作单位', '职称', '毕业院校', '评审领域'];
		const before = await tableCounts();
		const r = await importExperts(
			db,
			ACTOR,
			C,
			csv([
				header,
				[SCRIPT, FORMULAS[0], IMG, FORMULAS[1], '前沿'],
				[FORMULAS[2], SCRIPT, FORMULAS[3], IMG, '重大需求']
			])
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.created).toBe(2);
		expect((await tableCounts()).experts).toBe(before.experts + 2);
		const rows = await db.select().from(experts).where(eq(experts.campaignId, C));
		expect(rows.find((e) => e.name === SCRIPT)).toMatchObject({ unit: FORMULAS[0], title: IMG, school: FORMULAS[1] });
		expect(rows.find((e) => e.name === FORMULAS[2])).toMatchObject({ unit: SCRIPT, title: FORMULAS[3], school: IMG });
		// The audit export (it holds the imported rows as JSON) has no live formula either.
		const audit = await exportCsv(db, C, 'audit');
		if (!audit.ok) throw new Error(audit.message);
		expect(formulaCells(audit.csv)).toEqual([]);
	});
});

// ---------------------------------------------------------------- score sheets

describe('score sheets with hostile values', () => {
	let round: RoundRow;
	let rubric: RubricCriterion[];
	let pair: { expertId: string; candidateId: string };
	const EXPERT: Actor = { id: null, name: 'hx-expert' };

	beforeAll(async () => {
		// A campaign of its own, so that the imports above cannot stand in the way of opening the round.
		await seedCampaign(db, { id: 'hostile-sheets', name: '评分恶意输入', prefix: 'hs-', seed: 5, candidates: 20 });
		const r = await createRound(db, ACTOR, 'hostile-sheets', {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			deadline: '2030-06-30'
		});
		if (!r.ok) throw new Error(r.message);
		const opened = await openRound(db, ACTOR, 'hostile-sheets', r.id, {
			excludeUncovered: '测试：本组专家均须回避，无人可评'
		});
		if (!opened.ok) throw new Error(opened.message);
		round = (await getRound(db, 'hostile-sheets', r.id))!;
		rubric = round.rubric as RubricCriterion[];
		pair = (await roundPairs(db, round))[0];
		expect(rubric.map((c) => c.key)).toEqual(['merit', 'story', 'exemplary']);
	});

	const save = (values: Record<string, unknown>, submit: boolean, comment?: string) =>
		saveSheet(db, EXPERT, {
			round,
			expertId: pair.expertId,
			candidateId: pair.candidateId,
			values,
			comment,
			baseVersion: 0,
			submit
		});

	const HOSTILE: [string, unknown, RegExp][] = [
		['41 (over the maximum)', 41, /应在 0–40 之间/],
		['"41"', '41', /应在 0–40 之间/],
		['NaN', NaN, /应为数字/],
		['"NaN"', 'NaN', /应为数字/],
		['Infinity', Infinity, /应为数字/],
		['-Infinity', -Infinity, /应为数字/],
		['"Infinity"', 'Infinity', /应为数字/],
		['"1e3"', '1e3', /应为数字/],
		['1e3', 1e3, /应在 0–40 之间/],
		['-1', -1, /应在 0–40 之间/],
		['"-0.5"', '-0.5', /应在 0–40 之间/],
		['12.345 (3 decimals)', 12.345, /最多保留一位小数/],
		['"12.345"', '12.345', /最多保留一位小数/],
		['"0x10"', '0x10', /应为数字/],
		['"40分"', '40分', /应为数字/],
		['a 1 MB string of digits', '9'.repeat(1_000_000), /应为数字/],
		['a 1 MB string of letters', 'x'.repeat(1_000_000), /应为数字/],
		['1 MB of spaces then a digit', ' '.repeat(1_000_000) + '1x', /应为数字/],
		['an object', { valueOf: () => 10 }, /应为数字/],
		['an array', [10], /应为数字/],
		['true', true, /应为数字/]
	];

	for (const [label, value, message] of HOSTILE) {
		it(`业绩突出 = ${label}: refused naming the criterion, nothing written (draft and submit)`, async () => {
			for (const submit of [false, true]) {
				const r = await unchanged(() => save({ merit: value, story: 20, exemplary: 20 }, submit));
				expect(r.ok).toBe(false);
				if (r.ok) return;
				expect(r.status).toBe(400);
				expect(r.code).toBe('INVALID');
				expect(r.message).toContain('“业绩突出”');
				expect(r.message).toMatch(message);
				expect(r.errors?.merit).toMatch(message);
				expect(Object.keys(r.errors ?? {})).toEqual(['merit']);
			}
		});
	}

	it('every criterion bad at once: each one named', async () => {
		const r = await unchanged(() => save({ merit: 'abc', story: 31, exemplary: -0.01 }, true));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({
			merit: '“业绩突出”应为数字',
			story: '“事迹感人”应在 0–30 之间',
			exemplary: '“示范引领”应在 0–30 之间'
		});
	});

	it('a 1 MB comment is truncated to 2,000 characters, never refused with a server error', async () => {
		const comment = '评'.repeat(1024 * 1024);
		const draft = await save({ merit: 30, story: 20, exemplary: 20 }, false, comment);
		expect(draft.ok).toBe(true);
		let sheet = (await getSheet(db, round.id, pair.expertId, pair.candidateId))!;
		expect(sheet.comment).toHaveLength(2000);
		const submitted = await saveSheet(db, EXPERT, {
			round,
			expertId: pair.expertId,
			candidateId: pair.candidateId,
			values: { merit: 30, story: 20, exemplary: 20 },
			comment: SCRIPT + comment,
			baseVersion: sheet.version,
			submit: true
		});
		expect(submitted.ok).toBe(true);
		sheet = (await getSheet(db, round.id, pair.expertId, pair.candidateId))!;
		expect(sheet.comment).toHaveLength(2000);
		expect(sheet.comment!.startsWith(SCRIPT)).toBe(true);
		const history = await db.select().from(sheetHistory).where(eq(sheetHistory.sheetId, sheet.id));
		expect(history.every((h) => (h.comment ?? '').length <= 2000)).toBe(true);
	});
});

// ---------------------------------------------------------------- shortlist export

describe('formula injection on the shortlist', () => {
	const S = 'hostile-shortlist';

	it('names and units that are formulas are quoted in the shortlist export', async () => {
		await seedCampaign(db, { id: S, name: '名单导出测试', prefix: 'hl-', seed: 11, candidates: 60 });
		// Four candidates of different channels get formula names and units, and the top scores.
		const rows = await listCandidateRows(db, S);
		const chosen: string[] = [];
		const channels = new Set<string>();
		for (const r of rows) {
			if (chosen.length === FORMULAS.length) break;
			if (channels.has(r.channel)) continue;
			channels.add(r.channel);
			chosen.push(r.id);
		}
		for (const [i, id] of chosen.entries()) {
			const rec = recordOf(rows.find((r) => r.id === id)!);
			const u = await updateCandidate(db, ACTOR, S, id, {
				...rec,
				name: FORMULAS[i],
				unitAndTitle: FORMULAS[(i + 1) % 4]
			});
			expect(u.ok).toBe(true);
		}
		const created = await createRound(db, ACTOR, S, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			aggregation: 'mean'
		});
		if (!created.ok) throw new Error(created.message);
		const opened = await openRound(db, ACTOR, S, created.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
		if (!opened.ok) throw new Error(opened.message);
		const round = (await getRound(db, S, created.id))!;
		for (const [i, p] of (await roundPairs(db, round)).entries()) {
			const top = chosen.includes(p.candidateId);
			const values = top ? { merit: 40, story: 30, exemplary: 30 } : { merit: 20 + (i % 7), story: 15, exemplary: 15 };
			const r = await saveSheet(db, ACTOR, {
				round,
				expertId: p.expertId,
				candidateId: p.candidateId,
				values,
				baseVersion: 0,
				submit: true
			});
			if (!r.ok) throw new Error(r.message);
		}
		expect((await closeRound(db, ACTOR, S, created.id)).ok).toBe(true);
		const run = await runSelection(db, ACTOR, S);
		if (!run.ok || !run.outcome.ok) throw new Error('no selection');
		const selected = run.outcome.tiers.flatMap((t) => t.selected);
		expect(chosen.filter((id) => selected.includes(id)).length).toBeGreaterThan(0);

		for (const kind of ['shortlist', 'summary', 'candidates', 'scores'] as const) {
			const out = await exportCsv(db, S, kind);
			if (!out.ok) throw new Error(out.message);
			expect(formulaCells(out.csv), kind).toEqual([]);
		}
		const out = await exportCsv(db, S, 'shortlist');
		if (!out.ok) throw new Error(out.message);
		const table = Papa.parse<string[]>(out.csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
		const nameAt = table[0].indexOf('姓名');
		const unitAt = table[0].indexOf('工作单位及职务职称');
		const listed = table.slice(1).filter((r) => FORMULAS.some((f) => r[nameAt] === `'${f}`));
		expect(listed.length).toBe(chosen.filter((id) => selected.includes(id)).length);
		for (const r of listed) expect(r[unitAt].startsWith("'")).toBe(true);
	});
});
