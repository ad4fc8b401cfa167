// The one "same person" rule (match.ts) and its three callers at the edges: the CSV row checks,
// the eligibility check's DUPLICATE_CANDIDATE, and the import's matching (the hand-entry refusal
// is tested on a database in tests/server/candidate-edit.test.ts).
import { describe, expect, it } from 'vitest';
import { matchRecords, nomineeKey, personKey, samePerson, unitKey } from './match';
import { checkCampaign } from './eligibility';
import { HEADER, KNOWN, parse, sheet } from '../../../../tests/support/nomination-csv';
import { cand as nominee, jincheng } from '../../../../tests/support/eligibility';
import type { CandidateRecord } from '../types';

const who = (name: string, birth = '1980-05', channel = '南宁市') => ({ name, birth, channel });

describe('samePerson', () => {
	it('folds full-width letters, spaces and the middle dot of minority names', () => {
		expect(samePerson(who('王　芳'), who('王 芳'))).toBe(true);
		expect(samePerson(who('王 芳'), who('王芳'))).toBe(true);
		expect(samePerson(who('ＡＬＩＭ'), who('alim'))).toBe(true);
		const dots = ['阿不都·热合曼', '阿不都•热合曼', '阿不都・热合曼', '阿不都･热合曼', '阿不都.热合曼', '阿不都热合曼'];
		for (const d of dots) expect(samePerson(who(d), who('阿不都·热合曼'))).toBe(true);
		expect(samePerson(who('王芳'), who('王方'))).toBe(false);
	});

	it('compares 推荐单位 without spaces and bracket width', () => {
		expect(unitKey('广西科协（区直）')).toBe(unitKey('广西科协 (区直)'));
		expect(samePerson(who('王芳', '1980-05', '广西科协（区直）'), who('王芳', '1980-05', '广西科协(区直)'))).toBe(true);
		expect(samePerson(who('王芳', '1980-05', '南宁市'), who('王芳', '1980-05', '柳州市'))).toBe(false);
	});

	it('compares 出生年月 to the month, whatever its writing', () => {
		for (const b of ['1980.05', '1980年5月', '1980-05-12', '198005', '1980/5/31'])
			expect(samePerson(who('王芳', b), who('王芳', '1980-05'))).toBe(true);
		expect(samePerson(who('王芳', '1980-06'), who('王芳', '1980-05'))).toBe(false);
		expect(samePerson(who('王芳', '1981-05'), who('王芳', '1980-05'))).toBe(false);
	});

	it('makes nobody the same person without a name or a birth', () => {
		expect(personKey({ name: '王芳', birth: '' })).toBeNull();
		expect(nomineeKey(who('  ', '1980-05'))).toBeNull();
		expect(samePerson(who('王芳', ''), who('王芳', ''))).toBe(false);
		expect(samePerson(who('', '1980-05'), who('', '1980-05'))).toBe(false);
	});
});

describe('matchRecords with the normalised keys', () => {
	it('updates the stored nomination written with another dot or bracket width', () => {
		const stored = [who('阿不都·热合曼', '1980-05', '广西科协（区直）'), who('王芳', '1975-01')];
		expect(matchRecords(stored, [who('阿不都・热合曼', '1980-05', '广西科协(区直)')])).toEqual([0]);
		// A day added to the birth is still a correction of the one nomination (rule 2).
		expect(matchRecords(stored, [who('阿不都热合曼', '1980-05-12', '广西科协（区直）')])).toEqual([0]);
		expect(matchRecords(stored, [who('阿不都热合曼', '1980-05', '南宁市')])).toEqual([null]);
	});
});

describe('nomination CSV: the same person twice in one file', () => {
	const row = (seq: string, name: string, birth: string, channel = '南宁市') => [
		seq,
		name,
		'男',
		'维吾尔族',
		'群众',
		birth,
		'广西大学 教授',
		'前沿',
		channel
	];

	it('refuses a repeated row whose name differs only by the middle dot', () => {
		const r = parse(sheet([HEADER, row('1', '阿不都·热合曼', '1980.05'), row('2', '阿不都•热合曼', '1980-05')]));
		expect(r.rows).toHaveLength(1);
		expect(r.errors).toEqual([{ row: 3, column: '姓名', message: expect.stringContaining('与第2行重复') }]);
	});

	it('imports both rows of one person born on two days of a month, and warns', () => {
		const r = parse(sheet([HEADER, row('1', '阿不都·热合曼', '1980-05-01'), row('2', '阿不都热合曼', '1980-05-12')]));
		expect(r.errors).toEqual([]);
		expect(r.rows).toHaveLength(2);
		expect(r.warnings).toEqual([
			{ row: 3, column: '姓名', message: expect.stringContaining('与第2行推荐单位、姓名相同，出生年月仅日期不同') }
		]);
	});

	it('warns when two channels send one person, births written to the month and to the day', () => {
		const r = parse(sheet([HEADER, row('1', '王芳', '1980.05'), row('2', '王芳', '1980-05-12', '柳州市')]), {
			knownChannels: KNOWN
		});
		expect(r.errors).toEqual([]);
		expect(r.warnings).toEqual([
			{ row: 3, column: '姓名', message: expect.stringContaining('与第2行姓名、出生年月相同') }
		]);
	});

	it('says nothing of namesakes born in other months', () => {
		const r = parse(sheet([HEADER, row('1', '王芳', '1980.05'), row('2', '王芳', '1980.06', '柳州市')]));
		expect(r.errors).toEqual([]);
		expect(r.warnings).toEqual([]);
	});
});

describe('DUPLICATE_CANDIDATE with the normalised keys', () => {
	const cand = (over: Partial<CandidateRecord>) => nominee({ name: '王芳', ...over });
	const dups = (records: CandidateRecord[]) => {
		const r = checkCampaign(jincheng, records);
		return {
			errors: r.errors.filter((i) => i.code === 'DUPLICATE_CANDIDATE'),
			warnings: r.warnings.filter((i) => i.code === 'DUPLICATE_CANDIDATE'),
			count: r.channels.find((c) => c.name === '城区')?.count
		};
	};

	it('reports one channel naming a minority nominee twice with two dots, both spellings named', () => {
		const r = dups([cand({ name: '阿不都·热合曼' }), cand({ name: '阿不都・热合曼', birth: '1970.01' })]);
		expect(r.errors.map((i) => i.message)).toEqual([
			'城区 重复推荐 阿不都·热合曼：同一推荐单位中出现 2 次（姓名写法不同（阿不都·热合曼、阿不都・热合曼），出生年月同月（1970-01、1970.01）），请删除重复的一条或更正出生年月'
		]);
		expect(r.count).toBe(1);
	});

	it('groups a new channel written with both bracket widths as one 推荐单位', () => {
		const ch = (channel: string) => cand({ channel, channelType: '学会' });
		const r = dups([ch('晋城市某学会（新）'), ch('晋城市某学会(新)')]);
		expect(r.errors).toHaveLength(1);
		expect(r.warnings).toEqual([]);
	});

	it('does not make two rows without a birth duplicates', () => {
		const r = dups([cand({ birth: '' }), cand({ birth: '' })]);
		expect(r.errors).toEqual([]);
		expect(r.warnings).toEqual([]);
	});

	it('keeps namesakes of other months apart', () => {
		const r = dups([cand({}), cand({ birth: '1970-02' })]);
		expect(r.errors).toEqual([]);
		expect(r.count).toBe(2);
	});
});
