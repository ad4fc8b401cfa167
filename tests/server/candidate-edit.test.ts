import { describe, it, expect, beforeEach, beforeAll } from 'vitest';
import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { attachments, auditLog, candidates } from '../../src/lib/server/db/schema';
import { SYSTEM, type Actor } from '../../src/lib/server/audit';
import { createCampaign } from '../../src/lib/server/services/campaigns';
import {
	changeRedactions,
	createCandidate,
	DUPLICATE_MESSAGE,
	getCandidate,
	manualOf,
	updateCandidate
} from '../../src/lib/server/services/candidate-edit';
import {
	deleteAttachment,
	listAttachments,
	readAttachment,
	saveAttachment
} from '../../src/lib/server/services/attachments';
import { MAX_ATTACHMENT_BYTES } from '../../src/lib/domain/intake/attachment-kinds';
import type { CandidateRecord } from '../../src/lib/domain/types';

const actor: Actor = { id: null, name: 'tester' };
let db: DB;
let campaignId: string;

beforeAll(() => {
	process.env.LAUREL_FILES = mkdtempSync(join(tmpdir(), 'laurel-files-'));
});

beforeEach(async () => {
	db = await freshDb();
	const r = await createCampaign(db, SYSTEM, { presetId: 'guangxi-2024', name: '测试活动' });
	if (!r.ok) throw new Error(r.message);
	campaignId = r.id;
});

function record(over: Partial<CandidateRecord> = {}): CandidateRecord {
	return {
		name: '韦明华',
		gender: '女',
		birth: '1985-03',
		unitAndTitle: '广西大学 教授',
		group: '工科',
		channel: '南宁市',
		channelType: '地区',
		grassroots: true,
		priorTitle: false,
		career: [{ period: '2008.07-至今', unit: '广西大学', role: '教授' }],
		deeds: '韦明华长期扎根一线。',
		awards: [],
		...over
	};
}

async function auditRows(action: string) {
	return db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.campaignId, campaignId), eq(auditLog.action, action)));
}

describe('createCandidate / updateCandidate', () => {
	it('creates a candidate with a sequence number, a review code and an audit entry', async () => {
		const r = await createCandidate(db, actor, campaignId, record());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.reviewCode).toBe('工科-01');
		const row = await getCandidate(db, campaignId, r.id);
		expect(row?.seq).toBe(1);
		expect(row?.field).toBe('工科');
		expect(row?.dedupKey).toBe('南宁市|韦明华|1985-03');
		const logs = await auditRows('candidate.create');
		expect(logs).toHaveLength(1);
		expect(logs[0].actorName).toBe('tester');
		expect((logs[0].after as { record: CandidateRecord }).record.name).toBe('韦明华');

		const second = await createCandidate(db, actor, campaignId, record({ name: '黄立新', birth: '1970-01' }));
		expect(second.ok && second.reviewCode).toBe('工科-02');
	});

	it('refuses a second nomination of the same person by the same channel', async () => {
		await createCandidate(db, actor, campaignId, record());
		const again = await createCandidate(db, actor, campaignId, record({ birth: '1985-03-17', deeds: '另一份' }));
		expect(again).toEqual({ ok: false, code: 'DUPLICATE', message: DUPLICATE_MESSAGE });
		expect(await db.select().from(candidates)).toHaveLength(1);
		// Another channel may nominate a namesake.
		const other = await createCandidate(db, actor, campaignId, record({ channel: '柳州市' }));
		expect(other.ok).toBe(true);
	});

	it('refuses the same person written with another middle dot or birth format (match.ts samePerson)', async () => {
		const first = await createCandidate(db, actor, campaignId, record({ name: '阿不都·热合曼', birth: '1985-03' }));
		expect(first.ok).toBe(true);
		for (const [name, birth] of [
			['阿不都・热合曼', '1985-03-17'],
			['阿不都 热合曼', '1985-03'],
			['阿不都热合曼', '1985-03-02']
		]) {
			const again = await createCandidate(db, actor, campaignId, record({ name, birth }));
			expect(again).toEqual({ ok: false, code: 'DUPLICATE', message: DUPLICATE_MESSAGE });
		}
		// Born in another month: a namesake, entered.
		expect((await createCandidate(db, actor, campaignId, record({ name: '阿不都热合曼', birth: '1985-04' }))).ok).toBe(
			true
		);
		expect(await db.select().from(candidates)).toHaveLength(2);
	});

	it('updates with before/after in the audit, keeps keys the form does not edit, and refuses a duplicate', async () => {
		const a = await createCandidate(db, actor, campaignId, record({ seq: '7', extra: { 附注: '原表' } }));
		const b = await createCandidate(db, actor, campaignId, record({ name: '黄立新', birth: '1970-01' }));
		if (!a.ok || !b.ok) throw new Error('setup');
		const rowA = (await getCandidate(db, campaignId, a.id))!;
		const res = await updateCandidate(db, actor, campaignId, a.id, record({ deeds: '新的主要事迹' }), {
			expectedUpdatedAt: rowA.updatedAt
		});
		expect(res).toMatchObject({ ok: true, changed: true, reviewCode: '工科-01' });
		const after = (await getCandidate(db, campaignId, a.id))!;
		const rec = after.record;
		expect(rec.deeds).toBe('新的主要事迹');
		expect(rec.seq).toBe('7');
		expect(rec.extra).toEqual({ 附注: '原表' });
		const logs = await auditRows('candidate.update');
		expect(logs).toHaveLength(1);
		expect((logs[0].before as CandidateRecord).deeds).toBe('韦明华长期扎根一线。');
		expect((logs[0].after as CandidateRecord).deeds).toBe('新的主要事迹');

		// Saving the same values again changes nothing and writes no audit entry.
		const same = await updateCandidate(db, actor, campaignId, a.id, record({ deeds: '新的主要事迹' }));
		expect(same).toMatchObject({ ok: true, changed: false });
		expect(await auditRows('candidate.update')).toHaveLength(1);

		// A stale form is not saved over a newer record.
		const stale = await updateCandidate(db, actor, campaignId, a.id, record({ deeds: '旧表单' }), {
			expectedUpdatedAt: rowA.updatedAt
		});
		expect(stale).toMatchObject({ ok: false, code: 'STALE' });

		// Renaming b into a's name and birth in the same channel is refused.
		const dup = await updateCandidate(db, actor, campaignId, b.id, record());
		expect(dup).toEqual({ ok: false, code: 'DUPLICATE', message: DUPLICATE_MESSAGE });
		expect((await getCandidate(db, campaignId, b.id))!.record.name).toBe('黄立新');
	});

	it('gives a new code when the group changes, and does not find a candidate of another campaign', async () => {
		const a = await createCandidate(db, actor, campaignId, record());
		if (!a.ok) throw new Error('setup');
		const moved = await updateCandidate(db, actor, campaignId, a.id, record({ group: '医科' }));
		expect(moved).toMatchObject({ ok: true, reviewCode: '医科-01' });
		const other = await createCampaign(db, SYSTEM, { presetId: 'guangxi-2024' });
		if (!other.ok) throw new Error('setup');
		expect(await getCandidate(db, other.id, a.id)).toBeNull();
		expect(await updateCandidate(db, actor, other.id, a.id, record())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
	});

	it('stores manual redactions with audit', async () => {
		const a = await createCandidate(db, actor, campaignId, record());
		if (!a.ok) throw new Error('setup');
		expect(await changeRedactions(db, actor, campaignId, a.id, { op: 'add', text: '扎根一线' })).toMatchObject({
			ok: true
		});
		expect(await changeRedactions(db, actor, campaignId, a.id, { op: 'keep', text: '广西' })).toMatchObject({
			ok: true
		});
		expect(await changeRedactions(db, actor, campaignId, a.id, { op: 'add', text: '韦' })).toMatchObject({ ok: false });
		const row = (await getCandidate(db, campaignId, a.id))!;
		expect(manualOf(row)).toEqual({ add: ['扎根一线'], remove: ['广西'] });
		await changeRedactions(db, actor, campaignId, a.id, { op: 'drop', list: 'add', text: '扎根一线' });
		expect(manualOf((await getCandidate(db, campaignId, a.id))!)).toEqual({ add: [], remove: ['广西'] });
		expect(await auditRows('candidate.redactions')).toHaveLength(3);
	});
});

// 1×1 PNG
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const JPG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

describe('attachments', () => {
	let candidateId: string;
	beforeEach(async () => {
		const r = await createCandidate(db, actor, campaignId, record());
		if (!r.ok) throw new Error('setup');
		candidateId = r.id;
	});

	it('recognizes files by their first bytes, whatever their name says', async () => {
		// saved without an extension, so that only the bytes decide: the stored type, or the refusal
		const typeOf = async (bytes: Buffer, kind: 'document' | 'video') => {
			const r = await saveAttachment(db, actor, campaignId, candidateId, { kind, filename: '材料', bytes });
			if (!r.ok) return r.message;
			return (await listAttachments(db, campaignId, candidateId)).find((a) => a.id === r.id)!.storagePath.split('.')[1];
		};
		expect(await typeOf(PNG, 'document')).toBe('png');
		expect(await typeOf(JPG, 'document')).toBe('jpg');
		expect(await typeOf(PDF, 'document')).toBe('pdf');
		const refused = (what: string) =>
			`文件“材料”不是 JPG、PNG、PDF 或 MP4/MOV 文件（按文件内容判断${what ? `，实际是${what}` : ''}），已拒绝`;
		expect(await typeOf(Buffer.from('GIF89a...'), 'document')).toBe(refused('GIF 图片'));
		expect(await typeOf(Buffer.from('hello'), 'document')).toBe(refused(''));
		// Videos (青海, 衡水: “MP4或MOV格式”) by the ISO media brand; HEIC photos are not videos.
		const iso = (brand: string) =>
			Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`), Buffer.alloc(8)]);
		expect(await typeOf(iso('isom'), 'video')).toBe('mp4');
		expect(await typeOf(iso('qt  '), 'video')).toBe('mov');
		expect(await typeOf(iso('heic'), 'video')).toBe(refused('HEIC/HEIF 照片'));
		expect(await typeOf(iso('M4A '), 'video')).toBe(refused('M4A 音频'));
	});

	it('stores the bytes under LAUREL_FILES with their checksum, lists, reads and deletes them with audit', async () => {
		const r = await saveAttachment(db, actor, campaignId, candidateId, {
			kind: 'portrait',
			filename: 'C:\\照片\\证件照.png',
			bytes: PNG
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const sha = createHash('sha256').update(PNG).digest('hex');
		expect(r.sha256).toBe(sha);
		const list = await listAttachments(db, campaignId, candidateId);
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({
			kind: 'portrait',
			filename: '证件照.png',
			mime: 'image/png',
			size: PNG.length,
			sha256: sha,
			storagePath: `${campaignId}/${sha}.png`
		});
		const onDisk = join(process.env.LAUREL_FILES!, campaignId, `${sha}.png`);
		expect(readFileSync(onDisk).equals(PNG)).toBe(true);
		const read = await readAttachment(db, campaignId, candidateId, r.id);
		expect(read.ok && Buffer.from(read.bytes).equals(PNG)).toBe(true);
		expect((await auditRows('attachment.create'))[0].after).toMatchObject({ sha256: sha, filename: '证件照.png' });

		// A second portrait is refused; the same bytes again are refused.
		const second = await saveAttachment(db, actor, campaignId, candidateId, {
			kind: 'portrait',
			filename: 'b.jpg',
			bytes: JPG
		});
		expect(second).toEqual({ ok: false, message: '已有2寸照片，请先删除原有的再上传' });
		const same = await saveAttachment(db, actor, campaignId, candidateId, {
			kind: 'work_photo',
			filename: 'c.png',
			bytes: PNG
		});
		expect(same.ok).toBe(false);

		const del = await deleteAttachment(db, actor, campaignId, candidateId, r.id);
		expect(del.ok).toBe(true);
		expect(existsSync(onDisk)).toBe(false);
		expect(await db.select().from(attachments)).toHaveLength(0);
		expect(await auditRows('attachment.delete')).toHaveLength(1);
	});

	it('refuses a .jpg that is a PDF, a PDF as a photo, unknown content and oversized files', async () => {
		const fake = await saveAttachment(db, actor, campaignId, candidateId, {
			kind: 'document',
			filename: 'photo.jpg',
			bytes: PDF
		});
		expect(fake.ok).toBe(false);
		expect(!fake.ok && fake.message).toContain('实际内容是PDF 文档');
		const pdfPhoto = await saveAttachment(db, actor, campaignId, candidateId, {
			kind: 'work_photo',
			filename: 'a.pdf',
			bytes: PDF
		});
		expect(!pdfPhoto.ok && pdfPhoto.message).toContain('工作照只接受');
		const text = await saveAttachment(db, actor, campaignId, candidateId, {
			kind: 'document',
			filename: 'a.png',
			bytes: Buffer.from('not an image')
		});
		expect(!text.ok && text.message).toContain('不是 JPG、PNG、PDF 或 MP4/MOV 文件');
		const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
		PNG.copy(big);
		const tooBig = await saveAttachment(db, actor, campaignId, candidateId, {
			kind: 'work_photo',
			filename: 'big.png',
			bytes: big
		});
		expect(!tooBig.ok && tooBig.message).toContain('超过每个文件 5 MB 的上限');
		// A PDF under its own name is a fine document.
		expect(
			(await saveAttachment(db, actor, campaignId, candidateId, { kind: 'document', filename: '证明.pdf', bytes: PDF }))
				.ok
		).toBe(true);
		expect(await db.select().from(attachments)).toHaveLength(1);
		expect(await auditRows('attachment.create')).toHaveLength(1);
	});

	it('does not read or delete a file through a candidate of another campaign', async () => {
		const r = await saveAttachment(db, actor, campaignId, candidateId, {
			kind: 'document',
			filename: 'x.pdf',
			bytes: PDF
		});
		if (!r.ok) throw new Error('setup');
		const other = await createCampaign(db, SYSTEM, { presetId: 'guangxi-2024' });
		if (!other.ok) throw new Error('setup');
		expect(await readAttachment(db, other.id, candidateId, r.id)).toMatchObject({ ok: false, status: 404 });
		expect(await deleteAttachment(db, actor, other.id, candidateId, r.id)).toMatchObject({ ok: false });
	});
});
