// Random instances for the assignment unit tests (src/lib/domain/assignment/assignment*.test.ts).
import type { AssignmentInstance } from '../../src/lib/domain/assignment';
import { rng } from '../../src/lib/server/demo/synthetic/random';

export const FIELDS = ['前沿', '主战场', '重大需求', '生命健康', '社会服务'];

export function randomInstance(seed: number, maxD: number, maxE: number): AssignmentInstance {
	const r = rng(seed);
	const D = 1 + Math.floor(r() * maxD);
	const E = 2 + Math.floor(r() * (maxE - 1));
	const k = 1 + Math.floor(r() * Math.min(3, E));
	const dossiers = Array.from({ length: D }, (_, i) => ({
		id: `D${String(i).padStart(3, '0')}`,
		field: FIELDS[Math.floor(r() * 5)]
	}));
	const experts = Array.from({ length: E }, (_, j) => ({
		id: `E${String(j).padStart(2, '0')}`,
		fields: FIELDS.filter(() => r() < 0.4),
		// explicit loads (sometimes slack, sometimes tight) or the default
		...(r() < 0.5 ? { maxLoad: Math.floor(r() * ((2 * D * k) / E + 1)) } : {})
	}));
	const conflicts: { expert: string; dossier: string }[] = [];
	const affinity: { expert: string; dossier: string; value: number }[] = [];
	for (const d of dossiers) {
		for (const e of experts) {
			const x = r();
			if (x < 0.15) conflicts.push({ expert: e.id, dossier: d.id });
			// real values, some negative, up to 3 decimals; also on conflicted pairs (ignored)
			if (r() < 0.3) affinity.push({ expert: e.id, dossier: d.id, value: Math.round((r() * 4 - 0.5) * 1000) / 1000 });
		}
	}
	return { reviewsPerDossier: k, dossiers, experts, conflicts, affinity };
}
