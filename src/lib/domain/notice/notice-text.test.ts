import { describe, expect, it } from 'vitest';
import { noticeBasis } from './notice-text';
import { getPreset, PRESET_IDS, presetConfig } from './presets';

describe('noticeBasis', () => {
	it('writes 《标题》（文号）', () => {
		const p = getPreset('jincheng-2023')!;
		expect(noticeBasis(p.noticeTitle, p.document)).toBe(
			'《关于开展2023年“晋城最美科技工作者”学习宣传活动的通知》（晋市科协发〔2023〕9号）'
		);
	});
	it('writes 《标题》 alone when the notice has no 文号, never the title twice', () => {
		const p = getPreset('hengshui-2022')!;
		expect(noticeBasis(p.noticeTitle, p.document)).toBe(`《${p.noticeTitle}》`);
		expect(noticeBasis(undefined, '《某通知》')).toBe('《某通知》');
		expect(noticeBasis(undefined, '晋市科协发〔2023〕9号')).toBe('（晋市科协发〔2023〕9号）');
		expect(noticeBasis(undefined, '')).toBe('');
	});
	it('every preset has a basis with 书名号', () => {
		for (const id of PRESET_IDS)
			expect(noticeBasis(getPreset(id)!.noticeTitle, presetConfig(id).document)).toMatch(/^《.+》/);
	});
});
