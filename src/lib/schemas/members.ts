// Forms of the 成员 page: the members service checks usernames, roles and panels and says which.
import * as v from 'valibot';
import { list, text } from './form';

export const addMemberForm = v.object({
	username: text('用户名', { trim: false }),
	name: text('姓名', { trim: false }),
	role: text('角色', { trim: false }),
	unit: text('工作单位', { trim: false }),
	/** panel ids ticked */
	panel: list('评审组', 200)
});

export const memberPanelsForm = v.object({
	userId: text('成员', { trim: false }),
	chair: list('任组长的评审组', 200),
	seat: list('所在评审组', 200)
});

export const removeMemberForm = v.object({
	userId: text('成员', { trim: false }),
	reason: text('理由', { trim: false, max: 500 })
});

export const memberForm = v.object({ userId: text('成员', { trim: false }) });
