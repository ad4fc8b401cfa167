import { describe, it, expect } from 'vitest';
import { formPath, parseConfigForm, parseDraft } from './settings';
import {
	draftFromConfig,
	draftFromValues,
	emptyChannel,
	emptyTarget,
	emptyTier,
	formValuesFrom,
	inputId,
	type FormValues,
	type SettingsDraft
} from '../domain/notice/config-draft';
import { draftToValues } from '../../../tests/support/settings-form';
import { MODIFIED_NOTE, type AnnotatedRuleSource } from '../domain/notice/rule-sources';
import { PRESET_IDS, presetConfig } from '../domain/notice/presets';
import type { CampaignConfig } from '../domain/types';

const NAME = '2023年“晋城最美科技工作者”学习宣传活动';

/** What the browser would post for the draft, through the URLSearchParams abstraction. */
function submit(d: SettingsDraft): FormValues {
	return formValuesFrom(draftToValues(d));
}

function edit(config: CampaignConfig, change: (d: SettingsDraft) => void, opts = {}) {
	const d = draftFromConfig(config, NAME);
	change(d);
	return parseConfigForm(submit(d), config, opts);
}

function ok(r: ReturnType<typeof parseConfigForm>): CampaignConfig {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.config;
}

function errorsOf(r: ReturnType<typeof parseConfigForm>) {
	if (r.ok) throw new Error('expected errors');
	return r.errors;
}

describe('round trip: config → form values → parse', () => {
	for (const id of PRESET_IDS) {
		it(`gives back the ${id} preset unchanged`, () => {
			const config = presetConfig(id);
			const r = parseConfigForm(submit(draftFromConfig(config, NAME)), config);
			expect(ok(r)).toEqual(config);
			expect(r.ok && r.name).toBe(NAME);
			// No rule was changed, so no source carries a note.
			expect(JSON.stringify(ok(r))).not.toContain(MODIFIED_NOTE);
		});
	}
	it('reads FormData, URLSearchParams and Map alike', () => {
		const config = presetConfig('qinghai-2023');
		const params = draftToValues(draftFromConfig(config, NAME));
		const fd = new FormData();
		const map = new Map<string, string[]>();
		for (const [k, v] of params) {
			fd.append(k, v);
			map.set(k, [...(map.get(k) ?? []), v]);
		}
		expect(formValuesFrom(fd)).toEqual(formValuesFrom(params));
		expect(formValuesFrom(map)).toEqual(formValuesFrom(params));
		expect(draftFromValues(formValuesFrom(fd))).toEqual(draftFromConfig(config, NAME));
	});
	it('keeps config keys the form does not show', () => {
		const config = { ...presetConfig('jincheng-2023'), rounds: [{ name: '初评' }] } as CampaignConfig;
		expect(ok(edit(config, () => {}))).toHaveProperty('rounds', [{ name: '初评' }]);
	});
});

describe('bad input is refused with the path of its input', () => {
	const config = presetConfig('jincheng-2023'); // 地区 0–10, then 学会 0–2 …
	it('names non-numbers and negatives', () => {
		const errors = errorsOf(
			edit(config, (d) => {
				d.channelQuotas[0].max = '十';
				d.channelQuotas[1].minYouth = '-1';
				d.textLimits.story = '1000.5';
				d.youthAge = '';
				d.tiers[0].size = 'abc';
				d.rubric[1].max = 'x';
			})
		);
		const paths = errors.map((e) => e.path);
		expect(paths).toEqual(
			expect.arrayContaining([
				'channelQuotas[0].max',
				'channelQuotas[1].minYouth',
				'textLimits.story',
				'youthAge',
				'tiers[0].size',
				'rubric[1].max'
			])
		);
		expect(errors.find((e) => e.path === 'channelQuotas[0].max')!.message).toContain('“十”');
		// One message per input: the shared validation does not repeat a parse error.
		expect(paths.filter((p) => p === 'youthAge')).toHaveLength(1);
	});
	it('refuses min > max on the row of that channel type', () => {
		const errors = errorsOf(edit(config, (d) => (d.channelQuotas[1].min = '3')));
		expect(errors).toEqual([{ path: 'channelQuotas[1]', message: '学会的最少名额 3 大于最多名额 2' }]);
	});
	it('reads full-width digits and percent signs', () => {
		const c = ok(edit(config, (d) => ((d.channelQuotas[0].max = '１２'), (d.youthShareMin = '25%'))));
		expect(c.channelQuotas[0].max).toBe(12);
		expect(c.youthShareMin).toBe(0.25);
	});
	it('maps validation paths of later items onto their form rows when blank rows are skipped', () => {
		const r = edit(config, (d) => {
			d.channels.splice(1, 0, emptyChannel()); // a blank row stays blank and is skipped
			d.channels[3].name = d.channels[2].name; // duplicate in form row 3 = config item 2
		});
		expect(errorsOf(r)).toEqual([expect.objectContaining({ path: 'channels[3].name' })]);
		expect(
			formPath('channels[2].name', { channelQuotas: [], channels: [0, 2, 3], tiers: [], targets: [], rubric: [] })
		).toBe('channels[3].name');
	});
	it('catches what validateConfig does not: tiers, targets, rubric keys, channel overrides', () => {
		const errors = errorsOf(
			edit(config, (d) => {
				d.tiers.push({ name: '最美科技工作者', size: '3', subsetOf: '' });
				d.targets.push({ ...emptyTarget(), kind: 'atMostChannel', ref: '不存在的渠道', count: '2' });
				d.targets.push({ ...emptyTarget(), count: '2' });
				d.rubric[2].key = 'merit';
				d.channels[0].min = '5';
				d.channels[0].max = '2';
				d.name = ' ';
				d.hosts = '\n';
			})
		);
		const at = (p: string) => errors.filter((e) => e.path === p).map((e) => e.message);
		expect(at('tiers[3].name')).toEqual(['称号“最美科技工作者”重复']);
		expect(at(`targets[${config.targets.length}].ref`)[0]).toContain('不在渠道列表中');
		expect(at(`targets[${config.targets.length + 1}].kind`)).toEqual(['请选择目标类型']);
		expect(at('rubric[2].key')[0]).toContain('重复');
		expect(at('channels[0].max')[0]).toContain('大于最多名额');
		expect(at('name')).toEqual(['请填写活动名称']);
		expect(at('hosts')).toHaveLength(1);
	});
	it('refuses fields of the other classification', () => {
		const errors = errorsOf(edit(config, (d) => (d.classification = 'group')));
		expect(errors[0].path).toBe('fields');
		expect(errors[0].message).toContain('不属于推荐组别');
	});
});

describe('rows', () => {
	const config = presetConfig('hengshui-2022');
	it('adds and removes channels, tiers and targets; blank rows are ignored', () => {
		const c = ok(
			edit(config, (d) => {
				d.channels.push({ ...emptyChannel(), name: '衡水市医学会', type: '学会', max: '2' }, emptyChannel());
				d.channels.splice(0, 1);
				d.tiers.push({ ...emptyTier(), name: '优秀科技工作者', size: '10' }, emptyTier());
				d.targets.push({ ...emptyTarget(), kind: 'woman', share: '30' }, emptyTarget());
			})
		);
		expect(c.channels.at(-1)).toEqual({ name: '衡水市医学会', type: '学会', max: 2 });
		expect(c.channels).toHaveLength(config.channels.length);
		expect(c.tiers.at(-1)).toEqual({ name: '优秀科技工作者', size: 10 });
		expect(c.targets.at(-1)).toEqual({ kind: 'atLeast', group: 'woman', share: 0.3, label: '女性科技工作者不少于30%' });
	});
	it('enables a channel type the notice did not list, and drops one', () => {
		const c = ok(
			edit(config, (d) => {
				const defence = d.channelQuotas.find((q) => q.type === '军工')!;
				Object.assign(defence, { enabled: true, max: '1' });
				d.channelQuotas[2].enabled = false; // 高校
			})
		);
		expect(c.channelQuotas.map((q) => q.type)).toEqual(['地区', '学会', '军工']);
		expect(c.channelQuotas[2]).toEqual({ type: '军工', min: 0, max: 1, minYouth: 0 });
	});
	it('updates automatic target labels with the numbers, keeps custom ones', () => {
		// presets carry no targets (no notice sets one for the final list): two the office set
		const withTargets = {
			...config,
			targets: [
				{ kind: 'atLeast' as const, group: 'youth' as const, share: 0.2, label: '45岁以下青年科技工作者不少于20%' },
				{ kind: 'atLeast' as const, group: 'grassroots' as const, count: 4, label: '基层一线科技工作者不少于4名' }
			]
		};
		const c = ok(
			edit(withTargets, (d) => {
				d.targets[0].share = '25';
				d.targets[1].label = '突出基层一线';
			})
		);
		expect(c.targets[0].label).toBe('45岁以下青年科技工作者不少于25%');
		expect(c.targets[1].label).toBe('突出基层一线');
	});
});

describe('rule sources', () => {
	const config = presetConfig('jincheng-2023');
	it('keeps the quotation and notes a changed number', () => {
		const c = ok(edit(config, (d) => (d.channelQuotas[0].max = '12')));
		const s = c.channelQuotas[0].source as AnnotatedRuleSource;
		expect(s.clause).toBe(config.channelQuotas[0].source!.clause);
		expect(s.document).toBe(config.channelQuotas[0].source!.document);
		expect(s.note).toBe(MODIFIED_NOTE);
		expect((c.channelQuotas[1].source as AnnotatedRuleSource).note).toBeUndefined();
		// Saved again unchanged: the note stays; set back to the notice's number: it goes.
		expect((ok(edit(c, () => {})).channelQuotas[0].source as AnnotatedRuleSource).note).toBe(MODIFIED_NOTE);
		expect(ok(edit(c, (d) => (d.channelQuotas[0].max = '10')))).toEqual(config);
	});
	it('notes youth, exclusion, prior-title and text-limit changes', () => {
		const c = ok(
			edit(config, (d) => {
				d.youthShareMin = '30';
				d.excludedCategories += '\n离退休';
				d.priorTitleBlocks = false;
				d.textLimits.deeds = '2000';
			})
		);
		for (const s of [c.youthShareSource, c.excludedSource, c.priorTitleSource, c.textLimitsSource])
			expect((s as AnnotatedRuleSource).note).toBe(MODIFIED_NOTE);
		expect(c.channelsSource).toEqual(config.channelsSource);
	});
});

describe('once review has started', () => {
	const config = presetConfig('neimenggu-2023');
	it('keeps fields and rubric when the form does not send them, and saves the rest', () => {
		const d = draftFromConfig(config, NAME);
		d.classification = '';
		d.fields = [];
		d.rubric = [];
		d.publicNoticeWorkdays = '7';
		const c = ok(parseDraft(d, config, { locked: true }));
		expect(c.fields).toEqual(config.fields);
		expect(c.rubric).toEqual(config.rubric);
		expect(c.publicNoticeWorkdays).toBe(7);
	});
	it('refuses a changed field list or rubric sent anyway', () => {
		const errors = errorsOf(edit(config, (d) => ((d.fields = ['前沿']), (d.rubric[0].max = '50')), { locked: true }));
		expect(errors.map((e) => e.path).sort()).toEqual(['fields', 'rubric']);
	});
	it('accepts them unchanged', () => {
		expect(ok(edit(config, () => {}, { locked: true }))).toEqual(config);
	});
});

it('derives DOM ids from paths', () => {
	expect(inputId('channelQuotas[2].max')).toBe('f-channelQuotas-2-max');
	expect(inputId('textLimits.deeds')).toBe('f-textLimits-deeds');
});

describe('youth cut-off and deadline (issue 11)', () => {
	const jc = presetConfig('jincheng-2023');
	it('keeps the preset’s intake rules on a save that changes nothing', () => {
		expect(ok(edit(jc, () => {}))).toEqual(jc);
	});
	it('lets the office set the youth cut-off as a birth date, and clear it again', () => {
		const set = ok(edit(jc, (d) => (d.youthBornOnOrAfter = '1978年5月1日')));
		expect(set.intake?.youthBornOnOrAfter).toBe('1978-05-01');
		expect(set.intake?.priorTitles).toEqual(jc.intake?.priorTitles);
		const cleared = ok(edit(set, (d) => (d.youthBornOnOrAfter = '')));
		expect(cleared.intake?.youthBornOnOrAfter).toBeUndefined();
		expect(errorsOf(edit(jc, (d) => (d.youthBornOnOrAfter = '1978-02-30')))).toEqual([
			{ path: 'youthBornOnOrAfter', message: '青年出生日期界限“1978-02-30”不是有效日期（应为 YYYY-MM-DD）' }
		]);
	});
	it('moves the deadline with a note, back to the notice without one, and removes it when emptied', () => {
		const moved = ok(edit(jc, (d) => (d.deadline = '2026-04-20')));
		expect(moved.intake?.deadline).toMatchObject({ date: '2026-04-20', refuse: false });
		expect((moved.intake?.deadline?.source as AnnotatedRuleSource).note).toBe(MODIFIED_NOTE);
		const back = ok(edit(moved, (d) => (d.deadline = '2023-04-20')));
		expect(back.intake?.deadline).toEqual(jc.intake?.deadline);
		expect(ok(edit(jc, (d) => (d.deadline = ''))).intake?.deadline).toBeUndefined();
		const hs = presetConfig('hengshui-2022');
		expect(ok(edit(hs, (d) => (d.deadline = '2026-04-20'))).intake?.deadline?.refuse).toBe(true);
	});
});
