// Chinese labels of round settings (client-safe); re-exported by shared/labels.
export const ROUND_STATE_LABELS: Record<string, string> = { draft: '未开始', open: '进行中', closed: '已结束' };
export const ROUND_TYPE_LABELS: Record<'score' | 'vote', string> = { score: '评分', vote: '投票' };
export const REVIEWERS_LABELS: Record<string, string> = {
	assigned: '按分配方案',
	panel: '本领域评审组全体',
	all: '全体专家'
};
export const AGGREGATION_LABELS: Record<string, string> = {
	mean: '平均分',
	trimmedMean: '去掉最高最低分后的平均分',
	median: '中位数',
	calibrated: '校准分'
};

// The expert's desk: the state of one task and the three vote choices.
export type TaskStatus = 'submitted' | 'draft' | 'not_started' | 'rescore';

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
	submitted: '已提交',
	draft: '草稿',
	not_started: '未开始',
	rescore: '待重评'
};

export const CHOICE_LABELS: Record<string, string> = { yes: '赞成', no: '反对', abstain: '弃权' };
