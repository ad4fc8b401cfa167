// Word lists and a seeded random source for synthetic nominations (synthetic.ts).
// Everything here is fictional; only the spelling patterns are realistic.

/** mulberry32: tiny, fast and good enough for fixtures; same seed → same sequence everywhere. */
export class Rng {
	private a: number;
	constructor(seed: number) {
		this.a = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
	}
	next(): number {
		this.a = (this.a + 0x6d2b79f5) >>> 0;
		let t = this.a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	/** Integer in [lo, hi], both included. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}
	shuffle<T>(items: readonly T[]): T[] {
		const a = [...items];
		for (let i = a.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[a[i], a[j]] = [a[j], a[i]];
		}
		return a;
	}
	/** A child stream, so adding draws in one part does not shift another. */
	fork(salt: number): Rng {
		return new Rng(Math.floor(this.next() * 4294967296) ^ salt);
	}
}

/** Common surnames with pinyin (for e-mail addresses). */
const SURNAMES: [string, string][] = [
	['王', 'wang'],
	['李', 'li'],
	['张', 'zhang'],
	['刘', 'liu'],
	['陈', 'chen'],
	['杨', 'yang'],
	['黄', 'huang'],
	['赵', 'zhao'],
	['吴', 'wu'],
	['周', 'zhou'],
	['徐', 'xu'],
	['孙', 'sun'],
	['马', 'ma'],
	['朱', 'zhu'],
	['胡', 'hu'],
	['郭', 'guo'],
	['何', 'he'],
	['高', 'gao'],
	['林', 'lin'],
	['罗', 'luo'],
	['郑', 'zheng'],
	['梁', 'liang'],
	['谢', 'xie'],
	['宋', 'song'],
	['唐', 'tang'],
	['许', 'xu'],
	['韩', 'han'],
	['冯', 'feng'],
	['邓', 'deng'],
	['曹', 'cao'],
	['彭', 'peng'],
	['曾', 'zeng'],
	['肖', 'xiao'],
	['田', 'tian'],
	['董', 'dong'],
	['袁', 'yuan'],
	['潘', 'pan'],
	['于', 'yu'],
	['蒋', 'jiang'],
	['蔡', 'cai'],
	['余', 'yu'],
	['杜', 'du'],
	['叶', 'ye'],
	['程', 'cheng'],
	['苏', 'su'],
	['魏', 'wei'],
	['吕', 'lv'],
	['丁', 'ding'],
	['任', 'ren'],
	['沈', 'shen'],
	['姚', 'yao'],
	['卢', 'lu'],
	['姜', 'jiang'],
	['崔', 'cui'],
	['钟', 'zhong'],
	['谭', 'tan'],
	['陆', 'lu'],
	['汪', 'wang'],
	['范', 'fan'],
	['金', 'jin'],
	['石', 'shi'],
	['廖', 'liao'],
	['贾', 'jia'],
	['夏', 'xia'],
	['付', 'fu'],
	['方', 'fang'],
	['白', 'bai'],
	['邹', 'zou'],
	['孟', 'meng'],
	['熊', 'xiong'],
	['秦', 'qin'],
	['邱', 'qiu'],
	['尹', 'yin'],
	['薛', 'xue'],
	['闫', 'yan'],
	['段', 'duan'],
	['雷', 'lei'],
	['侯', 'hou'],
	['龙', 'long'],
	['史', 'shi'],
	['陶', 'tao'],
	['贺', 'he'],
	['顾', 'gu'],
	['郝', 'hao'],
	['武', 'wu'],
	['乔', 'qiao'],
	['常', 'chang'],
	['牛', 'niu'],
	['申', 'shen'],
	['靳', 'jin'],
	['裴', 'pei']
];
/** Surnames frequent in Guangxi (Zhuang and local Han families). */
const GUANGXI_SURNAMES: [string, string][] = [
	['韦', 'wei'],
	['覃', 'qin'],
	['黄', 'huang'],
	['蒙', 'meng'],
	['莫', 'mo'],
	['农', 'nong'],
	['梁', 'liang'],
	['陆', 'lu'],
	['廖', 'liao'],
	['蓝', 'lan'],
	['卢', 'lu'],
	['黎', 'li']
];

const MALE_CHARS =
	'伟强军勇杰涛明超华建国峰磊刚斌波鹏辉林浩宇俊志文海平东晨亮飞成龙新永振庆学忠宏德福民江松毅凯锋健晓荣光春立群';
const FEMALE_CHARS = '芳娜敏静丽艳娟霞秀玲燕红萍婷雪琳慧莉颖洁琴梅兰丹倩蕾佳欣怡璐晶薇月春英凤云华玉桂淑宁';

/** Native names without a surname, used for some Tibetan and Mongolian candidates. */
const TIBETAN_MALE = [
	'扎西',
	'才让',
	'多杰',
	'尼玛',
	'索南',
	'旦增',
	'更登',
	'桑杰',
	'才让多杰',
	'扎西尼玛',
	'索南才让',
	'更登加措'
];
const TIBETAN_FEMALE = ['卓玛', '拉毛', '央金', '措姆', '德吉', '卓嘎', '才让卓玛', '拉毛措', '央金卓玛'];
const MONGOLIAN_MALE = ['巴特尔', '额尔敦', '乌力吉', '巴图', '朝鲁', '苏和', '孟和', '哈斯', '那顺', '巴雅尔'];
const MONGOLIAN_FEMALE = ['其其格', '乌云', '斯琴', '萨仁', '娜仁', '托娅', '乌云其其格', '斯琴高娃', '萨仁高娃'];

export interface PersonName {
	name: string;
	/** Empty for native names without a surname. */
	surname: string;
	/** The given name, or for native names the short form colleagues use. */
	given: string;
	pinyin: string;
}

export type RegionKey = 'guangxi' | 'neimenggu' | 'qinghai' | 'jincheng' | 'hengshui' | 'other';

export function makeName(rng: Rng, gender: '男' | '女', ethnicity: string, region: RegionKey): PersonName {
	if ((ethnicity === '藏族' || ethnicity === '蒙古族') && rng.chance(0.5)) {
		const pool =
			ethnicity === '藏族'
				? gender === '男'
					? TIBETAN_MALE
					: TIBETAN_FEMALE
				: gender === '男'
					? MONGOLIAN_MALE
					: MONGOLIAN_FEMALE;
		const name = rng.pick(pool);
		return { name, surname: '', given: name.length >= 4 ? name.slice(0, 2) : name, pinyin: 'user' };
	}
	const [surname, pinyin] = region === 'guangxi' && rng.chance(0.4) ? rng.pick(GUANGXI_SURNAMES) : rng.pick(SURNAMES);
	const chars = gender === '男' ? MALE_CHARS : FEMALE_CHARS;
	let given = rng.pick([...chars]);
	if (rng.chance(0.7)) {
		let second = rng.pick([...chars]);
		while (second === given) second = rng.pick([...chars]);
		given += second;
	}
	return { name: surname + given, surname, given, pinyin };
}

/** Ethnic mix of science staff by region: mostly 汉族, the region's large minorities next. */
const ETHNICITIES: Record<RegionKey, [string, number][]> = {
	guangxi: [
		['汉族', 0.62],
		['壮族', 0.3],
		['瑶族', 0.04],
		['侗族', 0.02],
		['苗族', 0.02]
	],
	neimenggu: [
		['汉族', 0.72],
		['蒙古族', 0.22],
		['满族', 0.03],
		['回族', 0.03]
	],
	qinghai: [
		['汉族', 0.66],
		['藏族', 0.16],
		['回族', 0.12],
		['土族', 0.04],
		['撒拉族', 0.02]
	],
	jincheng: [
		['汉族', 0.97],
		['回族', 0.02],
		['满族', 0.01]
	],
	hengshui: [
		['汉族', 0.96],
		['回族', 0.03],
		['满族', 0.01]
	],
	other: [
		['汉族', 0.92],
		['回族', 0.03],
		['满族', 0.03],
		['蒙古族', 0.02]
	]
};

export function pickEthnicity(rng: Rng, region: RegionKey): string {
	let x = rng.next();
	for (const [name, p] of ETHNICITIES[region]) {
		if ((x -= p) < 0) return name;
	}
	return '汉族';
}

export function pickParty(rng: Rng): string {
	const x = rng.next();
	if (x < 0.72) return '中共党员';
	if (x < 0.84) return '群众';
	return rng.pick(['九三学社社员', '民盟盟员', '农工党党员', '致公党党员', '民进会员', '无党派人士']);
}

export function mobileNumber(rng: Rng): string {
	return (
		rng.pick(['138', '139', '135', '137', '150', '152', '158', '159', '177', '180', '186', '189']) +
		String(rng.int(0, 99999999)).padStart(8, '0')
	);
}

export function emailFor(rng: Rng, pinyin: string, birthYear: number): string {
	return `${pinyin}${rng.chance(0.5) ? birthYear : rng.int(100, 9999)}@${rng.pick(['163.com', '126.com', 'qq.com', 'sina.com'])}`;
}
