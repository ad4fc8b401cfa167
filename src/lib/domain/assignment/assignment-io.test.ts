// Input side of the assignment engine: instance validation, the `laurel assign` CLI and the load rule.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCap, solveAssignment, validateAssignmentInstance } from './';
import { FIELDS, randomInstance } from '../../../../tests/support/assignment-instances';

describe('validateAssignmentInstance', () => {
	const good = () => ({
		reviewsPerDossier: 1,
		dossiers: [{ id: 'D1', field: '前沿' }],
		experts: [{ id: 'E1', fields: ['前沿'], maxLoad: 2 }],
		conflicts: [{ expert: 'E1', dossier: 'D1' }],
		affinity: [{ expert: 'E1', dossier: 'D1', value: 2.5 }]
	});
	const bad = (mutate: (x: Record<string, any>) => void) => {
		const x: Record<string, any> = good();
		mutate(x);
		const r = validateAssignmentInstance(x);
		expect(r.ok).toBe(false);
		return r as { ok: false; message: string; path?: string };
	};

	it('accepts the contract example and fills optional arrays', () => {
		expect(validateAssignmentInstance(good()).ok).toBe(true);
		const r = validateAssignmentInstance({ reviewsPerDossier: 1, dossiers: [], experts: [] });
		expect(r).toEqual({
			ok: true,
			instance: { reviewsPerDossier: 1, dossiers: [], experts: [], conflicts: [], affinity: [] }
		});
	});
	it('rejects non-objects and missing arrays', () => {
		expect(validateAssignmentInstance([]).ok).toBe(false);
		expect(validateAssignmentInstance(null).ok).toBe(false);
		expect(bad((x) => delete x.dossiers)).toMatchObject({
			path: 'dossiers',
			message: expect.stringContaining('缺少数组 dossiers')
		});
		expect(bad((x) => (x.experts = {})).path).toBe('experts');
		expect(bad((x) => (x.conflicts = 'E1')).path).toBe('conflicts');
	});
	it('names the offending path', () => {
		expect(bad((x) => (x.reviewsPerDossier = 0)).path).toBe('reviewsPerDossier');
		expect(bad((x) => (x.reviewsPerDossier = 1.5)).path).toBe('reviewsPerDossier');
		expect(bad((x) => x.experts.push({ id: 'E2' }, { id: 'E3' }, { id: 'E4', maxLoad: -1 }))).toMatchObject({
			path: 'experts[3].maxLoad',
			message: expect.stringMatching(/^experts\[3\]\.maxLoad: 评审上限必须是不小于 0 的整数/)
		});
		expect(bad((x) => (x.experts[0].maxLoad = 'many')).path).toBe('experts[0].maxLoad');
		expect(bad((x) => x.dossiers.push({ id: 'D1' }))).toMatchObject({
			path: 'dossiers[1].id',
			message: expect.stringContaining('重复')
		});
		expect(bad((x) => x.experts.push({ id: 'E1' })).path).toBe('experts[1].id');
		expect(bad((x) => (x.dossiers[0].id = '')).path).toBe('dossiers[0].id');
		expect(bad((x) => (x.dossiers[0].field = 3)).path).toBe('dossiers[0].field');
		expect(bad((x) => (x.experts[0].fields = ['前沿', 7])).path).toBe('experts[0].fields[1]');
		expect(bad((x) => (x.conflicts[0].expert = 'E9'))).toMatchObject({
			path: 'conflicts[0].expert',
			message: expect.stringContaining('"E9"')
		});
		expect(bad((x) => (x.affinity[0].dossier = 'D9')).path).toBe('affinity[0].dossier');
		expect(bad((x) => (x.affinity[0].value = Infinity)).path).toBe('affinity[0].value');
		expect(bad((x) => (x.affinity[0].value = '2')).path).toBe('affinity[0].value');
		expect(bad((x) => x.affinity.push({ expert: 'E1', dossier: 'D1', value: 1 })).path).toBe('affinity[1]');
		const many = { reviewsPerDossier: 1, dossiers: Array.from({ length: 5000 }, (_, i) => ({ id: `D${i}` })) };
		const huge = validateAssignmentInstance({
			...many,
			experts: Array.from({ length: 2001 }, (_, j) => ({ id: `E${j}` }))
		});
		expect(huge).toMatchObject({ ok: false, message: expect.stringContaining('实例过大') });
	});
});

describe('laurel assign (CLI)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'laurel-assign-test-'));
	const cli = (file: string) => {
		const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/laurel.ts', 'assign', '--in', file], {
			encoding: 'utf8'
		});
		return { code: r.status, out: r.stdout ? JSON.parse(r.stdout) : null };
	};
	const write = (name: string, body: string) => {
		const f = join(dir, name);
		writeFileSync(f, body);
		return f;
	};

	it('exit 0 with the answer, 2 on bad input, 3 when infeasible', () => {
		const ok = cli(write('ok.json', JSON.stringify(randomInstance(3, 20, 8))));
		expect(ok.code).toBe(0);
		expect(ok.out).toEqual(JSON.parse(JSON.stringify(solveAssignment(randomInstance(3, 20, 8)))));
		expect(cli(join(dir, 'missing.json'))).toMatchObject({ code: 2, out: { error: 'BAD_INPUT' } });
		expect(cli(write('broken.json', '{"dossiers": ['))).toMatchObject({ code: 2, out: { error: 'BAD_INPUT' } });
		const invalid = cli(write('invalid.json', JSON.stringify({ reviewsPerDossier: 0, dossiers: [], experts: [] })));
		expect(invalid).toMatchObject({ code: 2, out: { error: 'BAD_INPUT', path: 'reviewsPerDossier' } });
		const inf = { reviewsPerDossier: 2, dossiers: [{ id: 'D7', field: '前沿' }], experts: [{ id: 'E1' }] };
		expect(cli(write('inf.json', JSON.stringify(inf)))).toMatchObject({
			code: 3,
			out: { error: 'INFEASIBLE', dossiers: ['D7'] }
		});
	}, 120_000); // five CLI processes: slow on a busy machine

	it('prints large answers completely through a pipe', () => {
		const inst = randomInstance(5, 20, 8);
		inst.dossiers = Array.from({ length: 3000 }, (_, i) => ({
			id: `D${String(i).padStart(5, '0')}`,
			field: FIELDS[i % 5]
		}));
		inst.conflicts = [];
		inst.affinity = [];
		inst.experts.forEach((e) => delete e.maxLoad);
		const r = cli(write('big.json', JSON.stringify(inst)));
		expect(r.code).toBe(0);
		expect(r.out.assignments).toHaveLength(3000 * inst.reviewsPerDossier);
	}, 60_000);
});

describe('loadCap: the one load rule', () => {
	it('is maxLoad when given, else the even share rounded up, never more than the dossiers', () => {
		expect(loadCap(undefined, 10, 3, 4)).toBe(8); // ⌈30 / 4⌉
		expect(loadCap(undefined, 10, 3, 0)).toBe(0); // no experts: no share
		expect(loadCap(null, 10, 3, 4)).toBe(8);
		expect(loadCap(2, 10, 3, 4)).toBe(2);
		expect(loadCap(0, 10, 3, 4)).toBe(0);
		// the drifted copy on the assignment page showed 12 here; the solver never gives more than 10
		expect(loadCap(12, 10, 3, 4)).toBe(10);
		expect(loadCap(undefined, 3, 5, 1)).toBe(3);
	});
});
