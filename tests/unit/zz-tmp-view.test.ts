import { it } from 'vitest';
import { freshDb } from '../helpers/db';
import { seedCampaign } from '../../src/lib/server/services/demo';
import { createRound, openRound, closeRound, getRound, roundPairs } from '../../src/lib/server/services/rounds';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { runSelection, buildSelectionInput } from '../../src/lib/server/services/selection';
import { candidates } from '../../src/lib/server/db/schema';
import { configOf } from '../../src/lib/server/services/campaigns';
import { campaigns } from '../../src/lib/server/db/schema';
import * as v from '../../src/routes/c/[campaignId]/selection/view.server';
import { scoreHistogram } from '../../src/lib/server/services/charts';
import { roundResults } from '../../src/lib/server/services/results';

it('view', async () => {
	const db = await freshDb();
	const C = 'sel'; const actor = { id: null, name: 'organizer' };
	await seedCampaign(db, { id: C, name: 'x', prefix: 's-', seed: 11, candidates: 60 });
	const r = await createRound(db, actor, C, { name: '初评', type: 'score', reviewers: 'panel', aggregation: 'mean' });
	if (!r.ok) throw new Error();
	await openRound(db, actor, C, r.id);
	const round = (await getRound(db, C, r.id))!;
	const pairs = await roundPairs(db, round);
	const rows = await db.select().from(candidates);
	const byId = new Map(rows.map((x) => [x.id, x]));
	for (const [i, p] of pairs.entries()) {
		const c = byId.get(p.candidateId)!;
		const total = Math.min(99, (c.field === '主战场' && c.gender === '男' ? 88 : 70) + ((i * 37) % 11));
		const merit = Math.min(40, Math.round(total * 0.4)); const story = Math.min(30, Math.round(total * 0.3));
		await saveSheet(db, actor, { round, expertId: p.expertId, candidateId: p.candidateId, values: { merit, story, exemplary: Math.min(30, total - merit - story) }, baseVersion: 0, submit: true });
	}
	await closeRound(db, actor, C, r.id);
	const run = await runSelection(db, actor, C);
	if (!run.ok || !run.outcome.ok) throw new Error('x');
	const input = await buildSelectionInput(db, C); if ('error' in input) throw new Error();
	const config = configOf((await db.select().from(campaigns))[0]);
	console.log(JSON.stringify(v.tierViews(input, run.outcome, true), null, 1).slice(0, 3000));
	console.log(JSON.stringify(v.targetViews(config, v.runTargets(config, input.targets), null), null, 1).slice(0, 1500));
	const fd = new FormData(); fd.set('value.0', '1'); fd.set('value.3', '0');
	const parsed = v.parseTargets(config, fd); console.log(JSON.stringify(parsed));
	const fd2 = new FormData(); fd2.set('value.0', '5'); console.log(JSON.stringify(v.parseTargets(config, fd2)));
	const bad = [{ kind: 'atLeast' as const, group: 'woman' as const, count: 11 }, ...config.targets.slice(1)];
	const { solveInput } = await import('../../src/lib/server/services/selection');
	const inp2 = await buildSelectionInput(db, C, [...config.targets.slice(0,1), { kind: 'atLeast', group: 'woman', count: 11 }, { kind: 'atLeast', group: 'grassroots', count: 2 }, ...config.targets.slice(3)]); if ('error' in inp2) throw new Error();
	const out2 = solveInput(inp2);
	console.log(JSON.stringify(out2));
	if (!out2.ok) { const iv = v.infeasibleView(out2, config, inp2.targets); console.log(JSON.stringify(iv)); console.log(JSON.stringify(v.targetViews(config, null, iv).slice(0,3))); }
	console.log(JSON.stringify(scoreHistogram(await roundResults(db, round), config.fields)));
	console.log(JSON.stringify(await v.notRanked(db, C, input, false)), bad.length);
});
