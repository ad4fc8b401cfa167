import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawPanels, poolHash, type DrawInput, type DrawResult } from './panel-draw';
import { validateDrawInput } from './draw-schema';
import { rng } from '../../server/demo/synthetic/random';

const UNITS = ['广西大学', '桂林电子科技大学', '广西医科大学', '广西民族大学'];
const REGIONS = ['南宁市', '桂林市', '柳州市'];

function randomPool(seed: number, n: number) {
	const r = rng(seed);
	return Array.from({ length: n }, (_, i) => ({
		id: `P${String(i).padStart(3, '0')}`,
		name: `专家${i}`,
		unit: UNITS[Math.floor(r() * UNITS.length)],
		fields: ['工科', '医科', '农科'].filter(() => r() < 0.5),
		region: REGIONS[Math.floor(r() * REGIONS.length)]
	}));
}

function input(seed: number): DrawInput {
	const pool = randomPool(seed, 40);
	const r = rng(seed + 1000);
	return {
		pool,
		panels: [
			{ field: '工科', size: 3, alternates: 2, maxPerUnit: 2 },
			{ field: '医科', size: 2, alternates: 1, maxPerUnit: 1, maxPerRegion: 2 }
		],
		exclude: pool.filter(() => r() < 0.2).map((p) => ({ expert: p.id, reason: '与候选人同单位' }))
	};
}

describe('drawPanels', () => {
	it('never picks an excluded, off-field, over-unit, over-region or repeated expert (200 draws)', () => {
		let drawn = 0;
		for (let s = 0; s < 200; s++) {
			const inp = input(s % 20);
			const res = drawPanels(inp, `seed ${s}`);
			if ('error' in res) continue;
			drawn++;
			const byId = new Map(inp.pool.map((p) => [p.id, p]));
			const excluded = new Set(inp.exclude.map((x) => x.expert));
			const all = res.panels.flatMap((p) => [...p.members, ...p.alternates]);
			expect(new Set(all).size).toBe(all.length);
			res.panels.forEach((panel, i) => {
				const req = inp.panels[i];
				expect(panel.members.length).toBe(req.size);
				expect(panel.alternates.length).toBe(req.alternates);
				const units = new Map<string, number>();
				const regions = new Map<string, number>();
				for (const id of [...panel.members, ...panel.alternates]) {
					const e = byId.get(id)!;
					expect(excluded.has(id)).toBe(false);
					expect(e.fields).toContain(req.field);
					units.set(e.unit!, (units.get(e.unit!) ?? 0) + 1);
					regions.set(e.region!, (regions.get(e.region!) ?? 0) + 1);
				}
				for (const c of units.values()) expect(c).toBeLessThanOrEqual(req.maxPerUnit!);
				if (req.maxPerRegion) for (const c of regions.values()) expect(c).toBeLessThanOrEqual(req.maxPerRegion);
			});
		}
		expect(drawn).toBeGreaterThan(100);
	});

	it('draws uniformly: over 3,000 seeds each eligible expert is a member size/N of the time', () => {
		const pool = Array.from({ length: 10 }, (_, i) => ({ id: `P${i}`, unit: `U${i}`, fields: ['工科'] }));
		const inp: DrawInput = {
			pool,
			panels: [{ field: '工科', size: 3, alternates: 1 }],
			exclude: [{ expert: 'P9', reason: '回避' }]
		};
		const N = 3000;
		const members = new Map<string, number>();
		const firstAlternate = new Map<string, number>();
		for (let s = 0; s < N; s++) {
			const res = drawPanels(inp, String(s)) as DrawResult;
			for (const id of res.panels[0].members) members.set(id, (members.get(id) ?? 0) + 1);
			firstAlternate.set(res.panels[0].alternates[0], (firstAlternate.get(res.panels[0].alternates[0]) ?? 0) + 1);
		}
		expect(members.has('P9')).toBe(false);
		const p = 3 / 9;
		for (let i = 0; i < 9; i++) {
			const f = (members.get(`P${i}`) ?? 0) / N;
			expect(Math.abs(f - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
			const a = (firstAlternate.get(`P${i}`) ?? 0) / N;
			expect(Math.abs(a - 1 / 9)).toBeLessThan(4 * Math.sqrt(((1 / 9) * (8 / 9)) / N));
		}
	});

	it('replays: same input and seed give the same answer; another seed usually differs', () => {
		const inp = input(3);
		const a = JSON.stringify(drawPanels(inp, '2024-05-06 纪检 37 12 88'));
		expect(JSON.stringify(drawPanels(structuredClone(inp), '2024-05-06 纪检 37 12 88'))).toBe(a);
		// pool order does not change the draw (experts are sorted by id), only the hash of the pool as given
		const reversed = { ...inp, pool: [...inp.pool].reverse() };
		expect((drawPanels(reversed, '2024-05-06 纪检 37 12 88') as DrawResult).panels).toEqual(
			(JSON.parse(a) as DrawResult).panels
		);
		const others = new Set(
			Array.from({ length: 10 }, (_, s) => JSON.stringify((drawPanels(inp, `o${s}`) as DrawResult).panels))
		);
		expect(others.size).toBeGreaterThan(5);
	});

	it('a field-scoped exclusion holds only for that field', () => {
		const pool = [
			{ id: 'A', unit: 'U1', fields: ['工科', '医科'] },
			{ id: 'B', unit: 'U2', fields: ['医科'] }
		];
		const res = drawPanels(
			{ pool, panels: [{ field: '医科', size: 2, alternates: 0 }], exclude: [{ expert: 'A', field: '工科' }] },
			's'
		) as DrawResult;
		expect([...res.panels[0].members].sort()).toEqual(['A', 'B']);
		const refused = drawPanels(
			{ pool, panels: [{ field: '医科', size: 2, alternates: 0 }], exclude: [{ expert: 'A', field: '医科' }] },
			's'
		);
		expect('error' in refused).toBe(true);
	});

	it('names the panel and the shortfall when too few are eligible', () => {
		const pool = [
			{ id: 'A', unit: 'U1', fields: ['工科'] },
			{ id: 'B', unit: 'U1', fields: ['工科'] },
			{ id: 'C', unit: 'U2', fields: ['工科'] }
		];
		const res = drawPanels(
			{ pool, panels: [{ field: '工科', size: 2, alternates: 1, maxPerUnit: 1 }], exclude: [] },
			's'
		);
		expect(res).toMatchObject({ error: 'INFEASIBLE', panel: '工科', needed: 3, available: 2, shortfall: 1 });
	});

	it('poolHash is SHA-256 of the canonical JSON of the pool', () => {
		expect(poolHash([{ id: 'A', fields: [] }])).toBe(poolHash([{ fields: [], id: 'A' }]));
		expect(poolHash([{ id: 'A', fields: [] }])).not.toBe(poolHash([{ id: 'A', fields: ['工科'] }]));
	});

	it('validation refuses unknown experts in exclude, bad sizes and misspelt keys', () => {
		const pool = [{ id: 'A', fields: ['工科'] }];
		expect(validateDrawInput({ pool, panels: [{ field: '工科', size: 1 }], exclude: [{ expert: 'Z' }] })).toMatchObject(
			{ ok: false, path: 'exclude[0].expert' }
		);
		expect(validateDrawInput({ pool, panels: [{ field: '工科', size: 0 }] })).toMatchObject({
			ok: false,
			path: 'panels[0].size'
		});
		expect(validateDrawInput({ pool, panels: [{ field: '工科', size: 1, maxperunit: 1 }] })).toMatchObject({
			ok: false
		});
		expect(validateDrawInput({ pool, panels: [{ field: '工科', size: 1 }] })).toMatchObject({ ok: true });
	});
});

describe('laurel draw (CLI)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'laurel-draw-test-'));
	const run = (inst: unknown, ...extra: string[]) => {
		const file = join(dir, `d${Math.random().toString(36).slice(2)}.json`);
		writeFileSync(file, JSON.stringify(inst));
		return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/laurel.ts', 'draw', '--in', file, ...extra], {
			encoding: 'utf8'
		});
	};
	it('replays byte for byte, --seed overrides, exit 3 on shortfall, exit 2 on bad input', { timeout: 60_000 }, () => {
		const inst = { seed: '37 12 88', ...input(5) };
		const a = run(inst);
		expect(a.status).toBe(0);
		expect(run(inst).stdout).toBe(a.stdout);
		const json = JSON.parse(a.stdout);
		expect(json.seed).toBe('37 12 88');
		expect(json.poolHash).toBe(poolHash(inst.pool));
		expect(JSON.parse(run(inst, '--seed', 'x').stdout).seed).toBe('x');
		const short = run({ ...inst, panels: [{ field: '工科', size: 40, alternates: 0 }] });
		expect(short.status).toBe(3);
		expect(JSON.parse(short.stdout)).toMatchObject({ error: 'INFEASIBLE', panel: '工科' });
		expect(run({ pool: 'x', panels: [] }).status).toBe(2);
	});
});
