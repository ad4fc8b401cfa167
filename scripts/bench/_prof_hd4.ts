import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/lib/server/db';
import { campaigns } from '../../src/lib/server/db/schema';
import { conflictListing } from '../../src/lib/server/services/conflict-list';
import { assignmentView } from '../../src/lib/server/services/assignment-view';
import { candidateChoices } from '../../src/lib/server/services/conflicts-bulk';
import { listDeclarations } from '../../src/lib/server/services/conflict-declarations';
const s0 = performance.now();
const db = await openDatabase('file:/tmp/hd/probe.db');
console.log('open+migrate', (performance.now() - s0).toFixed(0));
const c = (await db.select().from(campaigns))[0];
const t = async (name: string, f: () => Promise<unknown>) => { const s = performance.now(); await f(); console.log(name, (performance.now() - s).toFixed(0)); };
const none = { status: '' as const, kind: '', severity: '' as const, panel: '', expert: '', q: '' };
for (let i = 0; i < 3; i++) {
	await t('conflictListing p1', () => conflictListing(db, c.id, none, '1', { searchNames: true }));
	await t('conflictListing p100', () => conflictListing(db, c.id, none, '100', { searchNames: true }));
	await t('conflictListing q', () => conflictListing(db, c.id, { ...none, q: '主战场-1' }, '3', { searchNames: true }));
	await t('candidateChoices', () => candidateChoices(db, c.id));
	await t('declarations', () => listDeclarations(db, c.id));
	await t('assignmentView', () => assignmentView(db, c.id, 5, { q: '', field: '', problem: '' }, '3'));
}
