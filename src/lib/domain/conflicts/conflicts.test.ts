import { describe, expect, it } from 'vitest';
import { detectConflicts, detectConflictsNaive, type CandidateProfile, type ExpertProfile } from './';

const expert = (p: Partial<ExpertProfile> & { id: string }): ExpertProfile => ({ unit: '', formerUnits: [], ...p });
const cand = (p: Partial<CandidateProfile> & { id: string }): CandidateProfile => ({
	name: '某人',
	unitAndTitle: '',
	careerUnits: [],
	channel: '某某学会',
	...p
});

describe('detectConflicts rules', () => {
	it('same current unit, also across a sub-unit and the unit part of 单位及职务', () => {
		const out = detectConflicts(
			[expert({ id: 'E1', unit: '广西大学' })],
			[
				cand({ id: 'C1', unitAndTitle: '广西大学农学院 教授、院长' }),
				cand({ id: 'C2', unitAndTitle: '广西民族大学 教授' })
			]
		);
		expect(out).toEqual([
			{
				expert: 'E1',
				candidate: 'C1',
				kind: 'same_unit',
				severity: 'conflict',
				reason: '专家现工作单位“广西大学”与候选人现工作单位“广西大学农学院”存在隶属关系'
			}
		]);
	});

	it('former units both ways, but a career row for the current job is not "former"', () => {
		const out = detectConflicts(
			[expert({ id: 'E1', unit: '广西农业科学院', formerUnits: ['南宁市第一人民医院'] })],
			[
				cand({
					id: 'C1',
					unitAndTitle: '广西大学 教授',
					careerUnits: ['广西壮族自治区农业科学院甘蔗研究所', '广西大学']
				}),
				cand({ id: 'C2', unitAndTitle: '南宁市第一人民医院 主任医师', careerUnits: ['南宁市第一人民医院'] }),
				cand({ id: 'C3', unitAndTitle: '南宁市第二人民医院 主任医师' })
			]
		);
		expect(out.map((c) => [c.candidate, c.kind, c.reason])).toEqual([
			[
				'C1',
				'former_unit',
				'专家现工作单位“广西农业科学院”与候选人曾任职单位“广西壮族自治区农业科学院甘蔗研究所”存在隶属关系'
			],
			['C2', 'former_unit', '专家曾工作单位“南宁市第一人民医院”与候选人现工作单位“南宁市第一人民医院”相同']
		]);
	});

	it('nominating body: the channel itself or, for a region, its 科协', () => {
		const out = detectConflicts(
			[
				expert({ id: 'E1', unit: '广西大学农学院' }),
				expert({ id: 'E2', unit: '南宁市科学技术协会' }),
				expert({ id: 'E3', unit: '南宁市第一人民医院' })
			],
			[
				cand({ id: 'C1', channel: '广西大学', unitAndTitle: '广西大学 教授' }),
				cand({ id: 'C2', channel: '南宁市', unitAndTitle: '南宁市第二中学 教师' })
			]
		);
		expect(out.map((c) => `${c.expert}/${c.candidate}/${c.kind}`)).toEqual([
			'E1/C1/same_unit',
			'E1/C1/nominating_body',
			'E2/C2/nominating_body'
		]);
		expect(out[1].reason).toBe('专家现工作单位“广西大学农学院”与候选人的推荐单位“广西大学”存在隶属关系');
	});

	it('same school is a warning', () => {
		const out = detectConflicts(
			[expert({ id: 'E1', unit: 'X研究院', school: '浙江大学' })],
			[cand({ id: 'C1', school: '浙江大学 ' })]
		);
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({ kind: 'same_school', severity: 'warning' });
	});

	it('declared units and people, without naming them in the reason', () => {
		const out = detectConflicts(
			[
				expert({
					id: 'E1',
					unit: 'X研究院',
					declaredUnits: ['柳州钢铁集团有限公司'],
					declaredPeople: [' 张　伟 ', '李四']
				})
			],
			[
				cand({ id: 'C1', name: '张伟', unitAndTitle: '柳州钢铁集团 高级工程师' }),
				cand({ id: 'C2', name: '张伟华', unitAndTitle: '柳钢集团 高级工程师' })
			]
		);
		expect(out.map((c) => `${c.candidate}/${c.kind}`)).toEqual(['C1/declared_unit', 'C1/declared_person']);
		for (const c of out) {
			expect(c.reason).not.toContain('柳州');
			expect(c.reason).not.toContain('张');
		}
	});

	it('one entry per (expert, candidate, kind), sorted by expert, candidate, kind', () => {
		const experts = [
			expert({ id: 'E2', unit: '广西大学', formerUnits: ['广西大学农学院'] }),
			expert({ id: 'E1', unit: '广西大学', school: '广西大学' })
		];
		const candidates = [
			cand({
				id: 'C2',
				unitAndTitle: '广西大学',
				careerUnits: ['广西大学农学院', '广西大学林学院'],
				school: '广西大学',
				channel: '广西大学'
			}),
			cand({ id: 'C1', unitAndTitle: '广西大学' })
		];
		const out = detectConflicts(experts, candidates);
		expect(out.map((c) => `${c.expert}/${c.candidate}/${c.kind}`)).toEqual([
			'E1/C1/same_unit',
			'E1/C2/same_unit',
			'E1/C2/former_unit',
			'E1/C2/nominating_body',
			'E1/C2/same_school',
			'E2/C1/same_unit',
			'E2/C1/former_unit',
			'E2/C2/same_unit',
			'E2/C2/former_unit',
			'E2/C2/nominating_body'
		]);
		// The reason is the best match: a 'same' relation before a 'parent' one.
		expect(out.find((c) => c.expert === 'E2' && c.candidate === 'C2' && c.kind === 'former_unit')!.reason).toContain(
			'相同'
		);
	});

	it('ignores empty units', () => {
		expect(detectConflicts([expert({ id: 'E1', unit: '' })], [cand({ id: 'C1', unitAndTitle: '' })])).toEqual([]);
	});
});

describe('indexed detection equals the all-pairs reference', () => {
	it('on random profiles', () => {
		let seed = 7;
		const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
		const orgs = [
			'广西大学',
			'广西民族大学',
			'广西农业科学院',
			'南宁市第一人民医院',
			'柳州钢铁集团有限公司',
			'中国科学院',
			'广西医科大学'
		];
		const subs = ['', '农学院', '第一附属医院', '甘蔗研究所', '技术中心', '大学'];
		const unit = () => (rnd(4) === 0 ? '广西壮族自治区' : '') + orgs[rnd(orgs.length)] + subs[rnd(subs.length)];
		const experts = Array.from({ length: 40 }, (_, i) =>
			expert({
				id: `E${i}`,
				unit: unit(),
				formerUnits: [unit()],
				school: orgs[rnd(orgs.length)],
				declaredUnits: rnd(3) ? [] : [unit()],
				declaredPeople: [`人${rnd(30)}`]
			})
		);
		const candidates = Array.from({ length: 60 }, (_, i) =>
			cand({
				id: `C${i}`,
				name: `人${rnd(30)}`,
				unitAndTitle: unit() + ' 教授',
				careerUnits: [unit(), unit()],
				school: orgs[rnd(orgs.length)],
				channel: rnd(2) ? orgs[rnd(orgs.length)] : '南宁市'
			})
		);
		const fast = detectConflicts(experts, candidates);
		expect(fast.length).toBeGreaterThan(50);
		expect(fast).toEqual(detectConflictsNaive(experts, candidates));
	});
});
