// Regional word lists for synthetic nominations: units, channels, specialties and titles that
// look like the campaign's region. Unit names are public institutions; people are fictional.
import type { CampaignConfig, ChannelType } from '../../../domain/types';
import type { RegionKey, Rng } from './names';
import { GUANGXI, NEIMENGGU, QINGHAI } from './region-provinces';
import { HENGSHUI, JINCHENG } from './region-cities';

export type UnitKind = 'university' | 'institute' | 'enterprise' | 'defence' | 'hospital' | 'agri' | 'school';

export interface RegionData {
	key: RegionKey;
	/** Start of a 籍贯 in this region: 广西, 山西晋城 … */
	native: string;
	/** Prefix of provincial bodies: 广西, 内蒙古自治区, 青海省, 晋城市. */
	prefix: string;
	/** The place the deeds speak of: 八桂大地, 草原 … */
	land: string;
	areaCode: string;
	postcode: string;
	/** Localities used when the campaign lists no region channels of its own. */
	localities: string[];
	units: Record<UnitKind, string[]>;
	/** Channels of other types, by type, to add to a campaign (with their units' kind). */
	channels: Partial<Record<ChannelType, { name: string; kind: UnitKind }[]>>;
}

export function regionFor(config: CampaignConfig): RegionData {
	const r = config.region;
	if (r.includes('广西')) return GUANGXI;
	if (r.includes('内蒙古')) return NEIMENGGU;
	if (r.includes('青海')) return QINGHAI;
	if (r.includes('晋城')) return JINCHENG;
	if (r.includes('衡水')) return HENGSHUI;
	const p = r || '本地';
	return {
		key: 'other',
		native: p,
		prefix: p,
		land: '这片土地',
		areaCode: '010',
		postcode: '100000',
		localities: [`${p}第一区`, `${p}第二区`, `${p}第三区`],
		units: {
			university: [`${p}大学`, `${p}理工学院`],
			institute: [`${p}农业科学院`, `${p}科学院`],
			enterprise: [`${p}机械集团有限公司`, `${p}能源集团有限公司`],
			defence: [`${p}特种装备有限公司`],
			hospital: [`${p}人民医院`, `${p}中医医院`],
			agri: [`${p}农业技术推广中心`],
			school: [`${p}科技馆`]
		},
		channels: {
			学会: [
				{ name: `${p}医学会`, kind: 'hospital' },
				{ name: `${p}农学会`, kind: 'agri' }
			],
			高校: [{ name: `${p}大学`, kind: 'university' }],
			企业: [{ name: `${p}机械集团有限公司`, kind: 'enterprise' }]
		}
	};
}

/**
 * The effective quota of one channel: the ChannelDef's overrides, else its type's quota, else
 * 0..DEFAULT_MAX for a type the notice gives no quota for.
 */
export function channelQuota(
	config: CampaignConfig,
	name: string,
	type: ChannelType
): { min: number; max: number; minYouth: number } {
	const def = config.channels.find((c) => c.name === name);
	const q = config.channelQuotas.find((x) => x.type === type);
	return {
		min: def?.min ?? q?.min ?? 0,
		max: def?.max ?? q?.max ?? DEFAULT_MAX,
		minYouth: def?.minYouth ?? q?.minYouth ?? 0
	};
}

/** Max for a channel type the config gives no quota for (the notices never go below 2). */
const DEFAULT_MAX = 2;

/** A unit of a locality (county or city) for a region channel. */
export function localUnit(rng: Rng, loc: string, kind: UnitKind): string {
	switch (kind) {
		case 'hospital':
			return loc + rng.pick(['人民医院', '中医医院', '妇幼保健院', '疾病预防控制中心', '第一人民医院']);
		case 'agri':
			return loc + rng.pick(['农业技术推广中心', '畜牧兽医站', '林业工作站', '水产技术推广站', '农业科学研究所']);
		case 'school':
			return loc + rng.pick(['第一中学', '科技馆', '实验小学']);
		case 'university':
			return loc + '职业技术学院';
		case 'institute':
			return loc + rng.pick(['农业科学研究所', '林业科学研究所', '气象台']);
		default:
			return (
				loc +
				rng.pick(['华宇', '恒信', '金桥', '宏达', '瑞丰', '鑫源']) +
				rng.pick(['机械', '新材料', '生物科技', '食品', '电力设备', '制药']) +
				'有限公司'
			);
	}
}

/** The title fits the post: 畜牧站 staff are 畜牧师, not 农艺师. */
export function fitTitle(title: string, unit: string): string {
	if (title !== '高级农艺师' && title !== '高级畜牧师') return title;
	if (/畜牧|兽医|动物|草原/.test(unit)) return '高级畜牧师';
	if (/林业/.test(unit)) return '林业高级工程师';
	if (/水产/.test(unit)) return '水产高级工程师';
	return '高级农艺师';
}

/** A government office (国防科工办, 卫健委): its nominees work in the units it oversees. */
export function isOffice(name: string): boolean {
	return /(办公室|办|局|厅|委员会|委)$/.test(name);
}

/** Titles a unit of this kind gives its senior staff (the junior one last), with the form colleagues call them by. */
export const TITLES: Record<UnitKind, { title: string; call: string }[]> = {
	university: [
		{ title: '教授', call: '教授' },
		{ title: '研究员', call: '老师' },
		{ title: '副教授', call: '老师' }
	],
	institute: [
		{ title: '研究员', call: '研究员' },
		{ title: '副研究员', call: '老师' }
	],
	enterprise: [
		{ title: '正高级工程师', call: '工' },
		{ title: '高级工程师', call: '工' }
	],
	defence: [
		{ title: '研究员级高级工程师', call: '总师' },
		{ title: '高级工程师', call: '工' }
	],
	hospital: [
		{ title: '主任医师', call: '主任' },
		{ title: '副主任医师', call: '医生' }
	],
	agri: [
		{ title: '农业技术推广研究员', call: '站长' },
		{ title: '高级畜牧师', call: '老师' },
		{ title: '高级农艺师', call: '老师' }
	],
	school: [
		{ title: '正高级教师', call: '老师' },
		{ title: '高级教师', call: '老师' }
	]
};

export const SPECIALTIES: Record<UnitKind, string[]> = {
	university: [
		'凝聚态物理',
		'有机合成化学',
		'计算数学',
		'人工智能算法',
		'新能源材料',
		'生态学',
		'结构工程',
		'微电子学'
	],
	institute: ['植物分子育种', '高原生态学', '稀土功能材料', '盐湖资源化学', '林木遗传育种', '气候变化与灾害预警'],
	enterprise: ['机械设计制造', '冶金工程', '新能源汽车电控', '化工工艺', '电力系统自动化', '智能制造', '食品工程'],
	defence: ['特种车辆设计', '火炸药工艺', '精密加工', '装甲防护材料', '系统可靠性工程'],
	hospital: ['心血管内科', '肿瘤放射治疗', '儿科', '传染病防控', '中医内科', '重症医学', '妇产科', '民族医药'],
	agri: ['水稻育种栽培', '果树栽培', '畜牧兽医', '草原生态修复', '甘蔗栽培', '水产养殖', '植物保护'],
	school: ['青少年科技教育', '科普展教', '天文科普', '生物科普']
};

/** Kinds of unit that fit a field or group, so fields and units tell a consistent story. */
export const KINDS_BY_FIELD: Record<string, UnitKind[]> = {
	前沿: ['university', 'institute'],
	主战场: ['enterprise', 'university'],
	重大需求: ['institute', 'enterprise', 'defence'],
	生命健康: ['hospital'],
	社会服务: ['agri', 'school', 'hospital'],
	理科: ['university', 'institute'],
	工科: ['enterprise', 'university'],
	农科: ['agri', 'institute'],
	医科: ['hospital'],
	综合: ['school', 'university', 'agri'],
	地市: ['hospital', 'agri', 'school', 'enterprise', 'institute']
};

export const FIELDS_BY_KIND: Record<UnitKind, string[]> = {
	university: ['前沿', '主战场', '重大需求', '生命健康', '社会服务', '理科', '工科', '农科', '医科', '综合'],
	institute: ['前沿', '重大需求', '社会服务', '理科', '农科'],
	enterprise: ['主战场', '重大需求', '工科'],
	defence: ['重大需求', '工科'],
	hospital: ['生命健康', '社会服务', '医科'],
	agri: ['社会服务', '主战场', '农科'],
	school: ['社会服务', '综合']
};

/** Guess the kind of a configured channel from its name (医学会 → hospital …). */
export function kindOfChannelName(name: string, type: ChannelType): UnitKind | null {
	if (type === '地区') return null; // 桂林市 is not a forestry body
	if (type === '高校') return 'university';
	if (type === '企业') return 'enterprise';
	if (type === '科研院所') return 'institute';
	if (type === '军工') return 'defence';
	if (/医|卫生|健康|药/.test(name)) return 'hospital';
	if (/农|林|畜牧|草|水产/.test(name)) return 'agri';
	if (/机械|工程|电|化工|冶金|金属|汽车|煤|工业|工信/.test(name)) return 'enterprise';
	if (/科普|教育|科技馆/.test(name)) return 'school';
	return null;
}

/** Universities the nominees studied at, nationwide. */
export const SCHOOLS = [
	'清华大学',
	'浙江大学',
	'中南大学',
	'华中科技大学',
	'四川大学',
	'中山大学',
	'武汉大学',
	'西安交通大学',
	'中国农业大学',
	'兰州大学',
	'吉林大学',
	'哈尔滨工业大学',
	'南京大学',
	'北京协和医学院',
	'首都医科大学',
	'西北农林科技大学',
	'大连理工大学'
];

/** Former employers outside the region, by kind, for career histories and conflicts of interest. */
export const FORMER_UNITS: Record<UnitKind, string[]> = {
	university: ['中南大学', '华中科技大学', '四川大学', '西北工业大学'],
	institute: ['中国科学院大连化学物理研究所', '中国科学院南京土壤研究所', '中国农业科学院作物科学研究所'],
	enterprise: ['华为技术有限公司', '中国中车株洲电力机车有限公司', '宝山钢铁股份有限公司', '潍柴动力股份有限公司'],
	defence: ['中国航天科工集团第二研究院', '中国兵器工业集团第二〇一研究所', '中国航发沈阳发动机研究所'],
	hospital: ['北京大学第三医院', '中南大学湘雅医院', '中国疾病预防控制中心', '四川大学华西医院'],
	agri: ['全国农业技术推广服务中心', '中国农业科学院作物科学研究所', '中国热带农业科学院'],
	school: ['中国科学技术馆', '北京市第四中学']
};

/** The junior post someone held before their current title, by kind of unit. */
export const JUNIOR_ROLES: Record<UnitKind, string> = {
	university: '讲师',
	institute: '助理研究员',
	enterprise: '工程师',
	defence: '工程师',
	hospital: '主治医师',
	agri: '农艺师',
	school: '教师'
};
