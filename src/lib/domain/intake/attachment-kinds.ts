// Kinds of files a nomination carries (推荐表: 2寸照片 + 3–5 张工作照, and supporting documents).
// Shared by the upload form and the server-side checks.

export type AttachmentKind = 'portrait' | 'work_photo' | 'document' | 'video';
export type FileType = 'jpg' | 'png' | 'pdf' | 'mp4' | 'mov';

export interface KindRule {
	label: string;
	hint: string;
	min: number;
	max: number;
	types: FileType[];
}

export const ATTACHMENT_KINDS: Record<AttachmentKind, KindRule> = {
	portrait: { label: '2寸照片', hint: '1 张，JPG 或 PNG', min: 1, max: 1, types: ['jpg', 'png'] },
	work_photo: { label: '工作照', hint: '3–5 张，JPG 或 PNG', min: 3, max: 5, types: ['jpg', 'png'] },
	document: {
		label: '附件',
		hint: 'JPG、PNG 或 PDF，最多 10 个；文件名写明材料名称，如“廉政意见表”',
		min: 0,
		max: 10,
		types: ['jpg', 'png', 'pdf']
	},
	// 青海 “体现推荐人选工作生活的视频（MP4或MOV格式）”, 衡水 “音像短片（MP4或MOV格式）”.
	video: { label: '视频', hint: `MP4 或 MOV，每个不超过 ${30} MB，最多 5 个`, min: 0, max: 5, types: ['mp4', 'mov'] }
};

export const KIND_ORDER: AttachmentKind[] = ['portrait', 'work_photo', 'document', 'video'];

export const FILE_TYPE_LABELS: Record<FileType, string> = {
	jpg: 'JPG 图片',
	png: 'PNG 图片',
	pdf: 'PDF 文档',
	mp4: 'MP4 视频',
	mov: 'MOV 视频'
};

export const MIME_OF: Record<FileType, string> = {
	jpg: 'image/jpeg',
	png: 'image/png',
	pdf: 'application/pdf',
	mp4: 'video/mp4',
	mov: 'video/quicktime'
};

/** Upper limit of one file, in bytes (the notices ask for photos, not originals from a camera). */
export const MAX_ATTACHMENT_MB = 5;
export const MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024;
/** A video may be larger; the request body limit (BODY_SIZE_LIMIT 32M) bounds it. */
export const MAX_VIDEO_MB = 30;

/** The upper limit of one file of a kind, in MB and bytes. */
export function maxOf(kind: AttachmentKind): { mb: number; bytes: number } {
	const mb = kind === 'video' ? MAX_VIDEO_MB : MAX_ATTACHMENT_MB;
	return { mb, bytes: mb * 1024 * 1024 };
}

export function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
	return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** One file as the organizer's pages list it. */
export interface AttachmentItem {
	id: string;
	kind: AttachmentKind;
	filename: string;
	mime: string;
	size: number;
	sha256: string;
	createdAt: number;
	url: string;
}

/** What the upload and delete actions report back to the page. */
export interface UploadResult {
	saved?: string[];
	errors?: string[];
	deleted?: string;
}
