// Chinese labels of the check's issue codes (CONTRACTS.md `check`), in the order the report
// shows the groups: quota and youth rules first, then per-person rules, then form problems.
import type { IssueCode } from '$lib/domain/types';

export const ISSUE_LABELS: Record<IssueCode, string> = {
	QUOTA_EXCEEDED: '超出名额',
	QUOTA_SHORT: '名额不足',
	YOUTH_SHARE_LOW: '青年比例不足',
	CHANNEL_YOUTH_MISSING: '渠道缺少青年人选',
	LATE_SUBMISSION: '逾期报送',
	SELF_NOMINATION: '个人申报',
	EXCLUDED_CATEGORY: '不在推荐范围',
	OUTSIDE_REGION: '不在本地区工作',
	PRIOR_TITLE: '已获相关称号',
	GROUP_MISMATCH: '推荐组别不符',
	TEXT_TOO_LONG: '字数不符',
	ATTACHMENT_RULE: '照片与附件不符',
	DUPLICATE_CANDIDATE: '重复推荐',
	UNKNOWN_CHANNEL: '推荐单位不明',
	MISSING_FIELD: '信息缺失或无效'
};

export const ISSUE_ORDER = Object.keys(ISSUE_LABELS) as IssueCode[];

/** 0.2333 → "23.3%" */
export function percent(x: number): string {
	return `${Math.round(x * 1000) / 10}%`;
}

/** A channel's places, min–max ("0–10", "2–3"), or one number when both are equal. */
export function placesText(min: number, max: number): string {
	return min === max ? String(max) : `${min}–${max}`;
}
