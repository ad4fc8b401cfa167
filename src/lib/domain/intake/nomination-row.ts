// One nominee row of the nomination CSV: every field checked and reported by spreadsheet row,
// duplicates within the file found. Moved out of nomination-csv.ts (parseNominationCsv calls it).
import {
	COLUMNS,
	channelKey,
	fieldShortName,
	isGroup,
	parseAwards,
	parseBirthDetailed,
	parseCareer,
	parseChannelType,
	parseGender,
	parseYesNo,
	normalizeName,
	type ColumnKey,
	FREE_TEXT_KEYS
} from './nomination-format';
import { CHANNEL_TYPES, type CandidateRecord, type ChannelType } from '../types';
import { isSelfNomination } from './eligibility/rules';
import { exactKey, nomineeKey, personKey, unitKey } from './match';
import type { NominationParseResult, ParsedRow, ParseNominationOptions, RowError } from './nomination-csv';

export interface RowContext {
	opts: ParseNominationOptions;
	columnAt: Map<ColumnKey, number>;
	headerText: Map<ColumnKey, string>;
	extraAt: Map<number, string>;
	known: ((name: string) => { name: string; type: ChannelType; loose: boolean } | null) | null;
	allowed: Set<string> | null;
	newChannels: Map<string, { type: ChannelType; row: number }>;
	/** 推荐单位+姓名+出生年月 (exactKey) → first row, for repeated rows within the file. */
	keys: Map<string, number>;
	/** 姓名+出生年月 (personKey) → first row and channel, to warn about one person sent by two channels. */
	people: Map<string, { row: number; channel: string }>;
	/** The same person from the same 推荐单位 (nomineeKey) → first row and birth, when births differ only by day. */
	sameName: Map<string, { row: number; birth: string }>;
}

export function parseRow(
	rec: string[],
	row: number,
	width: number,
	ctx: RowContext,
	result: NominationParseResult
): void {
	const errors: RowError[] = [];
	const warn = (key: ColumnKey, message: string) => result.warnings.push({ row, column: col(key), message });
	const fail = (key: ColumnKey, message: string) => errors.push({ row, column: col(key), message });
	const col = (key: ColumnKey) => ctx.headerText.get(key) ?? COLUMNS.find((c) => c.key === key)!.header;
	const get = (key: ColumnKey) => {
		const i = ctx.columnAt.get(key);
		return i === undefined ? '' : (rec[i] ?? '');
	};

	if (rec.length > width && rec.slice(width).some((c) => c !== '')) {
		errors.push({
			row,
			column: `第${width + 1}列`,
			message: `本行有${rec.length}个单元格，比表头的${width}列多；可能某个单元格里的逗号没有加引号`
		});
	}

	const name = normalizeName(get('name'));
	if (!name) fail('name', '姓名为空');

	const genderText = get('gender');
	const gender = parseGender(genderText);
	if (!genderText) fail('gender', '性别为空');
	else if (!gender) fail('gender', `性别“${genderText}”无法识别，应为 男 或 女`);

	const birthText = get('birth');
	let birth = '';
	if (!birthText) fail('birth', '出生年月为空');
	else {
		const b = parseBirthDetailed(birthText, ctx.opts.today);
		if (!b.ok && b.reason === 'format') {
			fail('birth', `出生年月“${birthText}”无法识别，应为 1980.05 或 1980-05-12 等格式`);
		} else if (!b.ok) {
			fail(
				'birth',
				`出生年月“${birthText}”无法识别：不是有效日期（月份1–12、日期须存在、年份1900年至今），应为 1980.05 或 1980-05-12 等格式`
			);
		} else {
			birth = b.value;
			if (b.ambiguousOctober) {
				warn(
					'birth',
					`出生年月“${birthText}”按${birth.slice(0, 4)}年1月读取；如为10月，多半是表格把 ${birth.slice(0, 4)}.10 当成了数字，请将该列设为文本后重填`
				);
			}
		}
	}

	const unitAndTitle = get('unitAndTitle');
	if (!unitAndTitle) fail('unitAndTitle', '工作单位及职务职称为空');

	// 推荐领域 / 推荐组别
	const fieldText = get('field');
	const groupText = get('group');
	let field: string | null = null;
	let group: string | null = null;
	const allowedList = () => [...(ctx.allowed ?? [])].join('、');
	if (groupText) {
		if (isGroup(groupText) || ctx.allowed?.has(groupText)) group = groupText;
		else fail('group', `推荐组别“${groupText}”无法识别，应为 理科、工科、农科、医科、综合 或 地市`);
	}
	const squashed = (x: string) => x.replace(/[\s\u3000]+/g, '').normalize('NFKC');
	const local = fieldText ? ctx.opts.localFields?.find((v) => squashed(v) === squashed(fieldText)) : undefined;
	if (fieldText) {
		const short = fieldShortName(fieldText);
		if (short) field = short;
		else if (local) field = local;
		else if (isGroup(fieldText) && !groupText) {
			group = fieldText;
			warn('field', `推荐领域“${fieldText}”是推荐组别，已按推荐组别读取`);
		} else if (ctx.allowed?.has(fieldText)) field = fieldText;
		else
			fail(
				'field',
				`推荐领域“${fieldText}”无法识别，应为 面向世界科技前沿、面向经济主战场、面向国家重大需求、面向人民生命健康、社会服务 或其简称`
			);
	}
	if (!fieldText && !groupText) {
		fail(ctx.columnAt.has('field') ? 'field' : 'group', '推荐领域为空（未填写推荐组别时必填）');
	} else if (ctx.opts.classification === 'group' && !group && field) {
		fail(
			'group',
			`本活动按推荐组别分组评审，推荐领域“${fieldText}”不能代替推荐组别，请填写推荐组别（${allowedList()}）`
		);
	} else if (
		ctx.allowed &&
		(field || group) &&
		!(field && ctx.allowed.has(field)) &&
		!(group && ctx.allowed.has(group))
	) {
		const key = fieldText ? 'field' : 'group';
		fail(
			key,
			`${key === 'field' ? '推荐领域' : '推荐组别'}“${fieldText || groupText}”不是本活动设置的（${allowedList()}）`
		);
	}

	// 推荐单位 / 渠道类型
	let channel = get('channel').replace(/[\s\u3000]+/g, ' ');
	const typeText = get('channelType');
	let channelType: ChannelType | null = null;
	let newChannel: ParsedRow['newChannel'];
	if (typeText) {
		channelType = parseChannelType(typeText);
		if (!channelType) fail('channelType', `渠道类型“${typeText}”无法识别，应为 ${CHANNEL_TYPES.join('、')} 之一`);
	}
	if (!channel) fail('channel', '推荐单位为空');
	else if (ctx.known) {
		const found = ctx.known(channel);
		// A loose match of another type than the row states is a different, new channel.
		const hit = found && !(found.loose && channelType && channelType !== found.type) ? found : null;
		if (hit) {
			if (hit.loose) warn('channel', `推荐单位“${channel}”按本活动的推荐渠道“${hit.name}”读取`);
			channel = hit.name;
			if (channelType && channelType !== hit.type) {
				warn(
					'channelType',
					`渠道类型“${typeText}”与推荐单位“${hit.name}”已有的类型“${hit.type}”不同，按“${hit.type}”处理`
				);
			}
			channelType = hit.type;
		} else if (isSelfNomination(channel, name)) {
			// Imported and reported by the check as SELF_NOMINATION, not refused as unknown.
			warn('channel', `推荐单位“${channel}”为个人申报；已导入，资格审查将按通知报告“不接受个人申报”`);
			channelType = null;
		} else if (channelType) {
			const prior = ctx.newChannels.get(channelKey(channel));
			if (prior && prior.type !== channelType) {
				fail(
					'channelType',
					`推荐单位“${channel}”在第${prior.row}行的渠道类型是“${prior.type}”，本行却是“${channelType}”`
				);
			} else {
				if (!prior) ctx.newChannels.set(channelKey(channel), { type: channelType, row });
				newChannel = { name: channel, type: channelType };
			}
		} else if (!typeText) {
			fail(
				'channel',
				`推荐单位“${channel}”不是本活动的推荐渠道（UNKNOWN_CHANNEL）；如为新渠道，请在“渠道类型”列填写 ${CHANNEL_TYPES.join('/')}`
			);
		}
	}

	const grassroots = yesNo('grassroots', get('grassroots'), fail);
	const priorTitle = yesNo('priorTitle', get('priorTitle'), fail);

	const career = parseCareer(get('career'));
	for (const u of career.unreadable) {
		warn(
			'career',
			`学习工作经历第${u.line}行“${u.text}”未能识别起止年月（应如 2005.07-2012.06 某大学 讲师），已按原文保留`
		);
	}

	const record: CandidateRecord = {
		name,
		gender: gender ?? '男',
		birth,
		unitAndTitle,
		field,
		group,
		channel,
		channelType,
		grassroots: grassroots ?? false,
		priorTitle: priorTitle ?? false,
		career: career.entries
	};
	const optional: ColumnKey[] = [
		'seq',
		...FREE_TEXT_KEYS,
		'phone',
		'mobile',
		'email',
		'address',
		'postcode',
		'remarks'
	];
	for (const key of optional) {
		const v = get(key);
		if (v) (record as unknown as Record<string, string>)[key] = v;
	}
	const awards = parseAwards(get('awards'));
	if (awards.length) record.awards = awards;
	for (const [i, h] of ctx.extraAt) {
		const v = rec[i] ?? '';
		if (v) (record.extra ??= {})[h] = v;
	}

	if (errors.length === 0) {
		// Who is the same person is match.ts's rule; here: a repeated row is refused, the same person
		// with another day of birth is imported and warned about, another channel is warned about.
		const who = { channel, name, birth };
		const repeat = ctx.keys.get(exactKey(who));
		const nominee = nomineeKey(who);
		const person = personKey(who);
		if (repeat !== undefined) {
			fail('name', `与第${repeat}行重复：推荐单位、姓名、出生年月均相同（${channel}，${name}，${birthText}）`);
		} else {
			ctx.keys.set(exactKey(who), row);
			const twin = nominee === null ? undefined : ctx.sameName.get(nominee);
			if (twin)
				warn(
					'name',
					`与第${twin.row}行推荐单位、姓名相同，出生年月仅日期不同（${twin.birth} / ${birth}）：两行均导入，不会合并；资格审查将报告重复推荐，请核实后删除一行或更正出生年月`
				);
			else if (nominee !== null) ctx.sameName.set(nominee, { row, birth });
			const other = person === null ? undefined : ctx.people.get(person);
			if (other && unitKey(other.channel) !== unitKey(channel)) {
				warn(
					'name',
					`与第${other.row}行姓名、出生年月相同（推荐单位分别为“${other.channel}”和“${channel}”），请核实是否重复推荐`
				);
			} else if (!other && person !== null) ctx.people.set(person, { row, channel });
		}
	}
	if (errors.length > 0) result.errors.push(...errors);
	else result.rows.push(newChannel ? { row, record, newChannel } : { row, record });
}

function yesNo(
	key: 'grassroots' | 'priorTitle',
	text: string,
	fail: (k: ColumnKey, m: string) => void
): boolean | null {
	const v = parseYesNo(text);
	if (v === null) fail(key, `${key === 'grassroots' ? '基层一线' : '曾获最美称号'}“${text}”无法识别，应为 是 或 否`);
	return v;
}
