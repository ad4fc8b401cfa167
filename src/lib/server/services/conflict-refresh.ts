// Re-detection of the conflicts of a campaign (the office's “重新检测”, and after a roster or a
// declaration changes). At national scale (5,000 nominations × 500 experts) there are ~150,000
// ties: the first run after a roster import writes them all, later runs find nearly all stored.
// Hence (issue 16): the inputs and the stored ties are read as a few strings through covering
// indexes, ties are compared as numbers, and new ties are written in index order by a statement
// that takes thousands of rows as one JSON parameter (a row object and a placeholder per column
// cost more than SQLite's own work, and ties written in random order of every index made each
// insert touch pages all over the file).
import { sql } from 'drizzle-orm';
import type { DB } from '../db';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import type { Tx } from './candidates';
import {
	detectConflictHits,
	type CandidateProfile,
	type ConflictHit,
	type ExpertProfile
} from '../../domain/conflicts';

/** Rows per insert statement (its JSON parameter is ~300 bytes a row). */
const INSERT_CHUNK = 2000;
/** Ties per delete statement. */
const DELETE_CHUNK = 500;

// ids and kinds never hold it (ids are generated, kinds an enum)
const US = '\x1f';

const jsonList = (text: unknown): string[] => {
	if (typeof text !== 'string') return [];
	const v: unknown = JSON.parse(text);
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && !!x) : [];
};
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The roster's detection inputs, by id order (the order of the ties' unique index). */
async function expertProfiles(tx: Tx, campaignId: string): Promise<ExpertProfile[]> {
	const rows = await tx.all<Record<string, unknown>>(sql`
		SELECT id, unit, former_units AS formerUnits, school, declared_units AS declaredUnits,
			declared_people AS declaredPeople
		FROM experts WHERE campaign_id = ${campaignId} ORDER BY id`);
	return rows.map((e) => ({
		id: String(e.id),
		unit: String(e.unit ?? ''),
		formerUnits: jsonList(e.formerUnits),
		school: str(e.school) || undefined,
		declaredUnits: jsonList(e.declaredUnits),
		declaredPeople: jsonList(e.declaredPeople)
	}));
}

/**
 * The nominations' detection inputs, by id order: the five fields detection reads are taken out of
 * the record by SQLite, so the long texts (事迹, 故事: most of each record) are never parsed here.
 */
async function candidateProfiles(tx: Tx, campaignId: string): Promise<CandidateProfile[]> {
	const rows = await tx.all<Record<string, unknown>>(sql`
		SELECT c.id,
			json_extract(c.record, '$.name') AS name,
			json_extract(c.record, '$.unitAndTitle') AS unit,
			json_extract(c.record, '$.school') AS school,
			json_extract(c.record, '$.channel') AS channel,
			(SELECT json_group_array(json_extract(j.value, '$.unit')) FROM json_each(c.record, '$.career') j) AS career
		FROM candidates c WHERE c.campaign_id = ${campaignId} ORDER BY c.id`);
	return rows.map((c) => ({
		id: String(c.id),
		name: str(c.name) ?? '',
		unitAndTitle: str(c.unit) ?? '',
		careerUnits: jsonList(c.career),
		school: str(c.school),
		channel: str(c.channel) ?? ''
	}));
}

/**
 * Runs detection over the roster and the nominations and stores what is new. Existing rows keep
 * their decisions; pending detections that no longer hold (data corrected) are removed.
 */
export async function refreshDetectedConflicts(
	db: DB,
	actor: Actor,
	campaignId: string,
	opts: { declaredOnly?: boolean } = {}
): Promise<{ added: number; removed: number; total: number }> {
	return db.transaction(async (tx) => {
		const ex = await expertProfiles(tx, campaignId);
		const cs = await candidateProfiles(tx, campaignId);
		const detected = detectConflictHits(ex, cs);
		// After an expert's declaration only declaration ties are refreshed: nothing the expert does
		// may change the detected ties (whose pending state blocks at once).
		const found = opts.declaredOnly ? detected.hits.filter((d) => d.kind.startsWith('declared')) : detected.hits;

		// A tie is known by its expert, candidate and kind as one number; in id order of expert, then
		// candidate, as the unique index (campaign, expert, candidate, kind) orders them.
		const expertIndex = new Map(ex.map((e, i) => [e.id, i]));
		const candidateIndex = new Map(cs.map((c, i) => [c.id, i]));
		const kinds = new Map<string, number>();
		const tie = (e: number, c: number, kind: string) => {
			let k = kinds.get(kind);
			if (k === undefined) kinds.set(kind, (k = kinds.size));
			return (e * cs.length + c) * 16 + k;
		};

		// Every stored tie by rowid, from the unique index alone (no table row is read), as four
		// lists in one order: a list splits faster than a string per tie.
		const [all] = await tx.all<Record<'rowids' | 'experts' | 'candidates' | 'kinds', string | null>>(sql`
			SELECT group_concat(rowid, char(31)) AS rowids, group_concat(expert_id, char(31)) AS experts,
				group_concat(candidate_id, char(31)) AS candidates, group_concat(kind, char(31)) AS kinds
			FROM conflicts WHERE campaign_id = ${campaignId}`);
		const list = (v: string | null | undefined) => (v ? v.split(US) : []);
		const [rowids, expertIds, candidateIds, kindList] = [all?.rowids, all?.experts, all?.candidates, all?.kinds].map(
			list
		);
		const existing = rowids.length;
		const have = new Set<number>();
		const keys = new Float64Array(existing);
		let lastExpert = '';
		let e: number | undefined;
		for (let i = 0; i < existing; i++) {
			// the index lists one expert's ties together
			if (expertIds[i] !== lastExpert) e = expertIndex.get((lastExpert = expertIds[i]));
			const c = candidateIndex.get(candidateIds[i]);
			const key = e === undefined || c === undefined ? -1 : tie(e, c, kindList[i]);
			if (key >= 0) have.add(key);
			keys[i] = key;
		}
		const seen = new Set<number>();
		const fresh: { key: number; hit: ConflictHit }[] = [];
		for (const hit of found) {
			const key = tie(hit.expert, hit.candidate, hit.kind);
			seen.add(key);
			if (!have.has(key)) fresh.push({ key, hit });
		}
		// Stored ties detection no longer finds (few, usually none): those pending from the refreshed
		// sources go; decided ones, the office's and recusals stay.
		const gone: number[] = [];
		for (let i = 0; i < existing; i++) if (!seen.has(keys[i])) gone.push(Number(rowids[i]));
		const sources = opts.declaredOnly ? sql`('declared')` : sql`('declared', 'detected')`;
		let removed = 0;
		for (let i = 0; i < gone.length; i += DELETE_CHUNK) {
			const r = await tx.run(sql`
				DELETE FROM conflicts
				WHERE rowid IN (SELECT value FROM json_each(${JSON.stringify(gone.slice(i, i + DELETE_CHUNK))}))
					AND status = 'pending' AND source IN ${sources}`);
			removed += r.rowsAffected;
		}

		fresh.sort((a, b) => a.key - b.key);
		await insertTies(
			tx,
			campaignId,
			fresh.map((f) => f.hit),
			detected.describe
		);

		if (fresh.length || removed)
			await audit(tx, actor, {
				campaignId,
				action: 'conflict.detect',
				entity: 'campaign',
				entityId: campaignId,
				after: { added: fresh.length, removed }
			});
		return { added: fresh.length, removed, total: existing + fresh.length - removed };
	});
}

/**
 * Writes new ties, in the order given, INSERT_CHUNK rows a statement. Their ids share one random
 * part and then count up, so each index and the primary key grow at one end instead of at random
 * places (the ids are opaque handles: every use of one checks the campaign and the caller's role).
 */
async function insertTies(
	tx: Tx,
	campaignId: string,
	hits: ConflictHit[],
	describe: ReturnType<typeof detectConflictHits>['describe']
): Promise<void> {
	if (!hits.length) return;
	const base = newId('cf_');
	const width = Math.max(4, hits.length.toString(36).length);
	const now = Date.now();
	for (let i = 0; i < hits.length; i += INSERT_CHUNK) {
		const rows = hits.slice(i, i + INSERT_CHUNK).map((hit, j) => {
			const d = describe(hit);
			const source = d.kind.startsWith('declared') ? 'declared' : 'detected';
			return [
				`${base}${(i + j).toString(36).padStart(width, '0')}`,
				d.expert,
				d.candidate,
				d.kind,
				d.severity,
				source,
				d.reason
			];
		});
		await tx.run(sql`
			INSERT INTO conflicts (id, campaign_id, expert_id, candidate_id, kind, severity, source, reason, status, created_at)
			SELECT value ->> 0, ${campaignId}, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, 'pending', ${now}
			FROM json_each(${JSON.stringify(rows)})`);
	}
}
