// The eligibility and quota check of a campaign's nominations (CONTRACTS.md `check`).
// Pure: a config and the candidate records in, a report out; equal inputs give equal reports.
//
// Severity choices (see docs/SPEC.md “How the notices are read”):
// - QUOTA_SHORT: below a real minimum (广西 “2～3名”, 内蒙古 盟市 “5名”) is an error; below an
//   allocation (青海 “推荐候选人3名”, intake.allocations) or a listed channel that sent nobody is a warning.
// - TEXT_TOO_LONG: 主要事迹 is “1500字左右” (about): ±20 % is tolerated, more than 20 % over is an
//   error and under half is a warning (the length code stands for the lower side too); 感人故事 is
//   “以内” (at most), so any excess is an error; too many awards is a warning.
// - EXCLUDED_CATEGORY: a rank-qualified exclusion (副厅级以上, 县处级以上) against a civil servant
//   whose rank is not stated, or a rank without saying 公务员, is a warning asking to verify.
// - PRIOR_TITLE: “原则上不再推荐” is a warning the office may accept with a reason; “请勿再次推荐”
//   (内蒙古 for its own title) is an error.
// - DUPLICATE_CANDIDATE: the same person (match.ts: 姓名 and 出生年月 to the month, normalised) twice
//   in one channel is an error naming both births; in two channels a warning.
// - Counts per channel count each person once, so a duplicate row does not also trip the quota.
import { ageOn, cutoffText, parseBirth, youthCutoff, youthStatus } from '../age';
import { formatBeijing } from '../../../shared/time';
import { isSelfNomination, matchExcludedCategory, otherProvince, priorTitleHits } from './rules';
import { checklists, fileProblems, type FileMeta } from './files';
import { ABOUT_TOLERANCE, ABOUT_TOO_SHORT, type PriorTitleRule } from '../rules';
import { resolveChannel, sourceText } from './channels';
import { personKey } from '../match';
import { cmp, duplicateIssues, pct, quotaIssues, type Bucket, type PersonRow } from './tallies';
import type { CheckContext, CheckNote, CheckReport } from './report';
import {
	CHANNEL_TYPES,
	FIELD_FULL_NAMES,
	type CampaignConfig,
	type CandidateRecord,
	type CheckIssue
} from '../../types';

export type { ChannelSummary, CheckContext, CheckNote, CheckReport } from './report';

/** Columns an office may add to record when a file was received (the 推荐表 prints 填报日期). */
const RECEIVED_COLUMNS = ['收到日期', '报送日期', '填报日期'];

/** When the nomination was submitted: a received-date column if the office kept one, else when it was recorded. */
function submittedAt(c: CandidateRecord, recorded: number | undefined): { at: number; from: string } | null {
	for (const col of RECEIVED_COLUMNS) {
		const b = parseBirth(c.extra?.[col]);
		if (b?.day)
			return {
				at: Date.parse(
					`${b.year}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}T12:00:00+08:00`
				),
				from: col
			};
	}
	return recorded === undefined ? null : { at: recorded, from: '录入' };
}

export { channelQuotaFor } from './channels';

// ---------- text ----------

/** Characters as the forms count them: Unicode characters, whitespace not counted. */
export function textLength(text: string | null | undefined): number {
	if (!text) return 0;
	// Code points without building an array of them (the check counts 10,000 texts at national
	// scale): a surrogate pair counts once, a lone surrogate once, as Array.from counts them.
	const s = text.replace(/\s+/g, '');
	let n = s.length;
	for (let i = 1; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0xdc00 && c <= 0xdfff && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800) n--;
	}
	return n;
}

// ---------- the check ----------

const FULL_TO_SHORT: Record<string, string> = Object.fromEntries(
	Object.entries(FIELD_FULL_NAMES).map(([short, full]) => [full, short])
);

/** End of the deadline day in Beijing time (“4月20日前”, “3月26日24时前”: the day included). */
function deadlineEnd(date: string): number {
	return Date.parse(`${date}T00:00:00+08:00`) + 86_400_000;
}

/** The prior-title rules of a config: the notice's own, else one built from the old switch. */
function priorTitleRules(config: CampaignConfig): PriorTitleRule[] {
	if (!config.priorTitleBlocks) return [];
	if (config.intake?.priorTitles?.length) return config.intake.priorTitles;
	const source = config.priorTitleSource ?? { document: config.document, clause: '' };
	return [{ titles: '“最美”系列称号或国家级荣誉表彰', severity: 'warning', source }];
}

export function checkCampaign(
	config: CampaignConfig,
	candidates: CandidateRecord[],
	ctx: CheckContext = {}
): CheckReport {
	const errors: CheckIssue[] = [];
	const warnings: CheckIssue[] = [];
	const notes: CheckNote[] = [];
	type Extra = { candidate?: string; channel?: string; source?: string; candidateId?: string };
	const issue = (list: CheckIssue[], code: CheckIssue['code'], message: string, extra: Extra) => {
		const item: CheckIssue = { code, message };
		if (extra.candidate) item.candidate = extra.candidate;
		if (extra.channel) item.channel = extra.channel;
		if (extra.source) item.source = extra.source;
		if (extra.candidateId) item.candidateId = extra.candidateId;
		list.push(item);
	};
	const ref = config.referenceDate;
	const rules = config.intake ?? {};
	const cutoff = youthCutoff(ref, config.youthAge, rules.youthBornOnOrAfter);
	const formSource = `${config.document} 附件：推荐表`;
	const textSource = sourceText(config.textLimitsSource) ?? formSource;
	const titleRules = priorTitleRules(config);
	// A deadline already past when the campaign was created is the notice's old date, not this
	// campaign's: not applied (every record would be late), and the page says so.
	const deadlinePassed =
		rules.deadline && ctx.campaignCreatedAt !== undefined && ctx.campaignCreatedAt >= deadlineEnd(rules.deadline.date);
	const lateAfter = rules.deadline && !deadlinePassed ? deadlineEnd(rules.deadline.date) : null;
	if (rules.deadline && deadlinePassed)
		notes.push({
			message: `报送截止日期 ${rules.deadline.date} 早于本活动在系统中创建的日期，未据此检查逾期报送；如需检查，请在“设置”中填写本次活动的报送截止日期`
		});

	const buckets = new Map<string, Bucket>();
	for (const def of config.channels) buckets.set(def.name, { def, persons: new Set(), count: 0, youth: 0 });
	const implicit: Bucket[] = [];
	const seenAll = new Set<string>();
	let total = 0;
	let youthTotal = 0;
	const byPerson = new Map<string, PersonRow[]>();
	const people: { candidate: string; candidateId?: string; channel: string; files: FileMeta[] }[] = [];

	candidates.forEach((c, i) => {
		const candidate = c.name?.trim() || (c.seq ? `序号${c.seq}` : `第${i + 1}条记录`);
		const rawChannel = (c.channel ?? '').trim();
		const who = rawChannel ? `${candidate}（${rawChannel}）` : candidate;
		const candidateId = ctx.ids?.[i];
		const at = { candidate, channel: rawChannel || undefined, candidateId };
		const missing = (what: string) => issue(errors, 'MISSING_FIELD', `${who} ${what}`, { ...at, source: formSource });

		// Required 推荐表 fields.
		if (!c.name?.trim()) missing('缺少姓名');
		if (!c.gender) missing('缺少性别');
		else if (c.gender !== '男' && c.gender !== '女') missing(`性别“${c.gender}”无效，应为男或女`);
		if (!c.birth?.trim()) missing('缺少出生年月');
		else if (!parseBirth(c.birth)) missing(`出生年月“${c.birth}”无法识别`);
		else if ((ageOn(c.birth, ref) ?? -1) < 0) missing(`出生年月“${c.birth}”晚于活动参照日期 ${ref}`);
		if (!c.unitAndTitle?.trim()) missing('缺少工作单位及职务职称');
		// A row with both 推荐组别 and 推荐领域 is classified by what the campaign's panels use.
		const byGroup = config.classification === 'group';
		const what = byGroup ? '推荐组别' : '推荐领域';
		const rawClass = ((byGroup ? c.group || c.field : c.field || c.group) ?? '').trim();
		const klass = FULL_TO_SHORT[rawClass] ?? rawClass;
		if (!klass) missing(`缺少${what}`);
		else if (byGroup && !c.group && !config.fields.includes(klass))
			missing(`缺少推荐组别（本活动按推荐组别分组评审，推荐领域“${rawClass}”不能代替）`);
		else if (!config.fields.includes(klass))
			missing(`${what}“${rawClass}”不是本活动的${what}（${config.fields.join('、')}）`);
		if (!rawChannel) missing('缺少推荐单位');
		if (!c.deeds?.trim()) issue(warnings, 'MISSING_FIELD', `${who} 缺少主要事迹`, { ...at, source: formSource });

		// Youth against the birth-date cut-off; month-only births of the cut-off month get a note.
		const age = ageOn(c.birth, ref);
		const status = age !== null && age >= 0 ? youthStatus(c.birth, cutoff) : { youth: false, byMonth: false };
		const youth = status.youth;
		if (status.byMonth && cutoff) {
			const b = parseBirth(c.birth)!;
			notes.push({
				...at,
				message: `${who} 出生年月只填到月（${b.year}年${b.month}月），按月份判断计为青年（${cutoffText(cutoff)}）；如生于${b.month}月${parseBirth(cutoff)!.day}日之前则不属青年，请核实`
			});
		}

		// Channel, counted once per person.
		const key = personKey(c) ?? `#${i}`;
		let channelName = rawChannel;
		let bucket: Bucket | undefined;
		if (rawChannel) {
			const def = resolveChannel(config, rawChannel);
			if (def) bucket = buckets.get(def.name);
			else if (c.channelType && (CHANNEL_TYPES as readonly string[]).includes(c.channelType)) {
				// With 渠道类型 an unknown 推荐单位 is a new channel of that type (CONTRACTS.md).
				bucket = implicit.find((b) => b.def.name === rawChannel);
				if (!bucket) {
					bucket = { def: { name: rawChannel, type: c.channelType }, persons: new Set(), count: 0, youth: 0 };
					implicit.push(bucket);
				}
			} else if (isSelfNomination(rawChannel, c.name)) {
				if (!config.selfNominationAllowed)
					issue(
						errors,
						'SELF_NOMINATION',
						`${who} 为个人申报（推荐单位“${rawChannel}”），本活动不接受个人申报，候选人均应通过规定的推荐渠道产生`,
						{
							...at,
							source: sourceText(rules.selfNominationSource ?? config.channelsSource)
						}
					);
			} else {
				issue(errors, 'UNKNOWN_CHANNEL', `${who} 的推荐单位“${rawChannel}”不是本活动的推荐渠道`, {
					...at,
					source: sourceText(config.channelsSource)
				});
			}
			if (bucket) channelName = bucket.def.name;
		}
		if (bucket && !bucket.persons.has(key)) {
			bucket.persons.add(key);
			bucket.count += 1;
			if (youth) bucket.youth += 1;
		}
		if (!seenAll.has(`${channelName}|${key}`)) {
			seenAll.add(`${channelName}|${key}`);
			total += 1;
			if (youth) youthTotal += 1;
		}
		if (personKey(c)) {
			const list = byPerson.get(key) ?? [];
			list.push({ channel: channelName, candidate, birth: c.birth, candidateId });
			byPerson.set(key, list);
		}
		people.push({ candidate, candidateId, channel: channelName, files: ctx.files?.[i] ?? [] });

		// Guangxi 填表说明 5: city nominees tick 地市, the other channels a discipline.
		if (rules.groupRule && byGroup && bucket && config.fields.includes(klass)) {
			const g = rules.groupRule.regionGroup;
			const city = bucket.def.type === '地区';
			if (city !== (klass === g))
				issue(
					errors,
					'GROUP_MISMATCH',
					city
						? `${who} 由设区市推荐，推荐组别应为“${g}”，实为“${klass}”`
						: `${who} 由${bucket.def.type}类渠道推荐，应按所学专业勾选学科类别，不能勾选“${g}”`,
					{ ...at, source: sourceText(rules.groupRule.source) }
				);
		}
		if (config.mustWorkInRegion) {
			const other = otherProvince(c.unitAndTitle, config.region);
			if (other)
				issue(
					warnings,
					'OUTSIDE_REGION',
					`${who} 工作单位“${c.unitAndTitle}”位于${other}，通知要求推荐人选目前在${config.region}工作，请核实`,
					{
						...at,
						source: sourceText(rules.regionSource ?? config.excludedSource)
					}
				);
		}

		// Who may not be nominated.
		const match = matchExcludedCategory(config, c.category);
		if (match) {
			const source = sourceText(config.excludedSource);
			if (match.certain)
				issue(
					errors,
					'EXCLUDED_CATEGORY',
					`${who} 人员类别为“${c.category}”，属于通知排除的“${match.excluded}”，不在推荐范围内`,
					{ ...at, source }
				);
			else
				issue(
					warnings,
					'EXCLUDED_CATEGORY',
					match.verify === 'civil'
						? `${who} 人员类别为“${c.category}”，通知排除“${match.excluded}”，请核实是否为公务员或参照公务员法管理人员`
						: `${who} 人员类别为“${c.category}”，通知排除“${match.excluded}”，请核实其现任职级`,
					{ ...at, source }
				);
		}
		const hits = priorTitleHits(titleRules, c);
		for (const { rule, named } of hits) {
			const forbidden = titleRules.filter((r) => r.severity === 'error' && r !== rule);
			const extra =
				!named && forbidden.length
					? `；如所获为${forbidden.map((r) => r.titles).join('、')}，通知要求请勿再次推荐`
					: '';
			if (rule.severity === 'error')
				issue(errors, 'PRIOR_TITLE', `${who} 已获${rule.titles}，通知要求请勿再次推荐`, {
					...at,
					source: sourceText(rule.source)
				});
			else
				issue(
					warnings,
					'PRIOR_TITLE',
					`${who} 曾获${rule.titles}，通知规定原则上不再推荐；确需推荐的，请活动办公室填写理由后接受${extra}`,
					{ ...at, source: sourceText(rule.source) }
				);
		}

		// Submitted after the deadline.
		const sent = lateAfter !== null ? submittedAt(c, ctx.recordedAt?.[i]) : null;
		if (sent && lateAfter !== null && sent.at >= lateAfter && rules.deadline) {
			const when = formatBeijing(sent.at, 'seconds');
			const what = sent.from === '录入' ? `于 ${when} 录入` : `${sent.from}为 ${c.extra![sent.from]}`;
			const [y, m, d] = rules.deadline.date.split('-').map(Number);
			issue(
				rules.deadline.refuse ? errors : warnings,
				'LATE_SUBMISSION',
				`${who} ${what}，晚于报送截止日期 ${y}年${m}月${d}日${rules.deadline.refuse ? '，通知规定逾期不再受理' : ''}`,
				{ ...at, source: sourceText(rules.deadline.source) }
			);
		}
		if (rules.attachments)
			for (const problem of fileProblems(rules.attachments, c.name?.trim() ?? '', ctx.files?.[i] ?? []))
				issue(warnings, 'ATTACHMENT_RULE', `${who} ${problem}`, { ...at, source: attachmentSource(config) });

		// Lengths of the free texts: “1500字左右” tolerates ±20 %, “1000字以内” nothing over.
		const limits = config.textLimits;
		const deeds = textLength(c.deeds);
		if (deeds > limits.deeds * (1 + ABOUT_TOLERANCE))
			issue(errors, 'TEXT_TOO_LONG', `${who} 主要事迹 ${deeds} 字，超过 ${limits.deeds} 字左右的要求20%以上`, {
				...at,
				source: textSource
			});
		else if (deeds > 0 && deeds < limits.deeds * ABOUT_TOO_SHORT)
			issue(warnings, 'TEXT_TOO_LONG', `${who} 主要事迹仅 ${deeds} 字，不足 ${limits.deeds} 字左右要求的一半`, {
				...at,
				source: textSource
			});
		const story = textLength(c.story);
		if (story > limits.story)
			issue(errors, 'TEXT_TOO_LONG', `${who} 感人故事 ${story} 字，超过 ${limits.story} 字以内的要求`, {
				...at,
				source: textSource
			});
		const awards = (c.awards ?? []).filter((a) => a.trim()).length;
		if (awards > limits.awards)
			issue(warnings, 'TEXT_TOO_LONG', `${who} 所获重要奖励 ${awards} 项，超过 ${limits.awards} 项以内的要求`, {
				...at,
				source: textSource
			});
	});

	duplicateIssues(byPerson, issue, errors, warnings);

	// Quotas, channel by channel.
	const ordered = [...buckets.values(), ...implicit.sort((a, b) => cmp(a.def.name, b.def.name))];
	const channels = quotaIssues(config, ordered, issue, errors, warnings);

	// The campaign-wide youth share (“45岁以下的科技工作者不少于20%”).
	const youthShare = total > 0 ? Math.round((youthTotal / total) * 10000) / 10000 : 0;
	if (config.youthShareMin > 0 && total > 0) {
		const need = Math.ceil(config.youthShareMin * total - 1e-9);
		if (youthTotal < need)
			issue(
				errors,
				'YOUTH_SHARE_LOW',
				`45岁以下青年科技工作者 ${youthTotal} 名，占推荐人选 ${total} 名的 ${pct(youthTotal / total)}，低于 ${pct(config.youthShareMin)} 的要求（至少应有 ${need} 名）`,
				{ source: sourceText(config.youthShareSource) }
			);
	}

	if (ctx.accepted)
		for (const w of warnings) {
			const a = w.candidateId ? ctx.accepted.get(`${w.candidateId}|${w.code}`) : undefined;
			if (a) w.accepted = a;
		}
	const order = (a: CheckIssue, b: CheckIssue) =>
		cmp(a.code, b.code) ||
		cmp(a.channel ?? '', b.channel ?? '') ||
		cmp(a.candidate ?? '', b.candidate ?? '') ||
		cmp(a.message, b.message);
	const report: CheckReport = { errors: errors.sort(order), warnings: warnings.sort(order), youthShare, channels };
	if (cutoff) {
		report.youthCutoff = cutoff;
		report.youthCutoffText = cutoffText(cutoff);
	}
	if (notes.length) report.notes = notes;
	if (ctx.files && rules.attachments) report.checklists = checklists(rules.attachments, people);
	return report;
}

function attachmentSource(config: CampaignConfig): string | undefined {
	const a = config.intake?.attachments;
	return sourceText(a?.photos?.source ?? a?.video?.source);
}
