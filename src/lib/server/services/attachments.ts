// Photos and attachments of a nomination. The bytes live on disk under LAUREL_FILES at
// `<campaignId>/<sha256>.<ext>` (content-addressed, written once); the database keeps the
// metadata and the checksum. The type is decided by the file's first bytes, never by its name
// or the browser's claim. Only organizers reach these functions (experts never get the files).
import { lockRefusal } from './locks';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { attachments, candidates } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import {
	ATTACHMENT_KINDS,
	FILE_TYPE_LABELS,
	MIME_OF,
	formatSize,
	maxOf,
	type AttachmentKind,
	type FileType
} from '../../domain/intake/attachment-kinds';

export type AttachmentRow = typeof attachments.$inferSelect;

/** The folder of the stored files, read on every call so that tests and tools may point it elsewhere. */
function filesRoot(): string {
	return resolve(process.env.LAUREL_FILES ?? 'db/files');
}

function pathOf(storagePath: string): string {
	const root = filesRoot();
	const full = resolve(root, storagePath);
	if (!full.startsWith(root + sep)) throw new Error(`非法的存储路径：${storagePath}`);
	return full;
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) =>
	b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The file's type by its magic bytes: jpg, png or pdf; otherwise a description of what it is, or null. */
function sniffType(b: Uint8Array): { type: FileType } | { type: null; what: string | null } {
	if (startsWith(b, [0xff, 0xd8, 0xff])) return { type: 'jpg' };
	if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { type: 'png' };
	if (startsWith(b, ascii('%PDF-'))) return { type: 'pdf' };
	if (startsWith(b, ascii('GIF8'))) return { type: null, what: 'GIF 图片' };
	if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return { type: null, what: 'WebP 图片' };
	if (startsWith(b, ascii('ftyp'), 4)) {
		// ISO media: the brand says what it is. QuickTime is MOV; HEIF brands are photos.
		const brand = String.fromCharCode(...b.slice(8, 12));
		if (brand === 'qt  ') return { type: 'mov' };
		if (/^(heic|heix|hevc|heim|heis|mif1|msf1|avif)$/.test(brand)) return { type: null, what: 'HEIC/HEIF 照片' };
		if (/^M4[ABP] $/.test(brand)) return { type: null, what: 'M4A 音频' };
		return { type: 'mp4' };
	}
	if (startsWith(b, ascii('BM'))) return { type: null, what: 'BMP 图片' };
	if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return { type: null, what: 'Word/Excel 文档或压缩包' };
	if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) return { type: null, what: '旧版 Office 文档' };
	return { type: null, what: null };
}

const EXT_TYPES: Record<string, FileType> = {
	jpg: 'jpg',
	jpeg: 'jpg',
	jpe: 'jpg',
	png: 'png',
	pdf: 'pdf',
	mp4: 'mp4',
	m4v: 'mp4',
	mov: 'mov'
};

/** A display name without folders or control characters. */
function cleanFilename(name: string, type: FileType): string {
	const base = (name.split(/[\\/]/).pop() ?? '')
		// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
		.replace(/[\u0000-\u001f\u007f"]/g, '')
		.trim()
		.slice(-120);
	return base || `附件.${type}`;
}

export async function listAttachments(db: DB, campaignId: string, candidateId: string): Promise<AttachmentRow[]> {
	const rows = await db
		.select({ a: attachments })
		.from(attachments)
		.innerJoin(candidates, eq(candidates.id, attachments.candidateId))
		.where(and(eq(candidates.campaignId, campaignId), eq(attachments.candidateId, candidateId)))
		.orderBy(asc(attachments.createdAt), asc(attachments.id));
	return rows.map((r) => r.a);
}

export type SaveResult = { ok: true; id: string; sha256: string } | { ok: false; message: string };

/** Checks, stores and records one uploaded file. */
export async function saveAttachment(
	db: DB,
	actor: Actor,
	campaignId: string,
	candidateId: string,
	input: { kind: AttachmentKind; filename: string; bytes: Uint8Array }
): Promise<SaveResult> {
	const rule = ATTACHMENT_KINDS[input.kind];
	const shown = input.filename.split(/[\\/]/).pop() || '未命名文件';
	if (!/^[A-Za-z0-9_-]+$/.test(campaignId)) return { ok: false, message: '活动编号无效' };
	const locked = await lockRefusal(db, campaignId, '上传附件');
	if (locked) return { ok: false, message: locked };
	if (input.bytes.byteLength === 0) return { ok: false, message: `文件“${shown}”是空文件` };
	const limit = maxOf(input.kind);
	if (input.bytes.byteLength > limit.bytes)
		return {
			ok: false,
			message: `文件“${shown}”大小为 ${formatSize(input.bytes.byteLength)}，超过每个文件 ${limit.mb} MB 的上限`
		};
	const sniff = sniffType(input.bytes);
	const ext = /\.([A-Za-z0-9]{1,5})$/.exec(shown)?.[1]?.toLowerCase();
	const claimed = ext ? EXT_TYPES[ext] : undefined;
	if (!sniff.type) {
		const what = sniff.what ? `，实际是${sniff.what}` : '';
		return { ok: false, message: `文件“${shown}”不是 JPG、PNG、PDF 或 MP4/MOV 文件（按文件内容判断${what}），已拒绝` };
	}
	const type = sniff.type;
	if (claimed && claimed !== type)
		return {
			ok: false,
			message: `文件“${shown}”的扩展名是 .${ext}，但实际内容是${FILE_TYPE_LABELS[type]}，文件名与内容不符，已拒绝。请上传真实的${FILE_TYPE_LABELS[claimed]}`
		};
	if (!rule.types.includes(type))
		return {
			ok: false,
			message: `${rule.label}只接受 ${rule.types.map((t) => FILE_TYPE_LABELS[t]).join('或')}，文件“${shown}”是${FILE_TYPE_LABELS[type]}`
		};

	const sha256 = createHash('sha256').update(input.bytes).digest('hex');
	const storagePath = `${campaignId}/${sha256}.${type}`;
	const full = pathOf(storagePath);
	const exists = await stat(full).then(
		(s) => s.size === input.bytes.byteLength,
		() => false
	);
	if (!exists) {
		await mkdir(resolve(full, '..'), { recursive: true });
		const tmp = `${full}.${randomBytes(6).toString('hex')}.tmp`;
		await writeFile(tmp, input.bytes);
		await rename(tmp, full);
	}
	const id = newId('f_');
	const result = await db.transaction(async (tx) => {
		const cand = await tx
			.select({ id: candidates.id })
			.from(candidates)
			.where(and(eq(candidates.campaignId, campaignId), eq(candidates.id, candidateId)));
		if (!cand.length) return { ok: false, message: '没有找到该候选人' } as const;
		const existing = await tx.select().from(attachments).where(eq(attachments.candidateId, candidateId));
		const same = existing.find((a) => a.sha256 === sha256);
		if (same)
			return { ok: false, message: `文件“${shown}”与已上传的“${same.filename}”内容相同，无需重复上传` } as const;
		const ofKind = existing.filter((a) => a.kind === input.kind).length;
		if (ofKind >= rule.max)
			return {
				ok: false,
				message:
					rule.max === 1
						? `已有${rule.label}，请先删除原有的再上传`
						: `${rule.label}最多 ${rule.max} 个，已有 ${ofKind} 个，请先删除不需要的`
			} as const;
		const row = {
			id,
			candidateId,
			kind: input.kind,
			filename: cleanFilename(shown, type),
			mime: MIME_OF[type],
			size: input.bytes.byteLength,
			sha256,
			storagePath,
			createdAt: Date.now()
		};
		await tx.insert(attachments).values(row);
		const { storagePath: _p, createdAt: _c, ...meta } = row;
		void _p;
		void _c;
		await audit(tx, actor, {
			campaignId,
			action: 'attachment.create',
			entity: 'attachment',
			entityId: id,
			after: meta
		});
		return { ok: true, id, sha256 } as const;
	});
	if (!result.ok && !exists) await removeIfUnused(db, storagePath);
	return result;
}

/** Deletes a file's record (audited) and the bytes once no record refers to them any more. */
export async function deleteAttachment(
	db: DB,
	actor: Actor,
	campaignId: string,
	candidateId: string,
	attachmentId: string
): Promise<{ ok: true; filename: string } | { ok: false; message: string }> {
	const locked = await lockRefusal(db, campaignId, '删除附件');
	if (locked) return { ok: false, message: locked };
	const result = await db.transaction(async (tx) => {
		const row = (
			await tx
				.select({ a: attachments })
				.from(attachments)
				.innerJoin(candidates, eq(candidates.id, attachments.candidateId))
				.where(
					and(
						eq(candidates.campaignId, campaignId),
						eq(attachments.candidateId, candidateId),
						eq(attachments.id, attachmentId)
					)
				)
		)[0]?.a;
		if (!row) return null;
		await tx.delete(attachments).where(eq(attachments.id, attachmentId));
		const { storagePath: _p, ...meta } = row;
		void _p;
		await audit(tx, actor, {
			campaignId,
			action: 'attachment.delete',
			entity: 'attachment',
			entityId: attachmentId,
			before: meta
		});
		return row;
	});
	if (!result) return { ok: false, message: '没有找到该文件，可能已被删除' };
	await removeIfUnused(db, result.storagePath);
	return { ok: true, filename: result.filename };
}

async function removeIfUnused(db: DB, storagePath: string): Promise<void> {
	const users = await db
		.select({ id: attachments.id })
		.from(attachments)
		.where(eq(attachments.storagePath, storagePath))
		.limit(1);
	if (users.length) return;
	await unlink(pathOf(storagePath)).catch((e: NodeJS.ErrnoException) => {
		if (e.code !== 'ENOENT') throw e;
	});
}

export type ReadResult =
	{ ok: true; row: AttachmentRow; bytes: Uint8Array } | { ok: false; status: 404 | 500; message: string };

/** The bytes of one attachment of a candidate of the campaign, checked against the stored checksum. */
export async function readAttachment(
	db: DB,
	campaignId: string,
	candidateId: string,
	attachmentId: string
): Promise<ReadResult> {
	const row = (await listAttachments(db, campaignId, candidateId)).find((a) => a.id === attachmentId);
	if (!row) return { ok: false, status: 404, message: '没有找到该文件' };
	let bytes: Uint8Array;
	try {
		bytes = await readFile(pathOf(row.storagePath));
	} catch {
		return { ok: false, status: 404, message: `文件“${row.filename}”在存储目录中不存在，请重新上传` };
	}
	if (createHash('sha256').update(bytes).digest('hex') !== row.sha256)
		return { ok: false, status: 500, message: `文件“${row.filename}”校验失败（SHA-256 不符），可能已损坏` };
	return { ok: true, row, bytes };
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string): string {
	const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
