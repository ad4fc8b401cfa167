// The check report and the candidates list are kept between views (issue 16: ~0.5 s each at 5,000
// nominations), under the campaign's intake version that triggers move with every change to what
// the check reads. A stale report must never show: every change made by ANOTHER client on the same
// database file (as a second server process would) shows in the next view of this one, raw SQL
// included; and one nomination's problems, computed from the few records that can share them, are
// exactly those the list (the check of all) shows.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';
import { campaigns, candidates } from '../../src/lib/server/db/schema';
import { campaignCheckView } from '../../src/lib/server/services/check-pages';
import { candidateIssues, candidateList, importedChannels } from '../../src/lib/server/services/candidate-list';
import { intakeVersion } from '../../src/lib/server/services/check-cache';
import { insertCandidates, recordOf } from '../../src/lib/server/services/candidates';
import { updateCandidate } from '../../src/lib/server/services/candidate-edit';
import { withdrawNomination } from '../../src/lib/server/services/withdrawal';
import type { CandidateRecord } from '../../src/lib/domain/types';

const C = 'cc';
const office = { id: 'u_office', name: '办公室' };
/** this server's handle, and another process's on the same file */
let db: DB;
let other: DB;

const campaign = async () => (await db.select().from(campaigns).where(eq(campaigns.id, C)))[0];
const rowsOf = async () =>
	db.select().from(candidates).where(eq(candidates.campaignId, C)).orderBy(asc(candidates.seq));
const messages = (list: { message: string }[]) => list.map((i) => i.message).join('\n');

beforeAll(async () => {
	const file = join(mkdtempSync(join(tmpdir(), 'laurel-check-cache-')), 'test.db');
	db = await openDatabase(`file:${file}`);
	other = await openDatabase(`file:${file}`);
	await seedCampaign(db, { id: C, name: 'check cache', prefix: 'cc-', seed: 5, candidates: 24 });
}, 60_000);

describe('the kept check report', () => {
	it('is computed once for one state of the campaign', async () => {
		const a = await campaignCheckView(db, await campaign());
		expect(await campaignCheckView(db, await campaign())).toBe(a);
		const list = await candidateList(db, await campaign());
		expect(await candidateList(db, await campaign())).toBe(list);
		expect(list.items).toHaveLength((await rowsOf()).length);
	});

	it('shows an edit made by another client at once, raw SQL included', async () => {
		const before = await campaignCheckView(db, await campaign());
		const target = (await rowsOf())[3];
		const name = recordOf(target).name.trim();
		expect(messages(before.errors)).not.toContain(`${name}（`);
		// another process, bypassing every service: only the triggers see it
		await other.run(sql`UPDATE candidates SET record = json_set(record, '$.gender', '') WHERE id = ${target.id}`);
		const after = await campaignCheckView(db, await campaign());
		expect(after).not.toBe(before);
		expect(messages(after.errors)).toContain(`${name}（${recordOf(target).channel.trim()}） 缺少性别`);
		const item = (await candidateList(db, await campaign())).items.find((c) => c.id === target.id)!;
		expect(item.errors.join()).toContain('缺少性别');
		const [row] = await db.select().from(candidates).where(eq(candidates.id, target.id));
		expect((await candidateIssues(db, await campaign(), row)).errors).toEqual(item.errors);

		// and back through the service, from the other client
		const fixed = { ...recordOf(row), gender: recordOf(target).gender };
		expect(await updateCandidate(other, office, C, target.id, fixed)).toMatchObject({ ok: true });
		expect(messages((await campaignCheckView(db, await campaign())).errors)).not.toContain('缺少性别');
		expect((await candidateList(db, await campaign())).items.find((c) => c.id === target.id)!.errors).toEqual([]);
	});

	it('shows a warning accepted, an attachment added and a nomination withdrawn by another client', async () => {
		const [, target, gone] = await rowsOf();
		const name = recordOf(target).name.trim();
		// deeds under half of “1500字左右”: a warning the office may accept
		await other.run(
			sql`UPDATE candidates SET record = json_set(record, '$.deeds', '事迹很短') WHERE id = ${target.id}`
		);
		const short = (await campaignCheckView(db, await campaign())).warnings.find(
			(w) => w.candidateId === target.id && w.code === 'TEXT_TOO_LONG'
		);
		expect(short?.accepted).toBeUndefined();
		await other.run(sql`
			INSERT INTO issue_acceptances (campaign_id, candidate_id, code, reason, user_id, user_name, created_at)
			VALUES (${C}, ${target.id}, 'TEXT_TOO_LONG', '已核实', 'u_office', '办公室', 1)`);
		const accepted = (await campaignCheckView(db, await campaign())).warnings.find(
			(w) => w.candidateId === target.id && w.code === 'TEXT_TOO_LONG'
		);
		expect(accepted?.accepted?.reason).toBe('已核实');

		const files = async () =>
			JSON.stringify(
				(await campaignCheckView(db, await campaign())).checklists?.candidates.find((c) => c.candidate === name)
			);
		const noFile = await files();
		await other.run(sql`
			INSERT INTO attachments (id, candidate_id, kind, filename, mime, size, sha256, storage_path, created_at)
			VALUES ('at_cc', ${target.id}, 'portrait', '证件照.jpg', 'image/jpeg', 1000, 'x', 'x', 1)`);
		expect(await files()).not.toBe(noFile);
		await other.run(sql`DELETE FROM attachments WHERE id = 'at_cc'`);
		expect(await files()).toBe(noFile);

		const total = (await campaignCheckView(db, await campaign())).total;
		expect(await withdrawNomination(other, office, C, gone.id, '材料不全')).toMatchObject({ ok: true });
		expect((await campaignCheckView(db, await campaign())).total).toBe(total - 1);
		const list = await candidateList(db, await campaign());
		expect(list.withdrawn).toBe(1);
		expect(list.items.find((c) => c.id === gone.id)).toMatchObject({ withdrawn: true, errors: [], warnings: [] });
	});

	it('follows the campaign’s settings changed by another client', async () => {
		const before = await campaignCheckView(db, await campaign());
		const v = await intakeVersion(db, C);
		const config = { ...(await campaign()).config, youthShareMin: 0.99 };
		await other.update(campaigns).set({ config }).where(eq(campaigns.id, C));
		// the settings are not what the triggers count: they are part of the key
		expect(await intakeVersion(db, C)).toBe(v);
		const after = await campaignCheckView(db, await campaign());
		expect(after.youthShareMin).toBe(0.99);
		expect(after.errors.some((e) => e.code === 'YOUTH_SHARE_LOW')).toBe(true);
		expect(before.errors.some((e) => e.code === 'YOUTH_SHARE_LOW')).toBe(false);
	});

	it('offers a 推荐单位 another client imported, with its 渠道类型', async () => {
		const before = await importedChannels(db, await campaign());
		expect(before.some((c) => c.name === '某某新学会')).toBe(false);
		const [first] = await rowsOf();
		const fresh = { ...recordOf(first), name: '新学会推荐人', channel: '某某新学会', channelType: '学会' as const };
		const config = (await campaign()).config;
		await other.transaction((tx) => insertCandidates(tx, office, C, config, [fresh]));
		expect(await importedChannels(db, await campaign())).toContainEqual({ name: '某某新学会', type: '学会' });
	});
});

describe('one nomination’s problems', () => {
	it('are exactly those the list shows, duplicates and namesakes included', async () => {
		const rows = await rowsOf();
		const a = recordOf(rows[5]);
		const other1 = rows.find((r) => recordOf(r).channel !== a.channel)!;
		// rows as an import of several files may leave them (an import would match them to the first)
		let seq = Math.max(...rows.map((r) => r.seq));
		const add = (r: CandidateRecord, key: string) =>
			db.insert(candidates).values({
				id: `k_cc_${key}`,
				campaignId: C,
				dedupKey: key,
				name: r.name,
				gender: r.gender,
				birth: r.birth,
				channel: r.channel,
				field: rows[5].field,
				record: r,
				seq: ++seq,
				createdAt: 1,
				updatedAt: 1
			});
		// the same person again from the same 推荐单位 (an error), written with a space (“王　芳”), and
		// from another 推荐单位 (a warning)
		await add({ ...a, name: `${a.name.trim()[0]}\u3000${a.name.trim().slice(1)}`, deeds: a.deeds + '。' }, 'again');
		await add({ ...a, channel: recordOf(other1).channel }, 'elsewhere');
		// a namesake born another year in the same 推荐单位: not a duplicate, but named alike
		await add({ ...a, birth: '1970-01' }, 'namesake');
		const list = await candidateList(db, await campaign());
		const all = await rowsOf();
		expect(list.items.some((c) => c.errors.some((e) => e.includes('重复推荐')))).toBe(true);
		expect(list.items.some((c) => c.warnings.some((e) => e.includes('同时由')))).toBe(true);
		for (const row of all) {
			const item = list.items.find((c) => c.id === row.id)!;
			expect(await candidateIssues(db, await campaign(), row), recordOf(row).name).toEqual({
				errors: item.errors,
				warnings: item.warnings
			});
		}
		const namesakes = all.filter((r) => r.name.trim() === a.name.trim());
		expect(namesakes.length).toBeGreaterThanOrEqual(3);
	});
});
