// Bench: conflict detection, 2,000 candidates × 400 experts with realistic unit names
// (region prefixes written long or short, sub-units, company suffixes, titles).
// Prints the median time of the indexed detection against the target and against the
// all-pairs reference (same unit keys, every pair compared) measured in the same run,
// and checks both give the same list. Exit 1 when the target is missed or they differ.
import { unitsMatch } from '../../src/lib/domain/intake/work-units';
import {
	detectConflicts,
	detectConflictsNaive,
	type CandidateProfile,
	type ExpertProfile
} from '../../src/lib/domain/conflicts';
import { printFigures } from './figures';

const CANDIDATES = 2000;
const EXPERTS = 400;
const TARGET_MS = 300;
const RUNS = 5;

// Deterministic PRNG (mulberry32) so every run measures the same data.
function rng(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const r = rng(20240630);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const PROVINCES = [
	['广西壮族自治区', '广西'],
	['山西省', '山西'],
	['内蒙古自治区', '内蒙古'],
	['青海省', '青海'],
	['河北省', '河北']
];
const CITIES = ['南宁市', '柳州市', '桂林市', '晋城市', '衡水市', '西宁市', '包头市', '鄂尔多斯市', '北海市', '钦州市'];
const KINDS = [
	'大学',
	'农业科学院',
	'人民医院',
	'第一人民医院',
	'第二人民医院',
	'中医院',
	'疾病预防控制中心',
	'农业技术推广站',
	'林业科学研究院',
	'钢铁集团有限公司',
	'机械股份有限公司',
	'电力有限责任公司',
	'第一中学',
	'科学技术协会',
	'畜牧研究所'
];
const SUBS = [
	'农学院',
	'医学院',
	'计算机学院',
	'心内科',
	'技术中心',
	'甘蔗研究所',
	'办公室',
	'质量部',
	'第一分公司',
	'检验科'
];
const TITLES = ['教授', '研究员', '主任医师', '高级工程师', '院长', '副所长', '总经理', '教授、院长', '副主任医师'];

const PLACE = [
	...'东兴武鸣宾阳横州上林马山隆安融水鹿寨阳朔灵川兴安全州平乐恭城合浦浦北灵山容县陆川博白兴业岑溪藤县蒙山'
];
function org(): string {
	const [full, short] = pick(PROVINCES);
	// Two place characters make ~1,000 distinct names per kind, like a real province.
	const kind = pick(KINDS);
	const place = pick(PLACE) + pick(PLACE);
	if (r() < 0.25) return (r() < 0.5 ? full : short) + (kind === '大学' ? place : '') + kind;
	return (r() < 0.3 ? full : '') + pick(CITIES) + place + kind;
}
const ORGS = Array.from({ length: 3000 }, org);
const unit = () => pick(ORGS) + (r() < 0.4 ? pick(SUBS) : '');
const NAMES = Array.from(
	{ length: 3000 },
	(_, i) => pick(['张', '王', '李', '欧阳', '高']) + String.fromCharCode(0x4e00 + ((i * 7919) % 20000))
);

const experts: ExpertProfile[] = Array.from({ length: EXPERTS }, (_, i) => ({
	id: `E${String(i + 1).padStart(3, '0')}`,
	unit: unit(),
	formerUnits: Array.from({ length: Math.floor(r() * 3) }, unit),
	school: pick(ORGS.filter((o) => o.endsWith('大学'))),
	declaredUnits: r() < 0.2 ? [unit()] : [],
	declaredPeople: r() < 0.2 ? [pick(NAMES)] : []
}));
const candidates: CandidateProfile[] = Array.from({ length: CANDIDATES }, (_, i) => ({
	id: `C${String(i + 1).padStart(4, '0')}`,
	name: pick(NAMES),
	unitAndTitle: `${unit()} ${pick(TITLES)}`,
	careerUnits: Array.from({ length: 1 + Math.floor(r() * 4) }, unit),
	school: pick(ORGS.filter((o) => o.endsWith('大学'))),
	channel: r() < 0.3 ? pick(CITIES) : pick(ORGS)
}));

function median(fn: () => unknown, runs: number): { ms: number; result: unknown } {
	const times: number[] = [];
	let result: unknown;
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		result = fn();
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	return { ms: times[Math.floor(times.length / 2)], result };
}

const fast = median(() => detectConflicts(experts, candidates), RUNS);
const naive = median(() => detectConflictsNaive(experts, candidates), 3);
// For scale: comparing raw names with unitsMatch() for every pair (what a first
// version would do), unit rules only, on a sample of candidates, extrapolated.
const SAMPLE = 20;
const t0 = performance.now();
let rawHits = 0;
for (const c of candidates.slice(0, SAMPLE)) {
	for (const e of experts) {
		for (const cu of [c.unitAndTitle, ...c.careerUnits, c.channel]) {
			for (const eu of [e.unit, ...e.formerUnits, ...(e.declaredUnits ?? [])]) if (unitsMatch(cu, eu)) rawHits++;
		}
	}
}
const rawMs = ((performance.now() - t0) * CANDIDATES) / SAMPLE;
const same = JSON.stringify(fast.result) === JSON.stringify(naive.result);
const found = (fast.result as unknown[]).length;

console.log(`conflicts: ${CANDIDATES} candidates × ${EXPERTS} experts, ${found} conflicts found`);
console.log(`  indexed   ${fast.ms.toFixed(1)} ms (median of ${RUNS}; target ${TARGET_MS} ms)`);
console.log(`  all-pairs ${naive.ms.toFixed(1)} ms (median of 3) → ${(naive.ms / fast.ms).toFixed(1)}× slower`);
console.log(
	`  unitsMatch on raw names, all pairs: ~${(rawMs / 1000).toFixed(1)} s (extrapolated ` +
		`from ${SAMPLE} candidates, ${rawHits} hits) → ~${Math.round(rawMs / fast.ms)}× slower`
);
console.log(`  results identical: ${same ? 'yes' : 'NO'}`);
printFigures('conflicts', {
	indexedMs: +fast.ms.toFixed(1),
	targetMs: TARGET_MS,
	allPairsMs: +naive.ms.toFixed(1),
	found,
	same
});
if (!same || fast.ms > TARGET_MS) process.exit(1);
