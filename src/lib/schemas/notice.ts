// 公示 form: the first day, the contact line, and the days the State Council moved (放假 / 调休上班).
import * as v from 'valibot';
import { addWorkdays, parseDateList } from '../domain/notice/workdays';
import { text } from './form';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD day the workday calendar can count from. */
export function isNoticeDate(s: string | null | undefined): s is string {
	if (!s || !DATE.test(s)) return false;
	try {
		addWorkdays(s, 1);
		return true;
	} catch {
		return false;
	}
}

/** A list of days typed one per line (or separated by commas / spaces); `what` names the list. */
const dateList = (what: string) =>
	v.pipe(
		text(what, { max: 2000 }),
		v.rawTransform(({ dataset, addIssue, NEVER }) => {
			const r = parseDateList(dataset.value);
			if ('dates' in r) return r.dates;
			addIssue({ message: `${what}的日期“${r.error}”无效，应为 YYYY-MM-DD` });
			return NEVER;
		})
	);

export const noticeForm = v.pipe(
	v.object({
		start: v.pipe(
			text('公示开始日期'),
			v.check(
				(s: string) => isNoticeDate(s),
				(issue) => `公示开始日期“${String(issue.input)}”无效，请选择日期`
			)
		),
		contact: text('联系方式', { max: 200 }),
		closed: dateList('另行放假'),
		open: dateList('另行上班')
	}),
	v.check(
		(f) => !f.closed.some((d) => f.open.includes(d)),
		(issue) => {
			const f = issue.input as { closed: string[]; open: string[] };
			return `${f.closed.filter((d) => f.open.includes(d)).join('、')} 不能既放假又上班`;
		}
	)
);
