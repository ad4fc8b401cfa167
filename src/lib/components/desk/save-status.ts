// The save line's words for a sheet on the desk (split from sheet-draft.svelte.ts, which re-exports them).
import { formatBeijing } from '../../shared/time';
import type { SheetDraft } from './sheet-draft.svelte';

const clockTime = (ms: number) => formatBeijing(ms, 'clock');

export type SaveState =
	| 'idle'
	| 'pending'
	| 'saving'
	| 'saved'
	| 'offline'
	| 'invalid'
	| 'stale'
	| 'closed'
	| 'submitted'
	| 'gone'
	| 'expired';

/** The save line's words: where the typing is right now. */
export function statusText(d: SheetDraft): string {
	switch (d.state) {
		case 'pending':
			return '已暂存在本机，稍后自动保存';
		case 'saving':
			return '保存中…';
		case 'saved':
			return d.savedAt ? `已保存 ${clockTime(d.savedAt)}` : '已保存';
		case 'offline':
			return '离线，已暂存在本机';
		case 'invalid':
			return '有评分项需修正，已暂存在本机';
		case 'stale':
			return '另一窗口已保存过，请选择保留哪个版本';
		case 'closed':
			return '本轮已结束，未能保存';
		case 'submitted':
			return d.submittedAt ? `已提交 ${clockTime(d.submittedAt)}` : '已提交';
		case 'gone':
			return '该材料已不在您的任务中';
		case 'expired':
			return '登录已过期，已暂存在本机，请重新登录';
		default:
			return '填写后自动保存';
	}
}
