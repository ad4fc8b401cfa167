// Word lists of the province-level regions (广西, 内蒙古, 青海) for synthetic nominations; moved
// out of regions.ts, which picks one by the campaign's region (regionFor).
import type { RegionData } from './regions';

export const GUANGXI: RegionData = {
	key: 'guangxi',
	native: '广西',
	prefix: '广西',
	land: '八桂大地',
	areaCode: '0771',
	postcode: '530022',
	localities: ['南宁市', '柳州市', '桂林市', '梧州市', '北海市', '玉林市', '百色市', '河池市'],
	units: {
		university: [
			'广西大学',
			'广西医科大学',
			'桂林电子科技大学',
			'广西师范大学',
			'桂林理工大学',
			'广西民族大学',
			'广西中医药大学'
		],
		institute: [
			'广西科学院',
			'广西农业科学院',
			'广西林业科学研究院',
			'广西壮族自治区中国科学院广西植物研究所',
			'广西海洋研究所'
		],
		enterprise: [
			'柳州钢铁集团有限公司',
			'上汽通用五菱汽车股份有限公司',
			'广西柳工机械股份有限公司',
			'广西玉柴机器集团有限公司',
			'广西北部湾国际港务集团有限公司',
			'广西农垦集团有限责任公司'
		],
		defence: ['广西柳工机械股份有限公司', '桂林长海发展有限责任公司'],
		hospital: [
			'广西医科大学第一附属医院',
			'广西壮族自治区人民医院',
			'南宁市第一人民医院',
			'广西壮族自治区疾病预防控制中心',
			'广西中医药大学第一附属医院'
		],
		agri: [
			'广西壮族自治区农业技术推广中心',
			'广西壮族自治区水产技术推广站',
			'广西甘蔗研究所',
			'广西壮族自治区畜牧研究所'
		],
		school: ['广西科技馆', '南宁市第二中学', '广西自然博物馆']
	},
	channels: {
		学会: [
			{ name: '广西机械工程学会', kind: 'enterprise' },
			{ name: '广西医学会', kind: 'hospital' },
			{ name: '广西农学会', kind: 'agri' },
			{ name: '广西化学化工学会', kind: 'university' },
			{ name: '广西计算机学会', kind: 'university' }
		],
		高校: [
			{ name: '广西大学', kind: 'university' },
			{ name: '桂林电子科技大学', kind: 'university' },
			{ name: '广西医科大学', kind: 'university' }
		],
		企业: [
			{ name: '柳州钢铁集团有限公司', kind: 'enterprise' },
			{ name: '广西玉柴机器集团有限公司', kind: 'enterprise' }
		],
		科研院所: [
			{ name: '广西农业科学院', kind: 'institute' },
			{ name: '广西科学院', kind: 'institute' }
		],
		厅局: [
			{ name: '广西壮族自治区卫生健康委员会', kind: 'hospital' },
			{ name: '广西壮族自治区农业农村厅', kind: 'agri' }
		]
	}
};

export const NEIMENGGU: RegionData = {
	key: 'neimenggu',
	native: '内蒙古',
	prefix: '内蒙古自治区',
	land: '北疆草原',
	areaCode: '0471',
	postcode: '010010',
	localities: ['呼和浩特市', '包头市', '赤峰市', '通辽市', '鄂尔多斯市', '呼伦贝尔市', '巴彦淖尔市', '乌兰察布市'],
	units: {
		university: [
			'内蒙古大学',
			'内蒙古工业大学',
			'内蒙古农业大学',
			'内蒙古医科大学',
			'内蒙古科技大学',
			'内蒙古师范大学'
		],
		institute: [
			'内蒙古自治区农牧业科学院',
			'内蒙古自治区林业科学研究院',
			'包头稀土研究院',
			'内蒙古自治区水利科学研究院'
		],
		enterprise: [
			'包头钢铁（集团）有限责任公司',
			'内蒙古伊利实业集团股份有限公司',
			'内蒙古蒙牛乳业（集团）股份有限公司',
			'中国北方稀土（集团）高科技股份有限公司',
			'内蒙古电力（集团）有限责任公司'
		],
		defence: ['内蒙古第一机械集团有限公司', '内蒙古北方重工业集团有限公司', '内蒙古航天红峡化工有限公司'],
		hospital: [
			'内蒙古自治区人民医院',
			'内蒙古医科大学附属医院',
			'内蒙古国际蒙医医院',
			'内蒙古自治区综合疾病预防控制中心'
		],
		agri: ['内蒙古自治区农牧业技术推广中心', '内蒙古自治区草原工作站', '内蒙古自治区动物疫病预防控制中心'],
		school: ['内蒙古科技馆', '呼和浩特市第二中学']
	},
	channels: {
		学会: [
			{ name: '内蒙古自治区农学会', kind: 'agri' },
			{ name: '内蒙古自治区医学会', kind: 'hospital' },
			{ name: '内蒙古自治区草学会', kind: 'agri' },
			{ name: '内蒙古自治区金属学会', kind: 'enterprise' }
		],
		企业: [
			{ name: '包头钢铁（集团）有限责任公司', kind: 'enterprise' },
			{ name: '内蒙古伊利实业集团股份有限公司', kind: 'enterprise' },
			{ name: '内蒙古电力（集团）有限责任公司', kind: 'enterprise' }
		],
		高校: [
			{ name: '内蒙古大学', kind: 'university' },
			{ name: '内蒙古农业大学', kind: 'university' }
		],
		军工: [
			{ name: '内蒙古第一机械集团有限公司', kind: 'defence' },
			{ name: '内蒙古北方重工业集团有限公司', kind: 'defence' }
		],
		科研院所: [{ name: '内蒙古自治区农牧业科学院', kind: 'institute' }]
	}
};

export const QINGHAI: RegionData = {
	key: 'qinghai',
	native: '青海',
	prefix: '青海省',
	land: '青藏高原',
	areaCode: '0971',
	postcode: '810008',
	localities: [
		'西宁市',
		'海东市',
		'海北藏族自治州',
		'黄南藏族自治州',
		'海南藏族自治州',
		'果洛藏族自治州',
		'玉树藏族自治州',
		'海西蒙古族藏族自治州'
	],
	units: {
		university: ['青海大学', '青海师范大学', '青海民族大学'],
		institute: ['中国科学院西北高原生物研究所', '中国科学院青海盐湖研究所', '青海省农林科学院', '青海省畜牧兽医科学院'],
		enterprise: [
			'青海盐湖工业股份有限公司',
			'西部矿业集团有限公司',
			'青海黄河上游水电开发有限责任公司',
			'青海汽车制造有限责任公司'
		],
		defence: ['青海华鼎实业股份有限公司', '西宁特殊钢股份有限公司'],
		hospital: ['青海大学附属医院', '青海省人民医院', '青海省藏医院', '青海省疾病预防控制中心', '青海省妇女儿童医院'],
		agri: ['青海省农业技术推广总站', '青海省草原总站', '青海省水产技术推广站'],
		school: ['青海省科学技术馆', '西宁市第五中学']
	},
	channels: {
		学会: [
			{ name: '青海省医学会', kind: 'hospital' },
			{ name: '青海省农学会', kind: 'agri' },
			{ name: '青海省化学化工学会', kind: 'enterprise' }
		],
		高校: [
			{ name: '青海大学', kind: 'university' },
			{ name: '青海师范大学', kind: 'university' }
		],
		科研院所: [
			{ name: '青海省农林科学院', kind: 'institute' },
			{ name: '中国科学院西北高原生物研究所', kind: 'institute' }
		],
		企业: [
			{ name: '青海盐湖工业股份有限公司', kind: 'enterprise' },
			{ name: '西部矿业集团有限公司', kind: 'enterprise' }
		],
		军工: [{ name: '青海华鼎实业股份有限公司', kind: 'defence' }]
	}
};
