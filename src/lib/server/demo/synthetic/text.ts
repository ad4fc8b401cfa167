// Texts of synthetic nominations: 主要事迹, 感人故事, 所获重要奖励. Each deeds text names the
// person in every way a real one does (full name, given name, 王教授, 老王) and names the unit,
// so anonymization can be tested against what offices actually write.
import type { Rng } from './names';
import type { UnitKind } from './regions';

export interface TextPerson {
	name: string;
	surname: string;
	given: string;
	/** 王教授 / 王工 / 才让老师 */
	honorific: string;
	/** 老王 / 王姐 / 才让 */
	familiar: string;
	he: '他' | '她';
	unit: string;
	title: string;
	specialty: string;
	kind: UnitKind;
	land: string;
	prefix: string;
	startYear: number;
	refYear: number;
	age: number;
}

type Line = (p: TextPerson, rng: Rng) => string;

const ACHIEVEMENTS: Record<UnitKind, Line[]> = {
	university: [
		(p, r) =>
			`${p.he}带领团队在${p.specialty}方向持续攻关，先后主持国家自然科学基金项目${r.int(2, 6)}项，在国内外重要期刊发表论文${r.int(40, 120)}篇。`,
		(p, r) =>
			`${p.he}建成了区域内首个${p.specialty}公共实验平台，累计向${r.int(30, 90)}家单位开放共享，服务科研人员${r.int(500, 3000)}人次。`,
		(p, r) =>
			`在教学一线，${p.he}坚持为本科生讲授专业基础课，${r.int(10, 25)}年来培养研究生${r.int(30, 80)}名，其中多人已成长为业务骨干。`,
		(p) =>
			`${p.he}把实验室的成果带到企业车间，与地方企业共建联合研发中心，推动多项专利实现转化，解决了困扰企业多年的技术难题。`
	],
	institute: [
		(p, r) =>
			`${p.he}长期坚守野外台站，累计采集样本${r.int(2, 9)}万余份，建立了${p.prefix}${p.specialty}基础数据库，为科学决策提供了可靠依据。`,
		(p, r) =>
			`${p.he}主持选育新品种（系）${r.int(3, 12)}个，获授权发明专利${r.int(5, 20)}件，相关技术在${r.int(10, 40)}个县推广应用。`,
		(p) => `面对关键技术受制于人的局面，${p.he}带领课题组从零起步，自主研制出核心装置，打破了国外的长期垄断。`,
		(p, r) =>
			`${p.he}牵头组建跨学科创新团队，承担国家重点研发计划课题${r.int(1, 4)}项，团队成员平均年龄不到${r.int(33, 38)}岁。`
	],
	enterprise: [
		(p, r) =>
			`${p.he}主持完成企业重大技改项目${r.int(5, 15)}项，使关键工序效率提升${r.int(15, 45)}%，每年为企业节约成本${r.int(2000, 9000)}万元。`,
		(p, r) =>
			`${p.he}带领攻关小组突破${p.specialty}领域多项“卡脖子”技术，获授权发明专利${r.int(8, 30)}件，产品远销${r.int(10, 60)}个国家和地区。`,
		(p) => `${p.he}创建的劳模创新工作室成为企业人才培养的摇篮，一批青年技术人员在这里成长为独当一面的工程师。`,
		(p, r) =>
			`${p.he}参与制定行业标准${r.int(2, 6)}项，推动生产线数字化改造，使产品一次合格率达到${r.int(97, 99)}%以上。`
	],
	defence: [
		(p, r) => `${p.he}参与多型重点装备研制任务，负责的${p.specialty}分系统在${r.int(10, 40)}余次试验中保持零故障。`,
		(p) => `为攻克一项关键工艺，${p.he}带领团队在试验场连续奋战数月，最终使产品性能指标全面达到设计要求。`,
		(p, r) => `${p.he}编写的工艺规范被列为企业标准，培养技术骨干${r.int(20, 60)}名，为装备批量生产提供了坚实保障。`
	],
	hospital: [
		(p, r) =>
			`${p.he}在${p.specialty}领域深耕多年，年均完成诊疗${r.int(3000, 9000)}人次，主持开展新技术新项目${r.int(5, 20)}项，多项填补区域空白。`,
		(p, r) =>
			`${p.he}牵头建立覆盖${r.int(20, 80)}家基层医院的专科联盟，定期下沉带教，使基层患者在家门口就能得到规范诊治。`,
		(p) => `在重大公共卫生事件中，${p.he}主动请缨奔赴一线，连续数十天坚守岗位，制定的救治方案被多家医院采用。`,
		(p, r) => `${p.he}主持省部级科研课题${r.int(3, 10)}项，相关成果写入诊疗规范，惠及数以万计的患者。`
	],
	agri: [
		(p, r) => `${p.he}常年奔走在田间地头，累计开展技术培训${r.int(200, 800)}场次，培训农民${r.int(1, 5)}万余人次。`,
		(p, r) =>
			`${p.he}推广的${p.specialty}集成技术覆盖面积达${r.int(10, 90)}万亩，带动农户亩均增收${r.int(300, 1500)}元。`,
		(p) => `${p.he}在贫困村蹲点帮扶，手把手教村民科学种养，帮助村集体建起特色产业基地，成为群众信赖的“科技特派员”。`,
		(p, r) =>
			`${p.he}牵头制定地方技术规程${r.int(2, 8)}项，组建由${r.int(10, 40)}名农技员组成的服务队，把技术送到千家万户。`
	],
	school: [
		(p, r) =>
			`${p.he}组织青少年科技创新活动${r.int(50, 200)}余场，指导学生获得全国青少年科技创新大赛等奖项${r.int(10, 50)}项。`,
		(p) => `${p.he}把科普课堂搬进乡村学校，自费购置实验器材，让山区孩子第一次用望远镜看到了月球环形山。`,
		(p, r) =>
			`${p.he}编写科普读物${r.int(3, 10)}部，制作科普短视频${r.int(50, 300)}条，网络播放量累计超过${r.int(100, 900)}万次。`
	]
};

/** Achievements that fit any kind of unit, used once the kind's own ones are spent. */
const GENERIC: Line[] = [
	(p, r) =>
		`${p.he}先后主持和参与各级科研项目${r.int(10, 30)}项，取得了一批具有自主知识产权的成果，多项技术达到国内先进水平。`,
	(p, r) => `${p.he}注重团队建设，甘当人梯，培养的${r.int(10, 40)}名青年骨干中已有多人获得高级职称、走上重要岗位。`,
	(p, r) =>
		`${p.he}积极投身科普工作，每年深入社区、学校和乡村开展科普讲座${r.int(10, 40)}场次，让科学知识走进千家万户。`,
	(p, r) =>
		`${p.he}坚持把科研成果送到一线，与${r.int(5, 30)}家基层单位建立了长期合作关系，解决实际问题${r.int(50, 200)}余个。`
];

function opening(p: TextPerson, rng: Rng): string {
	return rng.pick([
		`${p.name}，${p.unit}${p.title}，长期从事${p.specialty}研究与实践。自${p.startYear}年参加工作以来，${p.he}扎根${p.land}，${p.refYear - p.startYear}年如一日坚守在科技一线。`,
		`${p.startYear}年，${p.name}来到${p.unit}工作，从此与${p.specialty}结下不解之缘。${p.he}始终坚持“四个面向”，把论文写在${p.land}上。`
	]);
}

function honorific(p: TextPerson, rng: Rng): string {
	return rng.pick([
		`在${p.unit}，同事们都习惯称${p.he}为“${p.honorific}”，遇到难题时第一个想到的总是${p.he}。`,
		`“有问题，找${p.honorific}。”这句话在${p.unit}流传已久，${p.he}的办公室常常到深夜还亮着灯。`
	]);
}

function familiar(p: TextPerson, rng: Rng): string {
	return rng.pick([
		`年轻人私下里亲切地叫${p.he}“${p.familiar}”，${p.familiar}总是把最好的机会让给年轻人。`,
		`合作单位的技术人员说，跟着${p.familiar}干活心里踏实，${p.familiar}从不摆架子。`
	]);
}

function givenName(p: TextPerson, rng: Rng): string {
	return rng.pick([
		`${p.he}的导师至今记得，当年的毕业评语里写着：“${p.given}做事踏实，肯下苦功。”`,
		`家人说，${p.given}一年到头在家的日子屈指可数，却从没有一句怨言。`
	]);
}

function closing(p: TextPerson, rng: Rng): string {
	return rng.pick([
		`${p.name}常说：“科技工作者的价值，要在服务国家和人民中实现。”${p.he}用实际行动诠释了新时代科技工作者的责任与担当。`,
		`谈到未来，${p.name}说：“只要群众需要，我就一直干下去。”朴实的话语背后，是一名科技工作者的初心与坚守。`
	]);
}

/** A 主要事迹 of about `target` characters (never above `max`), naming the person every way. */
export function makeDeeds(p: TextPerson, rng: Rng, target: number, max: number): string {
	const head = [opening(p, rng), honorific(p, rng)];
	const tail = [familiar(p, rng), givenName(p, rng), closing(p, rng)];
	const pool = rng.shuffle(ACHIEVEMENTS[p.kind]).map((f) => f(p, rng));
	const general = rng.shuffle(GENERIC).map((f) => f(p, rng));
	const middle: string[] = [];
	const size = () => [...head, ...middle, ...tail].join('').length;
	for (const s of [...pool, ...general]) {
		if (size() >= target) break;
		if (size() + s.length <= max) middle.push(s);
	}
	return [...head, ...middle, ...tail].join('').slice(0, max);
}

const STORIES: Line[] = [
	(p, r) =>
		`${r.int(3, 12)}年前的一个冬夜，一通急促的电话打破了宁静。${p.honorific}二话没说，披上外衣就出了门。山路结冰，车子开不进去，${p.he}就打着手电步行了两个多小时。赶到现场时，${p.he}的鞋子已经湿透，却顾不上休息，立刻投入工作，一直忙到天亮。`,
	(p) =>
		`有一次，${p.he}在连续工作三十多个小时后晕倒在岗位上。醒来后的第一句话是：“数据保存好了吗？”同事们既心疼又感动。出院第二天，${p.he}又出现在了熟悉的岗位上。`,
	(p, r) =>
		`一位老乡专程走了${r.int(20, 90)}里路，给${p.familiar}送来一篮自家种的水果，说什么也不肯收钱。“要不是${p.honorific}，我们家今年就揭不开锅了。”${p.he}推辞不过，转身又把水果分给了一起下乡的年轻人。`,
	(p) =>
		`为了一组关键数据，${p.he}在零下二十多度的野外守了整整一个星期。帐篷被大风掀翻，${p.he}就裹着大衣蜷在车里记录。回来后，${p.he}只说了一句：“数据是真的，吃的苦就值。”`,
	(p, r) =>
		`${p.he}的抽屉里珍藏着${r.int(30, 200)}多封感谢信，最早的一封已经泛黄。每当遇到困难，${p.he}就拿出来读一读。${p.he}说，这些信是对自己最好的鞭策。`,
	(p) =>
		`女儿高考那年，${p.he}正在外地带队攻关，只在考前打了一个电话。后来女儿在作文里写道：“我的${p.he === '他' ? '爸爸' : '妈妈'}属于很多人，但我为${p.he}骄傲。”`
];

/** A 感人故事 of about `target` characters (never above `max`). */
export function makeStory(p: TextPerson, rng: Rng, target: number, max: number): string {
	const parts: string[] = [];
	for (const f of rng.shuffle(STORIES)) {
		const s = f(p, rng);
		const len = parts.join('').length;
		if (len >= target) break;
		if (len + s.length <= max) parts.push(s);
	}
	return parts.join('').slice(0, max);
}

const KIND_AWARDS: Partial<Record<UnitKind, ((p: TextPerson, y: number, rng: Rng) => string)[]>> = {
	agri: [
		(p, y) => `${y}年全国农牧渔业丰收奖农业技术推广成果奖`,
		(p, y, r) => `${y}年神农中华农业科技奖${r.pick(['二', '三'])}等奖`
	],
	hospital: [
		(p, y, r) => `${y}年${p.prefix}医药卫生科技奖${r.pick(['一', '二', '三'])}等奖`,
		(p, y) => `${y}年${p.prefix}优秀医师`
	],
	enterprise: [(p, y) => `${y}年中国专利优秀奖`, (p, y, r) => `${y}年${p.prefix}技术发明奖${r.pick(['二', '三'])}等奖`],
	defence: [(p, y) => `${y}年国防科学技术进步奖三等奖`],
	school: [(p, y) => `${y}年全国科普工作先进工作者`]
};

/** 1–3 awards of the last five years; none is a 最美 title or a national honour. */
export function makeAwards(p: TextPerson, rng: Rng, count: number): string[] {
	const y = () => p.refYear - rng.int(1, 5);
	const pool = [
		...(KIND_AWARDS[p.kind] ?? []).map((f) => () => f(p, y(), rng)),
		() => `${y()}年${p.prefix}科学技术进步奖${rng.pick(['一', '二', '三'])}等奖（排名第${rng.int(1, 3)}）`,
		...(p.age < 45 ? [() => `${y()}年${p.prefix}青年科技奖`] : []),
		() => `${y()}年${p.prefix}五一劳动奖章`,
		() => `${y()}年${p.prefix}科普工作先进个人`
	];
	return rng
		.shuffle(pool)
		.slice(0, count)
		.map((f) => f());
}
