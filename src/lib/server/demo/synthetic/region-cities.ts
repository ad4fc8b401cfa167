// Word lists of the prefecture-level regions (晋城, 衡水) for synthetic nominations; moved out of
// regions.ts, which picks one by the campaign's region (regionFor).
import type { RegionData } from './regions';

export const JINCHENG: RegionData = {
	key: 'jincheng',
	native: '山西晋城',
	prefix: '晋城市',
	land: '太行山下',
	areaCode: '0356',
	postcode: '048000',
	localities: ['城区', '泽州县', '高平市', '阳城县', '陵川县', '沁水县'],
	units: {
		university: ['晋城职业技术学院', '太原理工大学晋城校区'],
		institute: ['晋城市农业科学研究所', '晋城市林业科学研究所', '山西省煤层气研究院'],
		enterprise: [
			'晋能控股装备制造集团有限公司',
			'山西兰花科技创业股份有限公司',
			'富士康科技集团晋城科技工业园',
			'山西蓝焰煤层气集团有限责任公司'
		],
		defence: ['晋能控股装备制造集团有限公司'],
		hospital: ['晋城市人民医院', '晋城大医院', '晋城市中医院', '晋城市疾病预防控制中心'],
		agri: ['晋城市农业技术推广中心', '晋城市畜牧兽医技术服务中心'],
		school: ['晋城市科技馆', '晋城市第一中学']
	},
	channels: {
		学会: [
			{ name: '晋城市医学会', kind: 'hospital' },
			{ name: '晋城市煤炭学会', kind: 'enterprise' },
			{ name: '晋城市农学会', kind: 'agri' }
		],
		企业: [
			{ name: '山西兰花科技创业股份有限公司', kind: 'enterprise' },
			{ name: '晋能控股装备制造集团有限公司', kind: 'enterprise' }
		],
		高校: [{ name: '晋城职业技术学院', kind: 'university' }],
		厅局: [
			{ name: '晋城市卫生健康委员会', kind: 'hospital' },
			{ name: '晋城市农业农村局', kind: 'agri' }
		]
	}
};

export const HENGSHUI: RegionData = {
	key: 'hengshui',
	native: '河北衡水',
	prefix: '衡水市',
	land: '冀中平原',
	areaCode: '0318',
	postcode: '053000',
	localities: [
		'桃城区',
		'冀州区',
		'枣强县',
		'武邑县',
		'深州市',
		'武强县',
		'饶阳县',
		'安平县',
		'故城县',
		'景县',
		'阜城县'
	],
	units: {
		university: ['衡水学院', '衡水职业技术学院', '河北工程技术学院'],
		institute: ['衡水市农业科学研究院', '河北省农林科学院旱作农业研究所'],
		enterprise: [
			'河北衡水老白干酒业股份有限公司',
			'衡水橡胶股份有限公司',
			'衡水京华化工有限公司',
			'河北安平丝网产业技术研究院'
		],
		defence: ['衡水橡胶股份有限公司'],
		hospital: ['衡水市人民医院', '衡水市第二人民医院', '衡水市中医医院', '衡水市疾病预防控制中心'],
		agri: ['衡水市农业技术推广站', '衡水市畜牧技术推广站'],
		school: ['衡水市科技馆', '衡水市第二中学']
	},
	channels: {
		学会: [
			{ name: '衡水市医学会', kind: 'hospital' },
			{ name: '衡水市农学会', kind: 'agri' },
			{ name: '衡水市化工学会', kind: 'enterprise' }
		],
		高校: [{ name: '衡水学院', kind: 'university' }]
	}
};
