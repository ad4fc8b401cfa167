// The expert roster and panels on a real (temporary) database with the demo seeded.
import { describe, it, expect, beforeAll } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import {
	auditLog,
	candidates,
	conflicts,
	experts,
	invitations,
	memberships,
	panelMembers,
	panels,
	users
} from '../../src/lib/server/db/schema';
import { ensureDemo, DEMO_CAMPAIGN_ID as C } from '../../src/lib/server/demo';
import { createCampaign } from '../../src/lib/server/services/campaigns';
import {
	createExpertWithInvitation,
	importExperts,
	updateExpert,
	getExpert
} from '../../src/lib/server/services/experts';
import {
	addPanelMember,
	autoBuildPanels,
	createPanel,
	deletePanel,
	listPanels,
	removePanelMember,
	setPanelChair,
	chairsOf
} from '../../src/lib/server/services/panels';
import { inspectInvitation } from '../../src/lib/server/services/accounts';
import { encodeGb18030 } from '../../src/lib/domain/formats/csv-decode';

const organizer = { id: null, name: 'organizer' };
const HEADER = [
	'姓名',
	'工作单位',
	'曾工作单位',
	'毕业院校',
	'职称',
	'评审领域',
	'手机',
	'电子邮箱',
	'最大评审量',
	'用户名'
];
const csv = (rows: string[][]) => Papa.unparse([HEADER, ...rows], { newline: '\r\n' }) + '\r\n';
const gbk = (rows: string[][]) => encodeGb18030(csv(rows));
const utf8 = (rows: string[][]) => new TextEncoder().encode(csv(rows));

let db: DB;

async function counts() {
	const n = async (t: typeof experts | typeof users | typeof memberships | typeof invitations | typeof auditLog) =>
		(await db.select({ n: count() }).from(t))[0].n;
	return {
		experts: await n(experts),
		users: await n(users),
		memberships: await n(memberships),
		invitations: await n(invitations),
		audit: await n(auditLog)
	};
}

beforeAll(async () => {
	db = await freshDb();
	await ensureDemo(db);
});

describe('importExperts', () => {
	const good = [
		[
			'覃导入甲',
			'广西大学',
			'广西农业科学院\n南宁市农业局',
			'中国农业大学',
			'教授',
			'前沿、主战场',
			'13807710001',
			'qin@gxu.edu.cn',
			'12',
			'qindaorujia'
		],
		['蒙导入乙', '桂林电子科技大学', '', '', '研究员', '面向国家重大需求', '', '', '', ''],
		['陆导入丙', '广西医科大学', '', '', '主任医师', '生命健康', '', '', '', '']
	];

	it('refuses a file with one bad row whole: nothing written', async () => {
		const before = await counts();
		const bad = [...good.slice(0, 2), ['陆导入丙', '广西医科大学', '', '', '', '天文', '', 'lu@', '', '']];
		const r = await importExperts(db, organizer, C, gbk(bad));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.encoding).toBe('gb18030');
		expect(r.errors.map((e) => [e.row, e.column])).toEqual([
			[4, '评审领域'],
			[4, '电子邮箱']
		]);
		expect(await counts()).toEqual(before);
	});

	it('rolls back every row when the database fails in the middle of the import', async () => {
		const before = await counts();
		await db.run(
			`CREATE TRIGGER fail_expert BEFORE INSERT ON experts WHEN NEW.name = '陆导入丙' BEGIN SELECT RAISE(ABORT, 'boom'); END`
		);
		try {
			await expect(importExperts(db, organizer, C, utf8(good))).rejects.toThrow();
		} finally {
			await db.run('DROP TRIGGER fail_expert');
		}
		expect(await counts()).toEqual(before);
	});

	it('creates account, membership, roster entry and one-time link per new expert, all in one go', async () => {
		const before = await counts();
		const r = await importExperts(db, organizer, C, gbk(good), { filename: '专家.csv' });
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect([r.created, r.updated, r.unchanged]).toEqual([3, 0, 0]);
		expect(r.experts.map((e) => [e.row, e.name, e.status])).toEqual([
			[2, '覃导入甲', 'created'],
			[3, '蒙导入乙', 'created'],
			[4, '陆导入丙', 'created']
		]);
		// A wished username is kept; without one the next free expertNN after the demo's 01–15.
		expect(r.experts.map((e) => e.username)).toEqual(['qindaorujia', 'expert16', 'expert17']);
		const after = await counts();
		expect(after.experts - before.experts).toBe(3);
		expect(after.users - before.users).toBe(3);
		expect(after.memberships - before.memberships).toBe(3);
		expect(after.invitations - before.invitations).toBe(3);
		for (const e of r.experts) {
			const inv = await inspectInvitation(db, e.token!);
			expect(inv).toMatchObject({ ok: true, username: e.username, displayName: e.name });
		}
		// Only hashes are stored.
		const stored = await db.select().from(invitations);
		expect(stored.some((s) => r.experts.some((e) => s.tokenHash === e.token))).toBe(false);
		const row = (await db.select().from(experts).where(eq(experts.name, '覃导入甲')))[0];
		expect(row).toMatchObject({
			formerUnits: ['广西农业科学院', '南宁市农业局'],
			fields: ['前沿', '主战场'],
			maxLoad: 12,
			school: '中国农业大学'
		});
		const role = (await db.select().from(memberships).where(eq(memberships.userId, row.userId!)))[0].role;
		expect(role).toBe('expert');
		const log = await db.select().from(auditLog).where(eq(auditLog.action, 'expert.import'));
		expect(log.at(-1)?.after).toMatchObject({ created: 3, filename: '专家.csv' });
	});

	it('re-importing updates the existing entries instead of duplicating, audited with before and after', async () => {
		const before = await counts();
		const changed = good.map((r) => [...r]);
		changed[0][2] = '广西农业科学院；钦州市农业局';
		changed[0][8] = '20';
		changed[2][1] = '广西医科大学 '; // the same unit with a stray space
		const r = await importExperts(db, organizer, C, utf8(changed));
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect([r.created, r.updated, r.unchanged]).toEqual([0, 1, 2]);
		expect(r.experts.every((e) => e.token === null)).toBe(true);
		expect(r.experts[0].username).toBe('qindaorujia');
		const after = await counts();
		expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
		const row = (await db.select().from(experts).where(eq(experts.name, '覃导入甲')))[0];
		expect(row.formerUnits).toEqual(['广西农业科学院', '钦州市农业局']);
		expect(row.maxLoad).toBe(20);
		const log = (
			await db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.action, 'expert.update'), eq(auditLog.entityId, row.id)))
		).at(-1)!;
		expect(log.before).toEqual({ formerUnits: ['广西农业科学院', '南宁市农业局'], maxLoad: 12 });
		expect(log.after).toEqual({ formerUnits: ['广西农业科学院', '钦州市农业局'], maxLoad: 20 });
	});

	it('a re-import without a column leaves that column alone', async () => {
		const text = Papa.unparse([
			['姓名', '工作单位', '评审领域'],
			['覃导入甲', '广西大学', '前沿']
		]);
		const r = await importExperts(db, organizer, C, new TextEncoder().encode(text));
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		const row = (await db.select().from(experts).where(eq(experts.name, '覃导入甲')))[0];
		expect(row.fields).toEqual(['前沿']);
		expect(row.maxLoad).toBe(20);
		expect(row.school).toBe('中国农业大学');
	});
});

describe('single experts', () => {
	it('adds one expert with a link, refuses the same name and unit twice', async () => {
		const input = {
			name: '单独丁',
			unit: '广西民族大学',
			fields: ['社会服务'],
			username: 'dandu',
			formerUnits: ['百色学院']
		};
		const r = await createExpertWithInvitation(db, organizer, C, input);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.username).toBe('dandu');
		expect((await inspectInvitation(db, r.token)).ok).toBe(true);
		const again = await createExpertWithInvitation(db, organizer, C, { ...input, unit: ' 广西民族大学' });
		expect(again).toMatchObject({ ok: false, status: 400 });
		const badField = await createExpertWithInvitation(db, organizer, C, { ...input, name: '别人', fields: ['天文'] });
		expect(badField).toMatchObject({ ok: false, message: expect.stringContaining('天文') });
	});

	it('edits every roster field, audits it and refreshes the detected conflicts', async () => {
		const e = (await db.select().from(experts).where(eq(experts.name, '单独丁')))[0];
		const c = (await db.select().from(candidates).where(eq(candidates.campaignId, C)))[0];
		const unit = (c.record as { unitAndTitle: string }).unitAndTitle.split(/\s/)[0];
		const r = await updateExpert(db, organizer, C, e.id, {
			name: '单独丁',
			unit: '广西民族大学',
			formerUnits: [unit],
			school: '武汉大学',
			title: '教授',
			fields: ['社会服务', '前沿'],
			phone: '13900000000',
			email: 'dan@example.com',
			maxLoad: 9
		});
		expect(r).toEqual({ ok: true, changed: true });
		const row = await getExpert(db, C, e.id);
		expect(row.e).toMatchObject({
			formerUnits: [unit],
			school: '武汉大学',
			fields: ['社会服务', '前沿'],
			phone: '13900000000',
			maxLoad: 9
		});
		expect(row.username).toBe('dandu');
		const found = await db
			.select()
			.from(conflicts)
			.where(and(eq(conflicts.expertId, e.id), eq(conflicts.candidateId, c.id)));
		expect(found.map((f) => f.kind)).toContain('former_unit');
		const log = (
			await db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.action, 'expert.update'), eq(auditLog.entityId, e.id)))
		).at(-1)!;
		expect(log.before).toMatchObject({ school: null, maxLoad: null });
	});

	it('refuses to edit an expert of another campaign or into bad data', async () => {
		const other = await createCampaign(db, organizer, { presetId: 'jincheng-2023', name: '别的活动' });
		if (!other.ok) throw new Error(other.message);
		const e = (await db.select().from(experts).where(eq(experts.name, '单独丁')))[0];
		const input = { name: '单独丁', unit: '广西民族大学', fields: ['社会服务'] };
		expect(await updateExpert(db, organizer, other.id, e.id, input)).toMatchObject({ ok: false });
		expect(await getExpert(db, other.id, e.id)).toBeNull();
		expect(await updateExpert(db, organizer, C, e.id, { ...input, email: 'nope' })).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await updateExpert(db, organizer, C, e.id, { ...input, unit: '广西大学', name: '覃导入甲' })).toMatchObject({
			ok: false,
			status: 400
		});
	});
});

describe('panels', () => {
	it('auto-build adds nothing to the demo, whose five panels exist', async () => {
		const before = (await listPanels(db, C)).length;
		expect(before).toBe(5);
		expect((await autoBuildPanels(db, organizer, C)).created).toEqual([]);
		expect((await listPanels(db, C)).length).toBe(5);
	});

	it('auto-build makes one panel per field with the experts whose first field it is', async () => {
		const made = await createCampaign(db, organizer, { presetId: 'guangxi-2024', name: '分组测试' });
		if (!made.ok) throw new Error(made.message);
		const id = made.id;
		const rows = [
			['甲专家', '单位甲', '', '', '', '理科、工科', '', '', '', ''],
			['乙专家', '单位乙', '', '', '', '工科', '', '', '', ''],
			['丙专家', '单位丙', '', '', '', '医科 理科', '', '', '', '']
		];
		const r = await importExperts(db, organizer, id, utf8(rows));
		expect(r.ok).toBe(true);
		const built = await autoBuildPanels(db, organizer, id);
		expect(built.created.map((p) => [p.name, p.members])).toEqual([
			['理科组', 1],
			['工科组', 1],
			['农科组', 0],
			['医科组', 1],
			['综合组', 0],
			['地市组', 0]
		]);
		const list = await listPanels(db, id, ['理科', '工科', '农科', '医科', '综合', '地市']);
		expect(list.find((p) => p.field === '理科')!.members.map((m) => m.name)).toEqual(['甲专家']);
		expect(list.every((p) => p.chair === null)).toBe(true);
		expect((await autoBuildPanels(db, organizer, id)).created).toEqual([]);
		const log = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.campaignId, id), eq(auditLog.action, 'panel.autobuild')));
		expect(log.length).toBe(6);
	});

	it('creates a panel, staffs it, changes the chair and refuses what does not belong', async () => {
		const [chair] = await chairsOf(db, C);
		expect(chair.username).toBe('chair');
		expect(await createPanel(db, organizer, C, { name: '', field: '天文', chairUserId: null })).toMatchObject({
			ok: false
		});
		const expertUser = (await db.select().from(users).where(eq(users.username, 'expert01')))[0];
		expect(
			await createPanel(db, organizer, C, { name: '复评组', field: '前沿', chairUserId: expertUser.id })
		).toMatchObject({ ok: false });
		const p = await createPanel(db, organizer, C, { name: '复评组', field: '前沿', chairUserId: null });
		if (!p.ok || !p.id) throw new Error('not created');
		expect(await createPanel(db, organizer, C, { name: '复评组', field: '主战场', chairUserId: null })).toMatchObject({
			ok: false
		});
		const e = (await db.select().from(experts).where(eq(experts.name, '覃导入甲')))[0];
		expect((await addPanelMember(db, organizer, C, p.id, e.id)).ok).toBe(true);
		expect((await addPanelMember(db, organizer, C, p.id, e.id)).ok).toBe(false);
		expect((await setPanelChair(db, organizer, C, p.id, chair.userId)).ok).toBe(true);
		let view = (await listPanels(db, C)).find((x) => x.id === p.id)!;
		expect(view.chair?.username).toBe('chair');
		expect(view.members.map((m) => m.name)).toEqual(['覃导入甲']);
		expect((await deletePanel(db, organizer, C, p.id)).ok).toBe(false);
		expect((await removePanelMember(db, organizer, C, p.id, e.id)).ok).toBe(true);
		view = (await listPanels(db, C)).find((x) => x.id === p.id)!;
		expect(view.members).toEqual([]);
		expect((await deletePanel(db, organizer, C, p.id)).ok).toBe(true);
		expect(await db.select().from(panels).where(eq(panels.id, p.id))).toEqual([]);
		expect(await db.select().from(panelMembers).where(eq(panelMembers.panelId, p.id))).toEqual([]);
		const actions = (await db.select().from(auditLog).where(eq(auditLog.entityId, p.id))).map((a) => a.action);
		expect(actions).toEqual(['panel.create', 'panel.member.add', 'panel.chair', 'panel.member.remove', 'panel.delete']);
	});
});
