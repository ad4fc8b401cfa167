// The notice's rules for photos, videos and documents (ATTACHMENT_RULE) and the checklist of
// required materials per candidate and per channel shown on the check page. Pure.
//
// Decisions: a file that breaks a rule (format, size, name, count) is an ATTACHMENT_RULE warning;
// a material not uploaded yet is shown in the checklist only (offices often send files after the
// summary sheet), so a campaign imported from CSV alone is not flooded with warnings. A channel's
// document (推荐工作情况报告 …) counts as received when it is uploaded with any of its candidates.
import type { AttachmentRules, DocumentRule } from '../rules';

export type FileKind = 'portrait' | 'work_photo' | 'document' | 'video';

export interface FileMeta {
	kind: FileKind;
	filename: string;
	mime: string;
	size: number;
}

export interface ChecklistItem {
	name: string;
	status: 'ok' | 'missing' | 'later' | 'optional';
	detail: string;
}

export interface CandidateChecklist {
	candidate: string;
	candidateId?: string;
	channel: string;
	items: ChecklistItem[];
}

export interface ChannelChecklist {
	channel: string;
	items: ChecklistItem[];
}

export interface Checklists {
	candidates: CandidateChecklist[];
	channels: ChannelChecklist[];
	/** The rules the lists are made of, for the page's legend. */
	sources: string[];
}

const FORMAT_OF: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'application/pdf': 'pdf'
};
const LABEL: Record<string, string> = { jpg: 'JPG', png: 'PNG', mp4: 'MP4', mov: 'MOV', pdf: 'PDF' };

function fileFormat(f: Pick<FileMeta, 'mime' | 'filename'>): string {
	return FORMAT_OF[f.mime] ?? (/\.([a-z0-9]+)$/i.exec(f.filename)?.[1] ?? '').toLowerCase();
}

const stem = (filename: string) =>
	filename
		.replace(/\.[^.]*$/, '')
		.normalize('NFKC')
		.replace(/\s+/g, '');

/** “用姓名+序号作为照片名”: 张三1.jpg, 张三-2.jpg, 张三（3）.jpg; the portrait may omit the number. */
function namedAsRequired(filename: string, name: string, numberRequired: boolean): boolean {
	const s = stem(filename);
	const n = name.normalize('NFKC').replace(/\s+/g, '');
	if (!n || !s.startsWith(n)) return false;
	const rest = s
		.slice(n.length)
		.replace(/^[-_－—·.]/, '')
		.replace(/^[(（](\d+)[)）]$/, '$1');
	return rest === '' ? !numberRequired : /^\d{1,3}$/.test(rest);
}

const mb = (bytes: number) =>
	bytes < 1048576 ? `${Math.max(1, Math.round(bytes / 1024))}KB` : `${Math.round((bytes / 1048576) * 10) / 10}MB`;

/** The ATTACHMENT_RULE problems of one candidate's files (messages without the candidate's name). */
export function fileProblems(rules: AttachmentRules, name: string, files: FileMeta[]): string[] {
	const out: string[] = [];
	const photos = rules.photos;
	if (photos) {
		const pics = files.filter((f) => f.kind === 'portrait' || f.kind === 'work_photo');
		for (const f of pics) {
			const fmt = fileFormat(f);
			const what = f.kind === 'portrait' ? '2寸照片' : '工作照';
			if (!(photos.formats as string[]).includes(fmt))
				out.push(
					`${what}“${f.filename}”为 ${LABEL[fmt] ?? fmt} 格式，通知要求 ${photos.formats.map((x) => LABEL[x]).join('或')} 格式`
				);
			if (photos.minBytes && f.size < photos.minBytes)
				out.push(`${what}“${f.filename}”大小 ${mb(f.size)}，通知要求不小于 ${mb(photos.minBytes)}`);
			if (photos.naming && !namedAsRequired(f.filename, name, f.kind === 'work_photo'))
				out.push(`${what}“${f.filename}”未按“姓名+序号”命名（如 ${name}1.jpg）`);
		}
		const work = files.filter((f) => f.kind === 'work_photo').length;
		const { min, max } = photos.work;
		if (work > max) out.push(`工作照 ${work} 张，通知要求 ${min}—${max} 张`);
		else if (work > 0 && work < min) out.push(`工作照 ${work} 张，少于通知要求的 ${min}—${max} 张`);
	}
	const video = rules.video;
	for (const f of files.filter((x) => x.kind === 'video')) {
		const fmt = fileFormat(f);
		if (!video) continue;
		if (!(video.formats as string[]).includes(fmt))
			out.push(
				`视频“${f.filename}”为 ${LABEL[fmt] ?? fmt} 格式，通知要求 ${video.formats.map((x) => LABEL[x]).join('或')} 格式`
			);
	}
	return out;
}

const hasDoc = (rule: DocumentRule, files: FileMeta[]) =>
	files.some((f) => f.kind === 'document' && rule.keywords.some((k) => f.filename.includes(k)));

/** The materials each candidate and each channel owes, with what has been uploaded. */
export function checklists(
	rules: AttachmentRules | undefined,
	people: { candidate: string; candidateId?: string; channel: string; files: FileMeta[] }[]
): Checklists {
	const result: Checklists = { candidates: [], channels: [], sources: [] };
	if (!rules) return result;
	const docs = rules.documents ?? [];
	for (const p of people) {
		const items: ChecklistItem[] = [];
		const photos = rules.photos;
		if (photos) {
			const portrait = p.files.filter((f) => f.kind === 'portrait').length;
			items.push({ name: '2寸照片', status: portrait ? 'ok' : 'missing', detail: portrait ? '已上传' : '未上传' });
			const work = p.files.filter((f) => f.kind === 'work_photo').length;
			const range = `${photos.work.min}—${photos.work.max} 张`;
			const enough = work >= photos.work.min && work <= photos.work.max;
			items.push({
				name: '工作照',
				status: enough ? 'ok' : work === 0 && photos.workLater ? 'later' : 'missing',
				detail: `${work} 张（要求 ${range}）${work === 0 && photos.workLater ? '，可在入选候选人后提交' : ''}`
			});
		}
		if (rules.video) {
			const n = p.files.filter((f) => f.kind === 'video').length;
			items.push({
				name: `视频（${rules.video.formats.map((x) => LABEL[x]).join('或')}）`,
				status: n ? 'ok' : rules.video.required ? 'missing' : 'optional',
				detail: n ? `${n} 个` : rules.video.required ? '未上传' : '有条件的可提供'
			});
		}
		for (const d of docs.filter((x) => x.per === 'candidate')) {
			const ok = hasDoc(d, p.files);
			items.push({
				name: d.name,
				status: ok ? 'ok' : d.condition ? 'optional' : 'missing',
				detail: ok ? '已上传' : d.condition ? `${d.condition}须提供` : '未上传'
			});
		}
		if (items.length)
			result.candidates.push({ candidate: p.candidate, candidateId: p.candidateId, channel: p.channel, items });
	}
	const channelDocs = docs.filter((x) => x.per === 'channel');
	if (channelDocs.length) {
		const byChannel = new Map<string, FileMeta[]>();
		for (const p of people) byChannel.set(p.channel, [...(byChannel.get(p.channel) ?? []), ...p.files]);
		for (const [channel, files] of [...byChannel].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
			if (!channel) continue;
			result.channels.push({
				channel,
				items: channelDocs.map((d) => {
					const ok = hasDoc(d, files);
					return {
						name: d.name,
						status: ok ? 'ok' : 'missing',
						detail: ok ? '已上传' : '未上传（可作为该渠道任一候选人的附件上传，文件名含“' + d.keywords[0] + '”）'
					};
				})
			});
		}
	}
	const src = (s: { document: string; clause: string }) => `${s.document} ${s.clause}`;
	if (rules.photos) result.sources.push(src(rules.photos.source));
	if (rules.video) result.sources.push(src(rules.video.source));
	for (const d of docs) if (!result.sources.includes(src(d.source))) result.sources.push(src(d.source));
	return result;
}
