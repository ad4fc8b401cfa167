// Forms of the 分配 and 评审组 pages. The pair rules themselves (conflicts, loads, panels) are the
// assignment service's; these check what was typed.
import * as v from 'valibot';
import { choice, flag, integer, optionalInteger, text } from './form';

const kMessage = '每份材料的评审人数“{value}”应为 1–50 的整数';

/** 生成分配方案: the reviews per dossier are asked only in the distributed mode. */
export const proposeForm = v.object({
	mode: choice('分配方式', ['distributed', 'panel'], 'distributed'),
	k: text('每份材料的评审人数', { max: 20 }),
	borrow: flag()
});

/** The number of reviews per dossier of a distributed or randomized assignment. */
export const reviewsPerDossier = integer('每份材料的评审人数', { min: 1, max: 50, message: kMessage });

/** 随机化分配: k as above, the cap q with at most three decimals (0 < q ≤ 1), a public seed. */
export const proposeRandomForm = v.object({
	k: reviewsPerDossier,
	q: v.pipe(
		text('概率上限', { max: 20 }),
		v.rawTransform(({ dataset, addIssue, NEVER }) => {
			const s = dataset.value;
			const q = Number(s);
			if (/^(0?\.\d{1,3}|1(\.0*)?)$/.test(s) && q > 0 && q <= 1) return q;
			addIssue({ message: `概率上限“${s}”应为 0 到 1 之间、最多三位小数的数，如 0.5` });
			return NEVER;
		})
	),
	seed: text('随机种子')
});

/** 添加 / 移除 / 调整 one pair: the reason is kept in the audit log. */
export const pairForm = v.object({
	candidateId: text('材料'),
	addExpertId: text('要添加的专家'),
	removeExpertId: text('要移除的专家'),
	fromExpertId: text('原专家'),
	toExpertId: text('新专家'),
	reason: text('理由', { max: 500 })
});

/** 评审组 forms: ids from the page's lists; the panels service refuses unknown ones. */
export const panelForm = v.object({
	panelId: text('评审组'),
	name: text('组名'),
	field: text('领域'),
	chairUserId: text('组长'),
	expertId: text('专家')
});

/** 随机抽取评审组: 1–50 drawn, 0–50 alternates (default 0); an empty 同一单位最多人数 means no limit. */
export const drawForm = v.object({
	field: text('领域'),
	size: integer('抽取人数', { min: 1, max: 50, message: '抽取人数应为 1–50 的整数' }),
	alternates: optionalInteger('备选人数', 0, { max: 50, message: '备选人数应为 0–50 的整数' }),
	maxPerUnit: optionalInteger('同一单位最多人数', null, {
		min: 1,
		max: 50,
		message: '同一单位最多人数应为 1–50 的整数'
	}),
	seed: text('随机种子')
});
