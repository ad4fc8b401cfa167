// Fixtures of the eligibility check's unit tests (src/lib/domain/intake/eligibility/*.test.ts and
// intake/match.test.ts): a complete nominee, the issue filters, and the notices' presets.
import { presetConfig } from '../../src/lib/domain/notice/presets';
import type { CandidateRecord, CheckIssue } from '../../src/lib/domain/types';

let n = 0;
/** A complete, eligible nominee of 城区 (晋城); born 1970 (not youth) unless told; a new name each call. */
export function cand(over: Partial<CandidateRecord> = {}): CandidateRecord {
	n += 1;
	return {
		name: `候选人${n}`,
		gender: '男',
		birth: '1970-01',
		unitAndTitle: '某研究院 研究员',
		field: '前沿',
		channel: '城区',
		grassroots: false,
		priorTitle: false,
		career: [],
		deeds: '事迹'.repeat(700),
		story: '故事',
		...over
	};
}
/** The same nominee born 1990-06: a youth against every notice's cut-off. */
export const youth = (over: Partial<CandidateRecord> = {}) => cand({ birth: '1990-06', ...over });
export const codes = (issues: CheckIssue[]) => issues.map((i) => i.code);
export const only = (issues: CheckIssue[], code: string) => issues.filter((i) => i.code === code);

export const jincheng = presetConfig('jincheng-2023');
export const guangxi = presetConfig('guangxi-2024');
export const neimenggu = presetConfig('neimenggu-2023');
export const qinghai = presetConfig('qinghai-2023');
export const hengshui = presetConfig('hengshui-2022');
