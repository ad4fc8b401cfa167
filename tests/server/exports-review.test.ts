// The assignment and conflict exports: same bytes for the web download and `laurel export`.
import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { candidates, experts } from '../../src/lib/server/db/schema';
import { ensureDemo, DEMO_CAMPAIGN_ID as C } from '../../src/lib/server/demo';
import { listConflicts } from '../../src/lib/server/services/conflicts';
import { decideConflict } from '../../src/lib/server/services/conflict-decisions';
import { proposeAssignment, publishAssignment } from '../../src/lib/server/services/assignment';
import { assignmentRows } from '../support/panel';
import { exportCsv } from '../../src/lib/server/exports';
// The producers register themselves on import (until the registry is one literal table).
import '../../src/lib/server/exports/review';
import { formatBeijingOrEmpty as formatChinaTime } from '../../src/lib/shared/time';

const chair = { id: null, name: 'chair' };
let db: DB;

function parse(csv: string): string[][] {
	expect(csv.startsWith('\uFEFF')).toBe(true);
	return Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
}

beforeAll(async () => {
	db = await freshDb();
	await ensureDemo(db);
});

describe('exports-review', () => {
	it('exports the published assignment, one row per pair, with BOM and Chinese labels', async () => {
		expect((await proposeAssignment(db, chair, C, { mode: 'distributed', k: 3, borrow: true })).ok).toBe(true);
		const draft = await exportCsv(db, C, 'assignments');
		expect(draft.ok).toBe(true);
		expect(draft.ok && parse(draft.csv)[1][4]).toBe('草案');
		expect((await publishAssignment(db, chair, C)).ok).toBe(true);

		const r = await exportCsv(db, C, 'assignments');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.filename).toContain('评审分配');
		const rows = parse(r.csv);
		expect(rows[0]).toEqual(['评审编号', '领域', '专家', '专家单位', '状态', '来源']);
		const pairs = await assignmentRows(db, C);
		expect(rows.length - 1).toBe(pairs.length);
		const codes = new Set(
			(await db.select().from(candidates).where(eq(candidates.campaignId, C))).map((c) => c.reviewCode)
		);
		const names = new Set((await db.select().from(experts).where(eq(experts.campaignId, C))).map((e) => e.name));
		for (const row of rows.slice(1)) {
			expect(codes.has(row[0])).toBe(true);
			expect(row[0].startsWith(row[1])).toBe(true);
			expect(names.has(row[2])).toBe(true);
			expect(row[4]).toBe('已发布');
			expect(row[5]).toBe('自动');
		}
		// sorted by review code: the same inputs give the same file
		const sorted = [...rows.slice(1)].sort((a, b) =>
			a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0
		);
		expect(rows.slice(1)).toEqual(sorted);
		expect(await exportCsv(db, C, 'assignments')).toEqual(r);
	});

	it('exports every conflict with its decision, dismissed ones included', async () => {
		const list = await listConflicts(db, C);
		const warning = list.find((x) => x.c.severity === 'warning' && x.c.status === 'pending')!;
		const tie = list.find((x) => x.c.severity === 'conflict' && x.c.status === 'pending')!;
		expect(
			(await decideConflict(db, chair, C, warning.c.id, 'dismissed', '毕业年份相差二十年，不相识', 'chair')).ok
		).toBe(true);
		expect((await decideConflict(db, chair, C, tie.c.id, 'confirmed', '', 'chair')).ok).toBe(true);

		const r = await exportCsv(db, C, 'conflicts');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const rows = parse(r.csv);
		expect(rows[0]).toEqual([
			'专家',
			'评审编号',
			'候选人',
			'类型',
			'级别',
			'原因',
			'状态',
			'决定人',
			'决定时间',
			'决定理由'
		]);
		expect(rows.length - 1).toBe(list.length);
		const dismissed = rows.find(
			(row) => row[1] === warning.reviewCode && row[0] === warning.expertName && row[6] === '已排除'
		)!;
		expect(dismissed).toBeDefined();
		expect(dismissed[2]).toBe(warning.candidateName);
		expect(dismissed[3]).toBe('同一毕业院校');
		expect(dismissed[4]).toBe('提示');
		expect(dismissed[7]).toBe('chair');
		expect(dismissed[8]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
		expect(dismissed[9]).toBe('毕业年份相差二十年，不相识');
		const confirmed = rows.filter((row) => row[6] === '已确认回避');
		expect(confirmed.length).toBeGreaterThanOrEqual(1);
		expect(confirmed.every((row) => row[4] === '回避')).toBe(true);
		expect(rows.filter((row) => row[6] === '待确认').length).toBe(list.length - 2);
	});

	it('formats decision times in China Standard Time', () => {
		expect(formatChinaTime(Date.UTC(2024, 4, 6, 16, 30))).toBe('2024-05-07 00:30');
		expect(formatChinaTime(null)).toBe('');
	});
});
