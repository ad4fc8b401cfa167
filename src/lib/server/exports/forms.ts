// `export --what forms --format docx`: a .zip of one filled 推荐表 per candidate recommended to the
// upper round, in the upper notice's (national) form.
import { eq } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns } from '../db/schema';
import { upperRecords } from './selection';
import { formsZip } from '../../domain/formats/office/docx-write';

export async function exportForms(
	db: DB,
	campaignId: string
): Promise<
	{ ok: true; bytes: Uint8Array; filename: string; count: number } | { ok: false; status: 400 | 404; message: string }
> {
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	if (!campaign) return { ok: false, status: 404, message: `没有找到活动 ${campaignId}` };
	const config = campaign.config;
	const records = await upperRecords(db, campaignId, config);
	if (!records?.length)
		return { ok: false, status: 400, message: '还没有确定推荐参加上级评选的人选（请先完成遴选），无推荐表可导出' };
	const upper = config.tiers.find((t) => t.subsetOf);
	const title = `${upper?.name ?? '最美科技工作者'}推荐表`;
	const bytes = await formsZip(records, {
		title,
		classification: config.classification === 'group' ? 'group' : 'field'
	});
	return { ok: true, bytes, filename: `${campaign.name}-推荐表.zip`, count: records.length };
}
