// Forms of signing in, the own account and creating a campaign.
import * as v from 'valibot';
import { text } from './form';

/** 登录: both fields filled in; which of the two was wrong is never said (the action's concern). */
export const loginForm = v.pipe(
	v.object({ username: text('用户名'), password: text('密码', { trim: false }) }),
	v.check((f) => f.username !== '' && f.password !== '', '请输入用户名和密码')
);

/** 修改密码: the new one typed twice; its strength is the accounts service's rule. */
export const passwordForm = v.pipe(
	v.object({
		current: text('当前密码', { trim: false }),
		next: text('新密码', { trim: false }),
		confirm: text('确认新密码', { trim: false })
	}),
	v.forward(
		v.check((f) => f.next === f.confirm, '两次输入的新密码不一致'),
		['confirm']
	)
);

/** 设置密码 from an invitation link (fields `password` and `confirm`, CONTRACTS.md "Web"). */
export const invitationForm = v.pipe(
	v.object({
		password: text('密码', { trim: false }),
		confirm: text('确认密码', { trim: false })
	}),
	v.forward(
		v.check((f) => f.password === f.confirm, '两次输入的密码不一致'),
		['confirm']
	)
);

/** 新建活动 from a preset; the preset id is checked against the list by the campaigns service. */
export const newCampaignForm = v.object({
	preset: v.pipe(text('活动预设', { trim: false }), v.nonEmpty('请选择一个活动预设')),
	name: text('活动名称')
});

/** 复制往年活动: the dates are checked by the campaigns service (it names the one in the way). */
export const copyCampaignForm = v.object({
	from: text('往年活动', { max: 200 }),
	name: text('活动名称', { max: 200 }),
	referenceDate: text('年龄计算基准日', { max: 200 }),
	youthBornOnOrAfter: text('青年出生日期下限', { max: 200 }),
	deadline: text('推荐截止日期', { max: 200 })
});
