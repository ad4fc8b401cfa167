// The raw reads of the crowd's requests (db/native.ts): rows as drizzle would give them, a
// connection of their own that sees what another process committed (nothing kept in memory), and
// the client's own path for a database without a file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { candidates, experts, rounds, sessions, sheets } from '../../src/lib/server/db/schema';
import { rawRow, tableColumns } from '../../src/lib/server/db/native';
import { seedCampaign } from '../../src/lib/server/demo';
import { createRound, openRound } from '../../src/lib/server/services/rounds';
import { saveAccess } from '../../src/lib/server/services/sheet-access';
import { createSession, validateSessionToken } from '../../src/lib/server/auth';

const C = 'native';
const chair = { id: null, name: 'chair' };
let file: string;
let db: DB;
/** a second handle on the same file: another app process */
let other: DB;
let roundId: string;
let expert: { id: string; userId: string };
let code: string;

beforeAll(async () => {
	file = join(mkdtempSync(join(tmpdir(), 'laurel-native-')), 'n.db');
	db = await openDatabase(`file:${file}`);
	other = await openDatabase(`file:${file}`);
	await seedCampaign(db, { id: C, name: 'native test', prefix: 'na-', seed: 3, candidates: 6 });
	const e = (await db.select().from(experts).where(eq(experts.campaignId, C)))[0];
	expert = { id: e.id, userId: e.userId! };
	code = (await db.select().from(candidates).where(eq(candidates.campaignId, C)))[0].reviewCode!;
	const r = await createRound(db, chair, C, { name: '初评', type: 'score', reviewers: 'all' });
	if (!r.ok) throw new Error(r.message);
	roundId = r.id;
	const opened = await openRound(db, chair, C, roundId);
	if (!opened.ok) throw new Error(opened.message);
});

afterAll(() => {
	db.$client.close();
	other.$client.close();
});

const access = (on: DB = db) => saveAccess(on, { userId: expert.userId, campaignId: C, roundId, code });

describe('raw reads', () => {
	it('give the rows drizzle gives, JSON and nulls included', async () => {
		const R = tableColumns(rounds, 'r');
		const viaDrizzle = (await db.select().from(rounds).where(eq(rounds.id, roundId)))[0];
		const raw = await rawRow(db.$client, `select 7, ${R.sql} from rounds r where r.id = ?`, [roundId]);
		expect(raw![0]).toBe(7);
		expect(R.read(raw!, 1)).toEqual(viaDrizzle);
		expect(viaDrizzle.rubric?.length).toBeGreaterThan(0); // a JSON column was compared, not two nulls

		const a = await access();
		expect(a?.reviewable).toBe(true);
		expect(a?.sheet).toBeNull();
		const S = tableColumns(sheets, 's');
		await db.insert(sheets).values({
			id: 's_native',
			roundId,
			expertId: expert.id,
			candidateId: a!.candidateId!,
			status: 'draft',
			values: { merit: 12 },
			total: null,
			comment: '草稿',
			version: 3,
			updatedAt: 1
		});
		const sheet = (await db.select().from(sheets).where(eq(sheets.id, 's_native')))[0];
		const rawSheet = await rawRow(db.$client, `select ${S.sql} from sheets s where s.id = ?`, ['s_native']);
		expect(S.read(rawSheet!, 0)).toEqual(sheet);
		expect((await access())?.sheet).toEqual(sheet);
		expect(await rawRow(db.$client, 'select 1 from sheets where id = ?', ['none'])).toBeUndefined();
	});

	it('see what another process committed: a round closed, a sheet submitted, a session ended', async () => {
		expect((await access())?.round?.state).toBe('open');
		await other.update(rounds).set({ state: 'closed' }).where(eq(rounds.id, roundId));
		expect((await access())?.round?.state).toBe('closed');
		await other.update(rounds).set({ state: 'open' }).where(eq(rounds.id, roundId));
		expect((await access())?.round?.state).toBe('open');

		await other.update(sheets).set({ status: 'submitted', version: 4 }).where(eq(sheets.id, 's_native'));
		expect((await access())?.sheet).toMatchObject({ status: 'submitted', version: 4 });

		const { token, session } = await createSession(db, expert.userId);
		expect((await validateSessionToken(db, token))?.user.id).toBe(expert.userId);
		await other.delete(sessions);
		expect(await validateSessionToken(db, token)).toBeNull();
		expect(session.id).toBeTruthy();
	});

	it('read through the client when the database has no file of its own', async () => {
		const mem = await openDatabase('file::memory:');
		const row = await rawRow(mem.$client, 'select ?1 + 1, ?2', [41, 'x']);
		expect(row).toEqual([42, 'x']);
		mem.$client.close();
	});
});
