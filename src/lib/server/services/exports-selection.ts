// The shortlist and the 汇总表 of the winners, from the locked selection (or the latest run).
import { eq } from 'drizzle-orm';
import { candidates } from '../db/schema';
import { registerExport } from './exports';
import { latestSelection, lockedSelection, type SelectionInput, type SelectionOutcome } from './selection';
import { recordOf } from './candidates';
import { toCsv } from '../../domain/csv-safe';
import { formatBirth } from '../../domain/nomination-format';
import type { DB } from '../db';

async function winners(db: DB, campaignId: string) {
	const sel = (await lockedSelection(db, campaignId)) ?? (await latestSelection(db, campaignId));
	if (!sel) return null;
	const outcome = sel.result as SelectionOutcome;
	if (!outcome.ok) return null;
	const input = sel.input as SelectionInput;
	const rows = await db.select().from(candidates).where(eq(candidates.campaignId, campaignId));
	const byId = new Map(rows.map((r) => [r.id, r]));
	const scoreOf = new Map(input.pool.map((c) => [c.id, c.score]));
	return { sel, outcome, byId, scoreOf };
}

registerExport('shortlist', async (db, campaignId) => {
	const w = await winners(db, campaignId);
	const headers = ['名次', '称号', '评审编号', '姓名', '性别', '出生年月', '工作单位及职务职称', '推荐单位', '推荐领域', '得分', '入选依据', '结果状态'];
	if (!w) return toCsv(headers, []);
	const out: (string | number)[][] = [];
	for (const tier of w.outcome.tiers) {
		const why = new Map(tier.explanation.map((e) => [e.candidate, e.text]));
		tier.selected.forEach((id, i) => {
			const row = w.byId.get(id);
			if (!row) return;
			const rec = recordOf(row);
			out.push([
				i + 1,
				tier.name,
				row.reviewCode ?? '',
				rec.name,
				rec.gender,
				formatBirth(rec.birth),
				rec.unitAndTitle,
				rec.channel,
				row.field ?? '',
				w.scoreOf.get(id) ?? '',
				why.get(id) ?? '按得分排序入选',
				w.sel.state === 'locked' ? '已锁定' : '草案'
			]);
		});
	}
	return toCsv(headers, out);
});

registerExport('summary', async (db, campaignId) => {
	const w = await winners(db, campaignId);
	const headers = ['序号', '姓名', '性别', '民族', '党派', '出生年月', '工作单位及职务职称', '专业专长', '备注'];
	if (!w) return toCsv(headers, []);
	const out: (string | number)[][] = [];
	let n = 0;
	for (const tier of w.outcome.tiers) {
		for (const id of tier.selected) {
			const row = w.byId.get(id);
			if (!row) continue;
			const rec = recordOf(row);
			out.push([++n, rec.name, rec.gender, rec.ethnicity ?? '', rec.party ?? '', formatBirth(rec.birth), rec.unitAndTitle, rec.specialty ?? '', tier.name]);
		}
	}
	return toCsv(headers, out);
});
