// The campaign navigation per role. Showing a link grants nothing: each page authorizes itself.
import type { Role } from '../domain/types';

export interface NavItem {
	href: string;
	label: string;
}

/** `reviews`: a chair who also scores as an expert (a roster entry of their own) gets the desk links. */
export function campaignNav(campaignId: string, role: Role, reviews = false): NavItem[] {
	const base = `/c/${campaignId}`;
	switch (role) {
		case 'organizer':
			return [
				{ href: `${base}/overview`, label: '活动概览' },
				{ href: `${base}/candidates`, label: '候选人' },
				{ href: `${base}/import`, label: '导入' },
				{ href: `${base}/check`, label: '资格审查' },
				{ href: `${base}/experts`, label: '专家' },
				{ href: `${base}/members`, label: '成员' },
				{ href: `${base}/panels`, label: '评审组' },
				{ href: `${base}/conflicts`, label: '回避' },
				{ href: `${base}/assignment`, label: '分配' },
				{ href: `${base}/panel`, label: '评审轮次' },
				{ href: `${base}/selection`, label: '遴选' },
				{ href: `${base}/notice`, label: '公示' },
				{ href: `${base}/charts`, label: '图表' },
				{ href: `${base}/audit`, label: '日志' },
				{ href: `${base}/settings`, label: '设置' }
			];
		case 'chair':
			return [
				{ href: `${base}/panel`, label: '评审组概览' },
				{ href: `${base}/panels`, label: '评审组' },
				{ href: `${base}/conflicts`, label: '回避审查' },
				{ href: `${base}/assignment`, label: '评审分配' },
				{ href: `${base}/selection`, label: '遴选结果' },
				{ href: `${base}/charts`, label: '图表' },
				...(reviews
					? [
							{ href: `${base}/tasks`, label: '我的评审任务' },
							{ href: `${base}/declare`, label: '利益冲突申报' }
						]
					: [])
			];
		case 'expert':
			return [
				{ href: `${base}/tasks`, label: '我的评审任务' },
				{ href: `${base}/declare`, label: '利益冲突申报' }
			];
		case 'observer':
			// 纪检监察 reads; every page it reaches refuses every action.
			return [
				{ href: `${base}/progress`, label: '评审进度' },
				{ href: `${base}/audit`, label: '操作日志' },
				{ href: `${base}/final`, label: '最终名单' }
			];
	}
}
