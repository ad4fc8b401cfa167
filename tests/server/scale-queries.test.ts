// National scale (issue 16): the services behind the heavy pages ask the database a fixed number of
// questions, however many candidates the campaign has. Two campaigns built like the benchmark's
// (scripts/bench/scale-lib.ts: three closed rounds, every sheet in, a selection run), one three
// times the other, must cost the same number of SQL statements per view: an N+1 query (one per
// candidate, expert or round pair) or a round read twice would show as a difference or a larger count.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { buildScaleFixture, type ScaleFixture, type ScaleSize } from '../../scripts/bench/scale-lib';
import { eq } from 'drizzle-orm';
import { campaigns, candidates, rounds } from '../../src/lib/server/db/schema';
import { roundResults } from '../../src/lib/server/services/results';
import { buildSelectionInput } from '../../src/lib/server/services/selection';
import { closedRoundResults, observerProgress } from '../../src/lib/server/services/observer';
import { progressOverTime } from '../../src/lib/server/services/charts';
import { expertTasks } from '../../src/lib/server/services/access';
import { missingSheets, roundPairs } from '../../src/lib/server/services/round-pairs';
import { listRounds, roundDefaults } from '../../src/lib/server/services/rounds';
import { sheetDetails } from '../../src/lib/server/services/results';
import { conflictListing } from '../../src/lib/server/services/conflict-list';
import { refreshDetectedConflicts } from '../../src/lib/server/services/conflicts';
import { assignmentView } from '../../src/lib/server/services/assignment-view';
import { checkInputs } from '../../src/lib/server/services/intake';
import { roundFigures } from '../../src/lib/server/services/panel-progress';
import { campaignCheckView } from '../../src/lib/server/services/check-pages';
import { candidateIssues, candidateList, importedChannels } from '../../src/lib/server/services/candidate-list';

const SMALL: ScaleSize = { candidates: 40, experts: 15, k: 3, second: 15, third: 6 };
const LARGE: ScaleSize = { candidates: 120, experts: 15, k: 3, second: 45, third: 18 };

interface Built {
	fixture: ScaleFixture;
	db: DB;
}

async function built(size: ScaleSize): Promise<Built> {
	const file = join(mkdtempSync(join(tmpdir(), 'laurel-scale-')), 'scale.db');
	const fixture = await buildScaleFixture(file, size);
	return { fixture, db: await openDatabase(`file:${file}`) };
}

/** SQL statements the call sends (every read and write of drizzle goes through execute or batch). */
async function statements(db: DB, f: () => Promise<unknown>): Promise<number> {
	const client = db.$client;
	const execute = client.execute.bind(client);
	const batch = client.batch.bind(client);
	let n = 0;
	client.execute = ((...args: Parameters<typeof execute>) => {
		n++;
		return execute(...args);
	}) as typeof client.execute;
	client.batch = ((...args: Parameters<typeof batch>) => {
		n += (args[0] as unknown[]).length;
		return batch(...args);
	}) as typeof client.batch;
	try {
		await f();
	} finally {
		client.execute = execute;
		client.batch = batch;
	}
	return n;
}

let small: Built;
let large: Built;

beforeAll(async () => {
	small = await built(SMALL);
	large = await built(LARGE);
}, 120_000);

const campaignOf = async (b: Built) =>
	(await b.db.select().from(campaigns).where(eq(campaigns.id, b.fixture.campaignId)))[0];

const roundOf = async (b: Built, i: number) =>
	(await b.db.select().from(rounds).where(eq(rounds.id, b.fixture.roundIds[i])))[0];

describe('the heavy pages cost the same number of statements at any size', () => {
	const views: [string, (b: Built) => Promise<unknown>][] = [
		['初评 results (the chair’s round page)', async (b) => roundResults(b.db, await roundOf(b, 0))],
		['终评 results (a vote round)', async (b) => roundResults(b.db, await roundOf(b, 2))],
		['the selection input (the selection page)', (b) => buildSelectionInput(b.db, b.fixture.campaignId)],
		['the observer’s progress', (b) => observerProgress(b.db, b.fixture.campaignId)],
		['progress over time (charts)', (b) => progressOverTime(b.db, b.fixture.campaignId)],
		['missing sheets', async (b) => missingSheets(b.db, await roundOf(b, 0))],
		[
			'the charts’ read of a round (ranking and leniency)',
			async (b) => roundResults(b.db, await roundOf(b, 0), { ranking: true, leniency: true })
		],
		['the observer’s results of a closed round', async (b) => closedRoundResults(b.db, await roundOf(b, 0))],
		['a new round’s defaults (sheets per dossier)', (b) => roundDefaults(b.db, b.fixture.campaignId)],
		[
			'one dossier’s sheets (the chair’s focus)',
			async (b) =>
				sheetDetails(
					b.db,
					await roundOf(b, 0),
					(await roundResults(b.db, await roundOf(b, 0), { ranking: true })).aggregates[0].id
				)
		],
		['an expert’s tasks', (b) => expertTasks(b.db, b.fixture.campaignId, 'e_0')],
		[
			'the 回避 page (a page of ties with its counts)',
			(b) =>
				conflictListing(
					b.db,
					b.fixture.campaignId,
					{ status: '', kind: '', severity: '', panel: '', expert: '', q: '' },
					'2',
					{
						searchNames: true
					}
				)
		],
		[
			'the 回避 page searched by code',
			(b) =>
				conflictListing(
					b.db,
					b.fixture.campaignId,
					{ status: 'pending', kind: '', severity: 'conflict', panel: '', expert: '', q: '-1' },
					null,
					{
						searchNames: false
					}
				)
		],
		[
			'the assignment page (the summary and a page of dossiers)',
			(b) => assignmentView(b.db, b.fixture.campaignId, 3, { q: '', field: '', problem: '' }, '2')
		],
		['the check (its inputs)', (b) => checkInputs(b.db, b.fixture.campaignId)],
		[
			'the panel page (every round’s progress)',
			async (b) => roundFigures(b.db, b.fixture.campaignId, await listRounds(b.db, b.fixture.campaignId))
		],
		['the check page (the whole report, computed)', async (b) => campaignCheckView(b.db, await campaignOf(b))],
		['the candidates list (computed)', async (b) => candidateList(b.db, await campaignOf(b))],
		[
			'conflict re-detection with every tie stored',
			(b) => refreshDetectedConflicts(b.db, { id: null, name: 'bench' }, b.fixture.campaignId)
		],
		[
			'one candidate’s page (its problems, the form’s 推荐单位)',
			async (b) => {
				const c = await campaignOf(b);
				const [row] = await b.db.select().from(candidates).where(eq(candidates.campaignId, c.id)).limit(1);
				return [await candidateIssues(b.db, c, row), await importedChannels(b.db, c)];
			}
		]
	];
	for (const [name, view] of views)
		it(name, async () => {
			const a = await statements(small.db, () => view(small));
			const b = await statements(large.db, () => view(large));
			expect(b).toBe(a);
			expect(a).toBeLessThanOrEqual(16);
		});

	it('the selection page reads the ranking round once and the vote round once', async () => {
		// roundResults is the round's whole read; the selection needs one per round, no more.
		const one = await statements(large.db, async () => roundResults(large.db, await roundOf(large, 1)));
		const vote = await statements(large.db, async () => roundResults(large.db, await roundOf(large, 2)));
		const input = await statements(large.db, () => buildSelectionInput(large.db, large.fixture.campaignId));
		expect(input).toBeLessThan(one + vote + 4);
	});

	it('the fixture is what the benchmark builds: three closed rounds, every pair with a submitted sheet', async () => {
		for (const i of [0, 1, 2]) {
			const r = await roundOf(large, i);
			expect(r.state).toBe('closed');
			expect(await missingSheets(large.db, r)).toEqual({ total: 0, experts: [] });
			expect((await roundPairs(large.db, r)).length).toBeGreaterThan(0);
		}
		expect(large.fixture.sheets).toBeGreaterThan(LARGE.candidates * LARGE.k);
	});
});
