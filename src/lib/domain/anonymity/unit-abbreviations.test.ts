import { describe, expect, it } from 'vitest';
import { cityContext, cityOf, contextAllows, nominatorForms, unitAbbreviations } from './unit-abbreviations';

const texts = (u: string) => unitAbbreviations(u).map((a) => a.text);
const ctx = (u: string, t: string) => unitAbbreviations(u).find((a) => a.text === t)?.context;

describe('unitAbbreviations', () => {
	it('vocational colleges: 柳职院, 柳州职院, 柳职', () => {
		expect(texts('柳州职业技术学院')).toEqual(expect.arrayContaining(['柳职院', '柳州职院', '柳职']));
		expect(ctx('柳州职业技术学院', '柳职院')).toBe('none');
		expect(ctx('柳州职业技术学院', '职院')).toBe('strict');
	});
	it('universities: stem initial + 大, and the province character for a provincial university', () => {
		expect(texts('南京大学')).toEqual(['南大']);
		expect(texts('广西大学')).toEqual(['广大', '西大']);
		expect(ctx('广西大学', '广大')).toBe('strict'); // 广大 is a common word
		expect(ctx('广西大学', '西大')).toBe('prev');
		expect(texts('四川大学')).toContain('川大');
		expect(texts('广西师范大学')).toEqual(expect.arrayContaining(['广西师大', '广师大', '师大']));
		expect(texts('广西民族大学')).toEqual(['广西民大', '民大']);
	});
	it('academies, hospitals, companies, province written long', () => {
		expect(texts('广西壮族自治区农业科学院')).toEqual(['广西农科院', '农科院']);
		expect(texts('柳州市人民医院')).toContain('柳州人医');
		expect(texts('柳州钢铁集团有限公司')).toEqual(['柳钢']);
		expect(texts('广西柳州钢铁集团有限公司')).toEqual(['柳钢']);
	});
	it('derives nothing from names without a known type, or with a long stem', () => {
		expect(texts('广西农学会')).toEqual([]);
		expect(texts('广西大学农学院')).toEqual([]); // its prefix 广西大学 is abbreviated via unitVariants
		expect(texts('大学')).toEqual([]);
		expect(texts('')).toEqual([]);
	});
	it('never yields a bare province or the name itself', () => {
		for (const u of ['广西大学', '广西科学技术协会', '广西农业科学院']) {
			expect(texts(u)).not.toContain('广西');
			expect(texts(u)).not.toContain(u);
		}
	});
});

describe('nominatorForms and cities', () => {
	it('a city 科协 in every spelling', () => {
		for (const ch of ['柳州市', '柳州市科协', '柳州市科学技术协会']) {
			const forms = nominatorForms(ch).map((a) => a.text);
			expect(forms).toEqual(
				expect.arrayContaining(['柳州科协', '柳州市科协', '柳州市科学技术协会', '柳州科学技术协会', '市科协'])
			);
		}
		expect(nominatorForms('柳州市').find((a) => a.text === '市科协')?.context).toBe('strict');
	});
	it('reads the city a region or unit starts with, never a province', () => {
		expect(cityOf('柳州市')).toBe('柳州');
		expect(cityOf('广西柳州市第一中学')).toBe('柳州');
		expect(cityOf('山西省晋城市人民医院')).toBe('晋城');
		expect(cityOf('融水苗族自治县')).toBe('融水苗族');
		expect(cityOf('北京市海淀区')).toBeNull();
		expect(cityOf('广西大学')).toBeNull();
		expect(cityContext('柳州')).toBe('none');
		expect(cityContext('大同')).toBe('strict');
	});
});

describe('contextAllows: near-misses and common words', () => {
	const at = (text: string, form: string, c: 'prev' | 'strict' | 'none') => {
		const i = text.indexOf(form);
		return contextAllows(text, i, i + form.length, c);
	};
	it('strict: 广大 only as the university', () => {
		expect(at('在广大任教', '广大', 'strict')).toBe(true);
		expect(at('考入广大。', '广大', 'strict')).toBe(true);
		expect(at('广大的校园', '广大', 'strict')).toBe(true);
		expect(at('广大群众', '广大', 'strict')).toBe(false);
		expect(at('在广大农村', '广大', 'strict')).toBe(false);
		expect(at('带动广大教师', '广大', 'strict')).toBe(false);
		expect(at('带动广大工人', '广大', 'strict')).toBe(false);
	});
	it('prev: not inside another name, not a place word', () => {
		expect(at('东南大学', '南大', 'prev')).toBe(false);
		expect(at('湖南大学', '南大', 'prev')).toBe(false);
		expect(at('江西大学', '西大', 'prev')).toBe(false);
		expect(at('南大门', '南大', 'prev')).toBe(false); // decided: 南大门 is a gate, not the university
		expect(at('沿西大街', '西大', 'prev')).toBe(false);
		expect(at('在南大读博', '南大', 'prev')).toBe(true);
		expect(at('南大毕业', '南大', 'prev')).toBe(true);
		expect(at('中国农科院', '农科院', 'prev')).toBe(false);
		expect(at('到农科院', '农科院', 'prev')).toBe(true);
	});
	it('none: always', () => {
		expect(at('扎根柳州', '柳州', 'none')).toBe(true);
	});
});
