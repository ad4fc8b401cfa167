// Issue 11 on a real (temporary) database: duplicates never merged, a corrected birth month updates,
// self-nominations imported and reported, Guangxi's own 推荐领域 filed by 推荐组别, and the office's
// acceptance of a warning (audited) while errors cannot be accepted.
import { describe, it, expect } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { auditLog, campaigns, candidates, users } from '../../src/lib/server/db/schema';
import type { Actor } from '../../src/lib/server/audit';
import { createCampaign } from '../../src/lib/server/services/campaigns';
import { campaignCheck, importCandidates, previewUpload } from '../../src/lib/server/services/intake';
import { currentRecords, projectedCheck } from '../../src/lib/server/services/intake-preview';
import { acceptWarning, withdrawAcceptance } from '../../src/lib/server/services/issue-acceptance';

const SYSTEM_ACTOR: Actor = { id: null, name: '测试' };

async function setup(presetId: string): Promise<{ db: DB; id: string; office: Actor }> {
	const db = await freshDb();
	const r = await createCampaign(db, SYSTEM_ACTOR, { presetId, name: `测试 ${presetId}` });
	if (!r.ok) throw new Error(r.message);
	await db.insert(users).values({
		id: 'u_office',
		username: 'office',
		passwordHash: 'x',
		displayName: '办公室张',
		createdAt: Date.now()
	} as typeof users.$inferInsert);
	return { db, id: r.id, office: { id: 'u_office', name: '办公室张' } };
}

const HEADER = '姓名,性别,出生年月,工作单位及职务职称,推荐领域,推荐组别,推荐单位,曾获最美称号,主要事迹';
const deeds = '事迹'.repeat(700);
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join('\r\n'));
const row = (name: string, birth: string, channel = '南宁市', group = '地市', field = '', prior = '否') =>
	[name, '男', birth, '广西大学 教授', field, group, channel, prior, deeds].join(',');
const configOf = async (db: DB, id: string) =>
	(await db.select().from(campaigns).where(eq(campaigns.id, id)))[0].config;

describe('duplicates are never merged silently', () => {
	it('imports two rows whose births differ by a day and reports both', async () => {
		const { db, id } = await setup('guangxi-2024');
		const file = csv(row('韦明', '1980-05-12'), row('韦明', '1980-05-20'), row('黄丽', '1985-01'));
		const preview = await previewUpload(await configOf(db, id), [{ name: '汇总表.csv', bytes: file }]);
		expect(preview.errors).toEqual([]);
		expect(preview.warnings).toEqual([
			expect.objectContaining({
				row: 3,
				column: '姓名',
				message: expect.stringContaining('与第2行推荐单位、姓名相同，出生年月仅日期不同（1980-05-12 / 1980-05-20）')
			})
		]);
		const r = await importCandidates(db, SYSTEM_ACTOR, id, file);
		expect(r).toMatchObject({ ok: true, inserted: 3 });
		expect((await currentRecords(db, id)).map((c) => `${c.name} ${c.birth}`)).toEqual([
			'韦明 1980-05-12',
			'韦明 1980-05-20',
			'黄丽 1985-01'
		]);
		const dup = (await campaignCheck(db, id)).errors.filter((e) => e.code === 'DUPLICATE_CANDIDATE');
		expect(dup).toEqual([
			expect.objectContaining({
				channel: '南宁市',
				candidate: '韦明',
				message: expect.stringContaining('1980-05-12、1980-05-20')
			})
		]);
	});

	it('refuses a file repeating a row exactly, naming both rows', async () => {
		const { db, id } = await setup('guangxi-2024');
		const r = await importCandidates(db, SYSTEM_ACTOR, id, csv(row('韦明', '1980-05-12'), row('韦明', '1980-05-12')));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors[0]).toMatchObject({ row: 3, message: expect.stringContaining('与第2行重复') });
		expect(await db.select().from(candidates)).toHaveLength(0);
	});

	it('updates one person re-imported with a corrected birth month, showing the change in the preview', async () => {
		const { db, id } = await setup('guangxi-2024');
		await importCandidates(db, SYSTEM_ACTOR, id, csv(row('韦明', '1980-05'), row('黄丽', '1985-01')));
		const before = await db.select().from(candidates).where(eq(candidates.name, '韦明'));
		const file = csv(row('韦明', '1980-06'), row('黄丽', '1985-01'));
		const projected = projectedCheck(
			await configOf(db, id),
			await currentRecords(db, id),
			await previewUpload(await configOf(db, id), [{ name: '汇总表.csv', bytes: file }])
		);
		expect(projected.counts).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
		expect(projected.changes).toEqual([
			{ row: 2, name: '韦明', channel: '南宁市', fields: [{ label: '出生年月', before: '1980-05', after: '1980-06' }] }
		]);
		const r = await importCandidates(db, SYSTEM_ACTOR, id, file);
		expect(r).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 1 });
		const after = await db.select().from(candidates).where(eq(candidates.name, '韦明'));
		expect(after).toHaveLength(1);
		expect(after[0]).toMatchObject({
			id: before[0].id,
			birth: '1980-06',
			dedupKey: '南宁市|韦明|1980-06',
			reviewCode: before[0].reviewCode
		});
	});
});

describe('Guangxi’s own 推荐表', () => {
	it('accepts its 推荐领域 beside the national five and files the row by 推荐组别', async () => {
		const { db, id } = await setup('guangxi-2024');
		const file = csv(
			row('韦明', '1980-05', '南宁市', '地市', '科技服务民生'),
			row('黄丽', '1985-01', '南宁市', '地市', '面向世界科技前沿'),
			row('覃强', '1979-03', '广西医学会', '医科', '"解决重大科学问题，突破关键核心技术"')
		);
		const withType = new TextEncoder().encode(
			new TextDecoder()
				.decode(file)
				.replace(HEADER, `${HEADER},渠道类型`)
				.split('\r\n')
				.map((l, i) => (i === 0 ? l : `${l},${l.includes('广西医学会') ? '学会' : ''}`))
				.join('\r\n')
		);
		const r = await importCandidates(db, SYSTEM_ACTOR, id, withType);
		expect(r).toMatchObject({ ok: true, inserted: 3 });
		const rows = await db.select().from(candidates).where(eq(candidates.campaignId, id));
		expect(Object.fromEntries(rows.map((c) => [c.name, c.field]))).toEqual({
			韦明: '地市',
			黄丽: '地市',
			覃强: '医科'
		});
		expect(rows.find((c) => c.name === '韦明')!.reviewCode).toMatch(/^地市-/);
		const report = await campaignCheck(db, id);
		expect(report.errors.filter((e) => e.code !== 'QUOTA_SHORT')).toEqual([]);
	});

	it('refuses a row with only a 推荐领域, since the panels use 推荐组别', async () => {
		const { db, id } = await setup('guangxi-2024');
		const r = await importCandidates(db, SYSTEM_ACTOR, id, csv(row('韦明', '1980-05', '南宁市', '', '科技服务民生')));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors[0].message).toContain('本活动按推荐组别分组评审');
	});

	it('imports a self-nomination and reports SELF_NOMINATION instead of refusing it', async () => {
		const { db, id } = await setup('guangxi-2024');
		const r = await importCandidates(db, SYSTEM_ACTOR, id, csv(row('韦明', '1980-05', '个人申报', '工科')));
		expect(r).toMatchObject({ ok: true, inserted: 1 });
		const report = await campaignCheck(db, id);
		expect(report.errors.filter((e) => e.code === 'SELF_NOMINATION')).toHaveLength(1);
		expect(report.errors.filter((e) => e.code === 'UNKNOWN_CHANNEL')).toEqual([]);
	});
});

describe('accepting a warning', () => {
	it('records the reason with an audit entry, shows it on the check, and can be withdrawn', async () => {
		const { db, id, office } = await setup('guangxi-2024');
		await importCandidates(
			db,
			SYSTEM_ACTOR,
			id,
			csv(row('韦明', '1980-05', '南宁市', '地市', '', '是'), row('黄丽', '1985-01'))
		);
		const warning = (await campaignCheck(db, id)).warnings.find((w) => w.code === 'PRIOR_TITLE')!;
		expect(warning.candidateId).toBeTruthy();
		expect(
			await acceptWarning(db, office, id, { candidateId: warning.candidateId!, code: 'PRIOR_TITLE', reason: ' ' })
		).toMatchObject({ ok: false, status: 400 });
		expect(
			await acceptWarning(db, office, id, {
				candidateId: warning.candidateId!,
				code: 'PRIOR_TITLE',
				reason: '经六部门研究同意推荐'
			})
		).toEqual({ ok: true });
		const accepted = (await campaignCheck(db, id)).warnings.find((w) => w.code === 'PRIOR_TITLE')!;
		expect(accepted.accepted).toMatchObject({ reason: '经六部门研究同意推荐', by: '办公室张' });
		const log = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'check.accept'), eq(auditLog.entityId, warning.candidateId!)));
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ actorName: '办公室张', reason: '经六部门研究同意推荐' });
		expect(
			await withdrawAcceptance(db, office, id, { candidateId: warning.candidateId!, code: 'PRIOR_TITLE' })
		).toEqual({ ok: true });
		expect((await campaignCheck(db, id)).warnings.find((w) => w.code === 'PRIOR_TITLE')!.accepted).toBeUndefined();
	});

	it('refuses to accept an error, a warning the candidate does not have, or another campaign’s candidate', async () => {
		const { db, id, office } = await setup('guangxi-2024');
		await importCandidates(db, SYSTEM_ACTOR, id, csv(row('韦明', '1980-05', '南宁市', '工科'), row('黄丽', '1985-01')));
		const mismatch = (await campaignCheck(db, id)).errors.find((e) => e.code === 'GROUP_MISMATCH')!;
		expect(
			await acceptWarning(db, office, id, {
				candidateId: mismatch.candidateId!,
				code: 'GROUP_MISMATCH',
				reason: '想通过'
			})
		).toMatchObject({ ok: false, status: 409 });
		expect(
			await acceptWarning(db, office, id, { candidateId: mismatch.candidateId!, code: 'PRIOR_TITLE', reason: '无' })
		).toMatchObject({ ok: false, status: 404 });
		const other = await createCampaign(db, SYSTEM_ACTOR, { presetId: 'guangxi-2024', name: '另一个' });
		if (!other.ok) throw new Error('setup');
		expect(
			await acceptWarning(db, office, other.id, {
				candidateId: mismatch.candidateId!,
				code: 'GROUP_MISMATCH',
				reason: '无'
			})
		).toMatchObject({ ok: false, status: 404 });
		expect(await db.select().from(auditLog).where(eq(auditLog.action, 'check.accept'))).toEqual([]);
	});
});

describe('files against the notice (ATTACHMENT_RULE, checklist)', () => {
	it('stores a video, reports a PNG work photo under 2 MB and lists what is still owed (青海)', async () => {
		const { mkdtempSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const { join } = await import('node:path');
		process.env.LAUREL_FILES = mkdtempSync(join(tmpdir(), 'laurel-files-'));
		const { saveAttachment } = await import('../../src/lib/server/services/attachments');
		const { db, id, office } = await setup('qinghai-2023');
		const head = '姓名,性别,出生年月,工作单位及职务职称,推荐领域,推荐单位,主要事迹';
		await importCandidates(
			db,
			SYSTEM_ACTOR,
			id,
			new TextEncoder().encode(`${head}\r\n才让,男,1985-01,青海大学 教授,前沿,西宁市,${deeds}`)
		);
		const [cand] = await db.select().from(candidates).where(eq(candidates.campaignId, id));
		const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1000)]);
		const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(2000)]);
		expect(
			await saveAttachment(db, office, id, cand.id, { kind: 'work_photo', filename: '才让1.png', bytes: png })
		).toMatchObject({ ok: true });
		expect(
			await saveAttachment(db, office, id, cand.id, { kind: 'video', filename: '才让.mp4', bytes: mp4 })
		).toMatchObject({ ok: true });
		// A video is not a photo, and a photo is not a video.
		expect(
			await saveAttachment(db, office, id, cand.id, { kind: 'work_photo', filename: '才让2.mp4', bytes: mp4 })
		).toMatchObject({ ok: false });
		expect(
			await saveAttachment(db, office, id, cand.id, { kind: 'video', filename: '才让.png', bytes: png })
		).toMatchObject({ ok: false });
		const report = await campaignCheck(db, id);
		expect(report.warnings.filter((w) => w.code === 'ATTACHMENT_RULE').map((w) => w.message)).toEqual([
			'才让（西宁市） 工作照 1 张，少于通知要求的 3—5 张',
			'才让（西宁市） 工作照“才让1.png”为 PNG 格式，通知要求 JPG 格式',
			'才让（西宁市） 工作照“才让1.png”大小 1KB，通知要求不小于 2MB'
		]);
		const items = Object.fromEntries(report.checklists!.candidates[0].items.map((i) => [i.name, i.status]));
		expect(items).toMatchObject({
			'2寸照片': 'missing',
			'视频（MP4或MOV）': 'ok',
			政治表现及党风廉政情况意见表: 'missing'
		});
		expect(report.checklists!.channels[0]).toMatchObject({ channel: '西宁市' });
	});
});
