// Splitting "工作单位及职务职称" into the unit and the title part (moved out of
// work-units.ts).

import { ORG_ENDINGS } from './work-unit-tables';

// Titles at the end of "工作单位及职务职称", longest first when matched.
const TITLES = [
	'教授级高级工程师',
	'正高级工程师',
	'高级工程师',
	'助理工程师',
	'工程师',
	'总工程师',
	'副总工程师',
	'总工',
	'党委副书记',
	'党委书记',
	'副书记',
	'书记',
	'主任医师',
	'主治医师',
	'住院医师',
	'医师',
	'主任护师',
	'主管护师',
	'护士长',
	'护师',
	'研究员',
	'助理研究员',
	'教授',
	'讲师',
	'助教',
	'院士',
	'博士生导师',
	'博导',
	'硕导',
	'院长',
	'所长',
	'主任',
	'总经理',
	'经理',
	'董事长',
	'董事',
	'厂长',
	'局长',
	'站长',
	'处长',
	'科长',
	'校长',
	'主席',
	'理事长',
	'秘书长',
	'会长',
	'馆长',
	'部长',
	'队长',
	'组长',
	'首席科学家',
	'首席专家',
	'首席技师',
	'高级技师',
	'技师',
	'技术员',
	'高级农艺师',
	'农艺师',
	'高级畜牧师',
	'畜牧师',
	'高级兽医师',
	'兽医师',
	'高级实验师',
	'实验师',
	'正高级教师',
	'高级教师',
	'一级教师',
	'教师',
	'负责人',
	'总监',
	'主编',
	'博士后',
	'博士',
	'编审',
	'总农艺师',
	'总畜牧师',
	'专家'
].sort((a, b) => b.length - a.length);
const TITLE_PREFIXES = ['常务副', '执行', '副', '原', '兼'];
const SEPARATORS_RE = /[\s、，,;；/|()（）【】[\]“”"'：:]+/u;

function stripTitles(token: string): { rest: string; stripped: boolean } {
	let rest = token;
	let stripped = false;
	for (let changed = true; changed;) {
		changed = false;
		const t = TITLES.find((x) => rest.endsWith(x));
		if (t) {
			rest = rest.slice(0, -t.length);
			const pre = TITLE_PREFIXES.find((p) => rest.endsWith(p));
			if (pre) rest = rest.slice(0, -pre.length);
			stripped = changed = true;
		}
	}
	return { rest, stripped };
}

/**
 * Split "工作单位及职务职称" into the unit and the title part:
 * "广西大学农学院 教授、院长" → { unit: 广西大学农学院, title: 教授、院长 };
 * "广西大学 农学院 院长" → 广西大学农学院; "XX研究所副所长" → XX研究所.
 * Tokens after the first are joined to the unit while they look like sub-units
 * (end with an organisation ending) and no title has been seen yet.
 */
export function splitUnitAndTitle(s: string): { unit: string; title: string } {
	const text = (s ?? '').normalize('NFKC').trim();
	const tokens = text.split(SEPARATORS_RE).filter(Boolean);
	let unit = '';
	for (const tok of tokens) {
		const { rest, stripped } = stripTitles(tok);
		const isSubUnit = unit === '' || ORG_ENDINGS.some((e) => rest.endsWith(e)) || /[科系室部组]$/u.test(rest);
		if (!rest || !isSubUnit) break;
		unit += rest;
		if (stripped) break;
	}
	if (!unit) return { unit: text, title: '' };
	// The title is what follows the unit text; taken from the original spelling
	// (NFKC would turn 、， into ,) when NFKC kept the length.
	let at = 0;
	for (const ch of unit) {
		const i = text.indexOf(ch, at);
		if (i < 0) break;
		at = i + ch.length;
	}
	const original = (s ?? '').trim();
	const rest = original.length === text.length ? original.slice(at) : text.slice(at);
	const title = rest.replace(/^[\s、，,;；/|()（）：:]+/u, '').trim();
	return { unit, title };
}
