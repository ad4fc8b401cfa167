import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db';
import { campaigns } from '../../src/lib/server/db/schema';
import { roundProgress, roundSizes } from '../../src/lib/server/services/round-details';
import { campaignCounts, panelsWithMembers } from '../../src/lib/server/services/overview';
import { listRounds, roundDefaults, roundPairs } from '../../src/lib/server/services/rounds';
const db = await openDatabase('file:/tmp/hd/probe.db');
const c = (await db.select().from(campaigns))[0];
void eq;
const t = async (name: string, f: () => Promise<unknown>) => { const s = performance.now(); await f(); console.log(name, (performance.now() - s).toFixed(0)); };
for (let i = 0; i < 2; i++) {
	await t('counts', () => campaignCounts(db, c.id));
	const list = await listRounds(db, c.id);
	await t('sizes', () => roundSizes(db, list.map((r) => r.id)));
	for (const r of list) await t(`pairs ${r.seq} ${r.reviewers}`, () => roundPairs(db, r));
	for (const r of list) await t(`progress ${r.seq}`, () => roundProgress(db, r));
	await t('panels', () => panelsWithMembers(db, c.id));
	await t('defaults', () => roundDefaults(db, c.id));
}
