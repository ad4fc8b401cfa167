// Deterministic synthetic nominations and experts for any campaign, for the demo, fixtures and
// tests. Same config + count + seed → the same output, on every machine.
//
// The nominations check clean against the campaign's own rules: every channel within its
// [min, max] (ChannelDef overrides, else the quota of its type), per-channel youth minimums,
// overall youth share ≥ youthShareMin (and ≥ 30 % regardless), no excluded 人员类别, no prior
// title, texts within textLimits. Births keep two years away from the youth boundary so that
// YYYY-MM precision never makes the check ambiguous.
import type { CampaignConfig, CandidateRecord, CareerEntry, ChannelType } from '../../../domain/types';
import { Rng, emailFor, makeName, mobileNumber, pickEthnicity, pickParty } from './names';
import {
	FIELDS_BY_KIND,
	FORMER_UNITS,
	JUNIOR_ROLES,
	KINDS_BY_FIELD,
	SCHOOLS,
	SPECIALTIES,
	TITLES,
	channelQuota,
	fitTitle,
	isOffice,
	kindOfChannelName,
	localUnit,
	regionFor,
	type RegionData,
	type UnitKind
} from './regions';
import { makeAwards, makeDeeds, makeStory, type TextPerson } from './text';

export { Rng } from './names';
export { channelQuota } from './regions';

/** A channel with its effective quota, as the generator fills it. */
interface ChannelSlot {
	name: string;
	type: ChannelType;
	min: number;
	max: number;
	minYouth: number;
	/** Places the generator gives it at least: its min, raised to minYouth (a youth needs a place). */
	need: number;
	/** Added by the generator (not in config.channels): importers learn it from 渠道类型. */
	added: boolean;
	/** The unit of a 高校/企业/科研院所/军工 channel, or the kind of a society's members. */
	kind: UnitKind | null;
}

/**
 * The channels the generator fills: the campaign's own, plus a few societies, universities and
 * enterprises of the region (one per type the campaign has a quota for, 学会/高校/企业 first),
 * and more of those while the requested count would not fit under the maxima.
 */
function plannedChannels(config: CampaignConfig, count: number, region = regionFor(config)): ChannelSlot[] {
	const slot = (name: string, type: ChannelType, added: boolean, kind: UnitKind | null): ChannelSlot => {
		const q = channelQuota(config, name, type);
		return { name, type, ...q, need: Math.min(q.max, Math.max(q.min, q.minYouth)), added, kind };
	};
	const slots = config.channels.map((c) => slot(c.name, c.type, false, kindOfChannelName(c.name, c.type)));
	const used = new Set(slots.map((s) => s.name));
	const order: ChannelType[] = ['学会', '高校', '企业', '科研院所', '厅局', '军工'];
	const queues = order
		.filter((t) => config.channelQuotas.some((q) => q.type === t))
		.map((t) => (region.channels[t] ?? []).filter((c) => !used.has(c.name)).map((c) => ({ ...c, type: t })));
	const sum = (k: 'need' | 'max') => slots.reduce((a, s) => a + s[k], 0);
	const add = (): boolean => {
		for (const q of queues) {
			const c = q.shift();
			if (!c) continue;
			const added = slot(c.name, c.type, true, c.kind);
			if (added.max <= 0 || sum('need') + added.need > count) continue;
			slots.push(added);
			queues.push(queues.splice(queues.indexOf(q), 1)[0]); // round-robin over types
			return true;
		}
		return false;
	};
	for (let i = 0; i < 3 && add(); i++);
	while (sum('max') < count && add());
	return slots;
}

interface Built {
	record: CandidateRecord;
	youth: boolean;
}

/**
 * `count` nominations. When `count` is below the sum of the channels' minimums it is raised to
 * that sum (a clean file needs every minimum); above the sum of the maximums it is lowered to it.
 */
export function generateCandidates(config: CampaignConfig, count: number, seed: number): CandidateRecord[] {
	const rng = new Rng(seed);
	const region = regionFor(config);
	const slots = plannedChannels(config, count, region);
	const total = Math.max(
		slots.reduce((a, s) => a + s.need, 0),
		Math.min(
			count,
			slots.reduce((a, s) => a + s.max, 0)
		)
	);

	// Places per channel: every minimum, then the rest at random where room is left.
	const places = slots.map((s) => s.need);
	for (let left = total - places.reduce((a, b) => a + b, 0); left > 0; left--) {
		const open = slots.map((_, i) => i).filter((i) => places[i] < slots[i].max);
		places[rng.pick(open)]++;
	}

	// Youth: each channel's minimum first, then enough others for a comfortable overall share.
	const youthFlags = slots.map((s, i) =>
		Array.from({ length: places[i] }, (_, k) => k < Math.min(s.minYouth, places[i]))
	);
	const wanted = Math.min(total, Math.max(Math.ceil(total * 0.35), Math.ceil(total * config.youthShareMin) + 1));
	const others: [number, number][] = [];
	youthFlags.forEach((f, i) => f.forEach((y, k) => y || others.push([i, k])));
	let youthCount = youthFlags.flat().filter(Boolean).length;
	for (const [i, k] of rng.shuffle(others)) {
		if (youthCount >= wanted) break;
		youthFlags[i][k] = true;
		youthCount++;
	}

	const women = new Set(rng.shuffle([...Array(total).keys()]).slice(0, Math.round(total * (0.35 + rng.next() * 0.1))));
	const names = new Set<string>();
	const out: CandidateRecord[] = [];
	slots.forEach((slot, i) => {
		for (let k = 0; k < places[i]; k++) {
			const gender = women.has(out.length) ? '女' : '男';
			const { record } = buildCandidate(config, region, slot, gender, youthFlags[i][k], rng.fork(out.length), names);
			record.seq = String(out.length + 1);
			out.push(record);
		}
	});
	return out;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A birth date whose age on the reference date is clearly on one side of the youth line. */
function birthFor(rng: Rng, config: CampaignConfig, youth: boolean): { birth: string; year: number } {
	const refYear = Number(config.referenceDate.slice(0, 4));
	const lo = youth ? refYear - config.youthAge + 2 : 1960;
	const hi = youth ? Math.min(1995, refYear - 28) : refYear - config.youthAge - 2;
	const year = rng.int(Math.min(lo, hi), Math.max(lo, hi));
	const month = rng.int(1, 12);
	return { birth: `${year}-${pad2(month)}`, year };
}

function pickField(config: CampaignConfig, rng: Rng, slot: ChannelSlot, kind: UnitKind | null): string {
	if (config.classification === 'group' && slot.type === '地区' && config.fields.includes('地市')) return '地市';
	if (kind) {
		const fit = config.fields.filter((f) => FIELDS_BY_KIND[kind].includes(f) && f !== '地市');
		if (fit.length) return rng.pick(fit);
	}
	const usable = config.fields.filter((f) => f !== '地市' || slot.type === '地区');
	return rng.pick(usable.length ? usable : config.fields);
}

/** A county channel of a city campaign (城区, 桃城区) as units spell it: 晋城市城区. */
function locality(config: CampaignConfig, name: string): string {
	const city = config.region.endsWith('市') ? config.region : '';
	return city && /区$/.test(name) && !name.startsWith(city.slice(0, -1)) ? city + name : name;
}

/** Categories offices write in 人员类别; never one the campaign excludes. */
const CATEGORIES: Record<UnitKind, string> = {
	university: '高校教师',
	institute: '科研人员',
	enterprise: '工程技术人员',
	defence: '工程技术人员',
	hospital: '卫生技术人员',
	agri: '农业技术人员',
	school: '科普工作者'
};

function buildCandidate(
	config: CampaignConfig,
	region: RegionData,
	slot: ChannelSlot,
	gender: '男' | '女',
	youth: boolean,
	rng: Rng,
	names: Set<string>
): Built {
	const fixedUnit = ['高校', '企业', '科研院所', '军工'].includes(slot.type) && !isOffice(slot.name);
	const field = pickField(config, rng, slot, fixedUnit || slot.type !== '地区' ? slot.kind : null);
	const kinds = (KINDS_BY_FIELD[field] ?? Object.keys(SPECIALTIES)) as UnitKind[];
	let kind: UnitKind = fixedUnit && slot.kind ? slot.kind : (slot.kind ?? rng.pick(kinds));
	// Counties have no colleges; their research is done at county institutes.
	if (slot.type === '地区' && kind === 'university' && !/(市|盟|州)$/.test(slot.name)) kind = 'institute';
	const unit = fixedUnit
		? slot.name.replace(/科协$/, '')
		: slot.type === '地区'
			? localUnit(rng, locality(config, slot.name), kind)
			: rng.pick(region.units[kind]);
	const { birth, year } = birthFor(rng, config, youth);
	const refYear = Number(config.referenceDate.slice(0, 4));
	// Under 40 one rarely holds the top title yet.
	const picked = refYear - year < 40 ? TITLES[kind][TITLES[kind].length - 1] : rng.pick(TITLES[kind]);
	const [title, call] = [fitTitle(picked.title, unit), picked.call];
	const ethnicity = pickEthnicity(rng, region.key);
	let person = makeName(rng, gender, ethnicity, region.key);
	for (let tries = 0; names.has(person.name) && tries < 50; tries++)
		person = makeName(rng, gender, ethnicity, region.key);
	names.add(person.name);
	const specialty = rng.pick(SPECIALTIES[kind]);

	const doctor = rng.chance(youth ? 0.7 : 0.5) && year + 32 <= refYear; // the years must have happened
	const [education, degree] = doctor
		? ['博士研究生', '博士']
		: rng.pick([
				['硕士研究生', '硕士'],
				['大学本科', '学士']
			]);
	// Doctorates come from the national universities; first degrees also from the region's own.
	const school = rng.pick(doctor || rng.chance(0.5) ? SCHOOLS : region.units.university);
	const career = careerOf(rng, year, refYear, doctor, school, unit, title, kind, region);
	const startYear = Number((career.find((c) => !c.role.includes('研究生')) ?? career[0]).period.slice(0, 4));

	const p: TextPerson = {
		name: person.name,
		surname: person.surname,
		given: person.given,
		honorific: (person.surname || person.given) + (person.surname ? call : '老师'),
		familiar: person.surname
			? gender === '女' && rng.chance(0.5)
				? `${person.surname}姐`
				: `老${person.surname}`
			: person.given,
		he: gender === '男' ? '他' : '她',
		unit,
		title,
		specialty,
		kind,
		land: region.land,
		prefix: region.prefix,
		startYear,
		refYear,
		age: refYear - year
	};
	const limits = config.textLimits;
	const deeds = makeDeeds(p, rng, rng.int(300, 600), Math.min(600, limits.deeds));
	const story = makeStory(p, rng, rng.int(200, 500), Math.min(500, limits.story));
	const awards = makeAwards(p, rng, Math.min(rng.int(1, 3), limits.awards));
	const category = config.excludedCategories.some((c) => c.includes(CATEGORIES[kind]) || CATEGORIES[kind].includes(c))
		? undefined
		: CATEGORIES[kind];

	const record: CandidateRecord = {
		name: person.name,
		gender,
		ethnicity,
		party: pickParty(rng),
		birth,
		nativePlace: region.native + rng.pick(region.localities),
		education,
		degree,
		school,
		major: specialty,
		unitAndTitle: `${unit} ${title}`,
		profTitle: title,
		specialty,
		field: config.classification === 'field' ? field : null,
		group: config.classification === 'group' ? field : null,
		channel: slot.name,
		channelType: slot.type,
		grassroots: rng.chance(slot.type === '地区' ? 0.6 : 0.2),
		priorTitle: false,
		career,
		deeds,
		story,
		awards,
		phone: `${region.areaCode}-${rng.int(2000000, 6999999)}`,
		mobile: mobileNumber(rng),
		email: emailFor(rng, person.pinyin, year),
		address: `${slot.type === '地区' ? locality(config, slot.name) : region.prefix}${rng.pick(['人民路', '建设路', '科技路', '民族大道', '新华街', '学府路'])}${rng.int(1, 300)}号`,
		postcode: region.postcode
	};
	if (category) record.category = category;
	return { record, youth };
}

/** 2–4 periods without gaps or overlaps: optional doctorate, 0–2 earlier posts, the current one. */
function careerOf(
	rng: Rng,
	birthYear: number,
	refYear: number,
	doctor: boolean,
	school: string,
	unit: string,
	title: string,
	kind: UnitKind,
	region: RegionData
): CareerEntry[] {
	const entries: CareerEntry[] = [];
	let y = birthYear + (doctor ? 25 : 23);
	let m = 7;
	if (doctor) {
		const end = y + rng.int(3, 4);
		entries.push({ period: `${y}.09-${end}.07`, unit: school, role: '博士研究生' });
		[y, m] = [end, 8];
	}
	const formers = rng.int(entries.length ? 0 : 1, 2);
	for (let i = 0; i < formers && y < refYear - 4; i++) {
		const endY = Math.min(y + rng.int(3, 8), refYear - 3);
		const endM = rng.int(1, 12);
		const pool = rng.chance(0.5) ? FORMER_UNITS[kind] : region.units[kind];
		const former = rng.pick(
			pool.filter((u) => u !== unit).length ? pool.filter((u) => u !== unit) : FORMER_UNITS[kind]
		);
		entries.push({ period: `${y}.${pad2(m)}-${endY}.${pad2(endM)}`, unit: former, role: JUNIOR_ROLES[kind] });
		[y, m] = endM === 12 ? [endY + 1, 1] : [endY, endM + 1];
	}
	y = Math.min(y, refYear - 1);
	entries.push({ period: `${y}.${pad2(m)}-至今`, unit, role: title });
	if (entries.length < 2) entries.unshift({ period: `${y - 3}.09-${y}.07`, unit: school, role: '硕士研究生' });
	return entries;
}

export interface SyntheticExpert {
	name: string;
	unit: string;
	formerUnits: string[];
	school: string;
	title: string;
	fields: string[];
	phone: string;
	email: string;
	maxLoad: number;
}

const EXPERT_KIND: Record<string, UnitKind> = {
	前沿: 'university',
	理科: 'university',
	主战场: 'enterprise',
	工科: 'enterprise',
	重大需求: 'institute',
	生命健康: 'hospital',
	医科: 'hospital',
	社会服务: 'institute',
	农科: 'institute',
	综合: 'university',
	地市: 'university'
};
const EXPERT_TITLE: Record<UnitKind, string[]> = {
	university: ['教授'],
	institute: ['研究员'],
	enterprise: ['正高级工程师', '教授级高级工程师'],
	defence: ['研究员'],
	hospital: ['主任医师'],
	agri: ['农业技术推广研究员'],
	school: ['正高级教师']
};

/** Senior experts spread over the campaign's fields (round-robin, some covering a second one). */
export function generateExperts(config: CampaignConfig, count: number, seed: number): SyntheticExpert[] {
	const rng = new Rng(seed ^ 0x5eed);
	const region = regionFor(config);
	const fields = config.fields.length ? config.fields : ['综合'];
	const names = new Set<string>();
	return Array.from({ length: count }, (_, i) => {
		const main = fields[i % fields.length];
		const second = fields.length > 1 && rng.chance(0.4) ? rng.pick(fields.filter((f) => f !== main)) : null;
		const kind = EXPERT_KIND[main] ?? 'university';
		const gender = rng.chance(0.35) ? '女' : '男';
		let person = makeName(rng, gender, '汉族', region.key);
		while (names.has(person.name)) person = makeName(rng, gender, '汉族', region.key);
		names.add(person.name);
		const unit = rng.pick(region.units[kind]);
		const pool = [...FORMER_UNITS[kind], ...region.units[kind]].filter((u) => u !== unit);
		const formerUnits = rng.shuffle(pool).slice(0, rng.int(1, 2));
		return {
			name: person.name,
			unit,
			formerUnits,
			school: rng.pick(SCHOOLS),
			title: rng.pick(EXPERT_TITLE[kind]),
			fields: second ? [main, second] : [main],
			phone: mobileNumber(rng),
			email: emailFor(rng, person.pinyin, rng.int(1960, 1975)),
			maxLoad: rng.int(15, 20)
		};
	});
}
