// The text of the mails Laurel sends (Simplified Chinese, Beijing time). Pure: the callers pass
// what each mail may say. A reminder or deadline notice names no candidate — only counts and the
// link to the expert's own task list — and a rescore request names the review code only, so that a
// mail forwarded or read over a shoulder reveals nothing of the anonymized dossiers.
import { formatBeijing } from '../../shared/time';

export interface MailText {
	subject: string;
	text: string;
}

const FOOTER = '\n\n——\n此邮件由 Laurel 评审系统自动发送，请勿直接回复。';

export function invitationMail(p: {
	name: string;
	campaign: string;
	username: string;
	link: string;
	expiresAt: number;
}): MailText {
	return {
		subject: `【${p.campaign}】评审专家账户邀请`,
		text:
			`${p.name}：\n\n` +
			`您好！您已被邀请担任“${p.campaign}”的评审专家。\n` +
			`请打开下面的一次性链接设置密码（北京时间 ${formatBeijing(p.expiresAt)} 前有效，只能使用一次）：\n\n` +
			`${p.link}\n\n` +
			`您的用户名：${p.username}\n` +
			`设置密码后即可登录，查看分配给您的评审材料。` +
			FOOTER
	};
}

export function reminderMail(p: {
	name: string;
	campaign: string;
	round: string;
	unfinished: number;
	total: number;
	link: string;
	deadline: number | null;
}): MailText {
	const due = p.deadline === null ? '' : `本轮截止时间为北京时间 ${formatBeijing(p.deadline)}。`;
	return {
		subject: `【${p.campaign}】${p.round}评审提醒：尚有 ${p.unfinished} 份未提交`,
		text:
			`${p.name}：\n\n` +
			`您好！“${p.round}”中分配给您的 ${p.total} 份评审材料，尚有 ${p.unfinished} 份未提交。${due}\n` +
			`请登录后在“我的评审任务”中继续评审：\n\n${p.link}` +
			FOOTER
	};
}

export function deadlineMail(p: {
	name: string;
	campaign: string;
	round: string;
	unfinished: number;
	total: number;
	link: string;
	deadline: number;
}): MailText {
	return {
		subject: `【${p.campaign}】${p.round}将于 ${formatBeijing(p.deadline)} 截止`,
		text:
			`${p.name}：\n\n` +
			`您好！“${p.round}”将于北京时间 ${formatBeijing(p.deadline)} 截止，截止后不能再提交评分。\n` +
			`分配给您的 ${p.total} 份评审材料中，尚有 ${p.unfinished} 份未提交。\n` +
			`请在截止前登录，在“我的评审任务”中完成评审：\n\n${p.link}` +
			FOOTER
	};
}

export function rescoreMail(p: {
	name: string;
	campaign: string;
	round: string;
	code: string;
	askedBy: string;
	link: string;
	at: number;
}): MailText {
	return {
		subject: `【${p.campaign}】请重新评审材料 ${p.code}`,
		text:
			`${p.name}：\n\n` +
			`您好！评审组长${p.askedBy}于北京时间 ${formatBeijing(p.at)} 请您重新评审“${p.round}”中的材料 ${p.code}。\n` +
			`您原先提交的评分已保留在记录中；重新提交之前，这份评分不计入排名。组长的说明请登录后在该材料的评分页查看：\n\n${p.link}` +
			FOOTER
	};
}
