import { describe, it, expect } from 'vitest';
import { deadlineMail, invitationMail, reminderMail, rescoreMail } from './text';

const at = Date.parse('2024-06-30T09:00:00Z'); // 17:00 in Beijing

describe('mail texts', () => {
	it('invitation: the link, the username and the expiry in Beijing time', () => {
		const m = invitationMail({
			name: '王芳',
			campaign: '2024年最美',
			username: 'wangfang',
			link: 'http://x/invite/abc',
			expiresAt: at
		});
		expect(m.text).toContain('http://x/invite/abc');
		expect(m.text).toContain('wangfang');
		expect(m.text).toContain('2024-06-30 17:00');
		expect(m.subject).toContain('邀请');
	});
	it('reminder: counts and link, the deadline in Beijing time when there is one', () => {
		const m = reminderMail({
			name: '王芳',
			campaign: 'C',
			round: '初评',
			unfinished: 3,
			total: 10,
			link: 'http://x/c/1/tasks',
			deadline: at
		});
		expect(m.subject).toContain('3 份未提交');
		expect(m.text).toContain('10 份评审材料，尚有 3 份未提交');
		expect(m.text).toContain('北京时间 2024-06-30 17:00');
		expect(
			reminderMail({ name: 'a', campaign: 'C', round: '初评', unfinished: 1, total: 1, link: 'l', deadline: null }).text
		).not.toContain('截止');
	});
	it('deadline notice names the deadline', () => {
		const m = deadlineMail({
			name: '王芳',
			campaign: 'C',
			round: '复评',
			unfinished: 2,
			total: 5,
			link: 'l',
			deadline: at
		});
		expect(m.subject).toBe('【C】复评将于 2024-06-30 17:00 截止');
		expect(m.text).toContain('尚有 2 份未提交');
	});
	it("rescore: who asked and the review code, not the chair's free text", () => {
		const m = rescoreMail({
			name: '王芳',
			campaign: 'C',
			round: '初评',
			code: 'QY-007',
			askedBy: '李明',
			link: 'l',
			at
		});
		expect(m.text).toContain('评审组长李明');
		expect(m.text).toContain('QY-007');
		expect(m.subject).toContain('QY-007');
	});
});
