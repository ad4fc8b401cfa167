import { describe, expect, it } from 'vitest';
import { isRegionName, normalizeUnit, unitAncestors, unitsMatch, unitVariants } from './work-units';
import { splitUnitAndTitle } from './work-unit-titles';

describe('normalizeUnit', () => {
	it('removes whitespace (incl. full-width), punctuation and width differences', () => {
		expect(normalizeUnit('广西大学　')).toBe('广西大学');
		expect(normalizeUnit(' 广西 大学 ')).toBe('广西大学');
		expect(normalizeUnit('中国电子科技集团公司第３４研究所')).toBe(normalizeUnit('中国电子科技集团公司第34研究所'));
		expect(normalizeUnit('柳州钢铁（集团）有限公司')).toBe('柳州钢铁');
		expect(normalizeUnit('ＡＢＣ科技有限公司')).toBe('abc科技');
	});
	it('maps traditional characters that NFKC leaves alone', () => {
		expect(normalizeUnit('廣西大學')).toBe('广西大学');
	});
	it('canonicalizes province prefixes instead of dropping them', () => {
		expect(normalizeUnit('广西壮族自治区农业科学院')).toBe('广西农业科学院');
		expect(normalizeUnit('内蒙古自治区人民医院')).toBe(normalizeUnit('内蒙古人民医院'));
		expect(normalizeUnit('青海省人民医院')).toBe('青海人民医院');
		expect(normalizeUnit('中国广西大学')).toBe('广西大学');
	});
	it('drops a province before a prefecture and the 市 of a leading city', () => {
		expect(normalizeUnit('山西省晋城市人民医院')).toBe('晋城人民医院');
		expect(normalizeUnit('河北省衡水市第二中学')).toBe(normalizeUnit('衡水市第二中学'));
		expect(normalizeUnit('内蒙古锡林郭勒盟医院')).toBe('锡林郭勒盟医院');
	});
	it('does not over-strip', () => {
		expect(normalizeUnit('中国科学院')).toBe('中国科学院');
		expect(normalizeUnit('南宁市第一人民医院')).not.toBe(normalizeUnit('柳州市第一人民医院'));
		expect(normalizeUnit('吉林市人民医院')).not.toBe(normalizeUnit('吉林省人民医院'));
		expect(normalizeUnit('广西技术市场协会')).toBe('广西技术市场协会');
		expect(normalizeUnit('海南藏族自治州人民医院')).toBe(normalizeUnit('青海省海南藏族自治州人民医院'));
		expect(normalizeUnit('集团公司')).toBe('集团');
	});
	it('strips company suffixes repeatedly but keeps at least two characters', () => {
		expect(normalizeUnit('广西柳工机械股份有限公司')).toBe('广西柳工机械');
		expect(normalizeUnit('柳州钢铁集团有限公司')).toBe('柳州钢铁');
		expect(normalizeUnit('中国石油天然气集团公司')).toBe('中国石油天然气');
	});
	it('spells 科学技术协会 as 科协', () => {
		expect(normalizeUnit('南宁市科学技术协会')).toBe(normalizeUnit('南宁市科协'));
	});
});

describe('unitsMatch', () => {
	const cases: [string, string, 'same' | 'parent' | null][] = [
		['广西大学', '广西民族大学', null],
		['南宁市第一人民医院', '南宁市第二人民医院', null],
		['柳州钢铁集团有限公司', '柳钢集团', null], // no alias table
		['广西大学　', '广西大学', 'same'],
		['中国科学院', '中国科学院大学', 'parent'], // CAS runs UCAS: flagged, chair decides
		['广西壮族自治区农业科学院', '广西农业科学院', 'same'],
		['山西省晋城市人民医院', '晋城市人民医院', 'same'],
		['广西大学', '广西大学农学院', 'parent'],
		['广西大学农学院', '广西大学', 'parent'],
		['广西农业科学院', '山西省农业科学院', null],
		['中国银行', '中国银行业协会', null],
		['广西大学', '广西大学生创业中心', null],
		['柳州钢铁集团有限公司', '柳州钢铁集团有限公司技术中心', 'parent'],
		['广西医科大学', '广西医科大学第一附属医院', 'parent'],
		['', '广西大学', null]
	];
	for (const [a, b, want] of cases) {
		it(`${a || '(空)'} vs ${b} → ${want}`, () => expect(unitsMatch(a, b)).toBe(want));
	}
});

describe('unitAncestors / unitVariants / isRegionName', () => {
	it('lists organisational prefixes only', () => {
		expect(unitAncestors('中国科学院广西植物研究所')).toEqual(['中国科学院']);
		expect(unitAncestors('南宁市第一人民医院')).toEqual([]);
	});
	it('gives written forms for redaction', () => {
		expect(unitVariants('广西大学农学院')).toEqual(['广西大学农学院', '广西大学']);
		expect(unitVariants('山西省晋城市人民医院')).toContain('晋城市人民医院');
		expect(unitVariants('广西农业科学院')).toContain('广西壮族自治区农业科学院');
		expect(unitVariants('南宁市')).toEqual(['南宁市']);
	});
	it('recognizes region names', () => {
		for (const r of ['南宁市', '晋城市城区', '广西壮族自治区', '广西', '锡林郭勒盟'])
			expect(isRegionName(r)).toBe(true);
		for (const r of ['广西大学', '广西农学会', '']) expect(isRegionName(r)).toBe(false);
	});
	it('answers like the former regex, in linear time', () => {
		// The former pattern, kept here as the specification on inputs short enough for it.
		const spec = /^(?:\p{Script=Han}{1,8}?(?:省|自治区|市|盟|地区|自治州|县|区|旗))+$/u;
		const alphabet = [...'省自治区市盟地县旗州南宁一a 大'];
		let x = 7;
		const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
		for (let i = 0; i < 3000; i++) {
			const s = Array.from(
				{ length: 1 + Math.floor(rand() * 12) },
				() => alphabet[Math.floor(rand() * alphabet.length)]
			).join('');
			expect(isRegionName(s), s).toBe(spec.test(s.replace(/\s/g, '')));
		}
		// 17 s with the former regex; linear now.
		expect(isRegionName('省市区县'.repeat(11) + '院')).toBe(false);
		expect(isRegionName('省市区县'.repeat(50))).toBe(true);
	});
});

describe('splitUnitAndTitle', () => {
	const cases: [string, string, string][] = [
		['广西大学农学院 教授、院长', '广西大学农学院', '教授、院长'],
		['广西大学 农学院 院长', '广西大学农学院', '院长'],
		['广西大学农学院教授，院长', '广西大学农学院', '教授，院长'],
		['晋城市XX研究所副所长', '晋城市XX研究所', '副所长'],
		['南宁市第一人民医院 心内科 主任医师', '南宁市第一人民医院心内科', '主任医师'],
		['柳州钢铁集团有限公司技术中心高级工程师', '柳州钢铁集团有限公司技术中心', '高级工程师'],
		['广西大学（农学院）教授', '广西大学农学院', '教授'],
		['中国科学院广西植物研究所研究员、所长', '中国科学院广西植物研究所', '研究员、所长'],
		['青海大学', '青海大学', ''],
		['广西农垦集团常务副总经理', '广西农垦集团', '常务副总经理']
	];
	for (const [input, unit, title] of cases) {
		it(input, () => expect(splitUnitAndTitle(input)).toEqual({ unit, title }));
	}
});
