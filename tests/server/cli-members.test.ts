// `member add`, `experts import` and `audit verify` as CONTRACTS.md says, each a separate process
// on one database file, as an organizer's script would run them.
import { describe, it, expect, beforeAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db';
import { experts, memberships, panelMembers, panels, users } from '../../src/lib/server/db/schema';
import { acceptInvitation } from '../../src/lib/server/services/accounts';
import { createPanel } from '../../src/lib/server/services/panels';
import { cliSandbox } from '../support/cli';

const cli = cliSandbox('cli-members', { ORIGIN: 'https://laurel.example.org' });
const { dir, url } = cli;

function laurel(...args: string[]) {
	const r = cli.laurel(...args);
	return { code: r.code, out: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

let campaign = '';
const tokenOf = (link: string) => link.split('/invite/')[1];

beforeAll(async () => {
	campaign = laurel('campaign', 'create', '--preset', 'guangxi-2024', '--name', '成员测试').out.campaign;
	const db = await openDatabase(url);
	await createPanel(db, { id: null, name: 'test' }, campaign, { name: '工科组', field: '工科', chairUserId: null });
	await createPanel(db, { id: null, name: 'test' }, campaign, { name: '医科组', field: '医科', chairUserId: null });
}, 60_000);

describe('laurel member add / experts import / audit verify', { timeout: 180_000 }, () => {
	it('adds a chair of two panels with a one-time link that sets the password', async () => {
		const r = laurel(
			'member',
			'add',
			'--campaign',
			campaign,
			'--username',
			'chair2',
			'--role',
			'chair',
			'--name',
			'王组长',
			'--panel',
			'工科组',
			'--panel',
			'医科组'
		);
		expect(r.code).toBe(0);
		expect(Object.keys(r.out).sort()).toEqual(['invitation', 'role', 'username']);
		expect(r.out).toMatchObject({ username: 'chair2', role: 'chair' });
		expect(r.out.invitation).toMatch(/^https:\/\/laurel\.example\.org\/invite\/\S+$/);
		const db = await openDatabase(url);
		const u = (await db.select().from(users).where(eq(users.username, 'chair2')))[0];
		expect(u.displayName).toBe('王组长');
		const ps = await db.select().from(panels).where(eq(panels.campaignId, campaign));
		expect(ps.every((p) => p.chairUserId === u.id)).toBe(true);
		expect(await acceptInvitation(db, tokenOf(r.out.invitation), 'a-good-password-1')).toMatchObject({ ok: true });
		expect(await acceptInvitation(db, tokenOf(r.out.invitation), 'another-password-2')).toMatchObject({ ok: false });
	});

	it('adds an observer and an organizer; an expert joins the roster and the named panel', async () => {
		const obs = laurel(
			'member',
			'add',
			'--campaign',
			campaign,
			'--username',
			'jijian',
			'--role',
			'observer',
			'--name',
			'纪检组'
		);
		expect(obs.code).toBe(0);
		expect(obs.out.role).toBe('observer');
		expect(laurel('member', 'add', '--campaign', campaign, '--username', 'office2', '--role', 'organizer').code).toBe(
			0
		);
		const ex = laurel(
			'member',
			'add',
			'--campaign',
			campaign,
			'--username',
			'zhang3',
			'--role',
			'expert',
			'--name',
			'张三',
			'--panel',
			'医科组'
		);
		expect(ex.code).toBe(0);
		const db = await openDatabase(url);
		const roles = await db
			.select({ role: memberships.role, u: users.username })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.campaignId, campaign));
		expect(Object.fromEntries(roles.map((r) => [r.u, r.role]))).toMatchObject({
			chair2: 'chair',
			jijian: 'observer',
			office2: 'organizer',
			zhang3: 'expert'
		});
		const e = (
			await db
				.select()
				.from(experts)
				.where(and(eq(experts.campaignId, campaign), eq(experts.name, '张三')))
		)[0];
		expect(e.fields).toEqual(['医科']);
		const seats = await db
			.select({ name: panels.name })
			.from(panelMembers)
			.innerJoin(panels, eq(panels.id, panelMembers.panelId))
			.where(eq(panelMembers.expertId, e.id));
		expect(seats.map((s) => s.name)).toEqual(['医科组']);
	});

	it('refuses bad input with exit 2 and writes nothing', async () => {
		const cases: [string[], string][] = [
			[['--username', 'x1y', '--role', 'king'], 'BAD_INPUT'],
			[['--username', 'a b', '--role', 'chair'], 'BAD_INPUT'],
			[['--username', 'newchair', '--role', 'chair', '--panel', '不存在组'], 'UNKNOWN_PANEL'],
			[['--username', 'newobs', '--role', 'observer', '--panel', '工科组'], 'BAD_INPUT'],
			[['--username', 'chair2', '--role', 'expert'], 'ALREADY_MEMBER'],
			[['--role', 'chair'], 'BAD_INPUT']
		];
		for (const [args, code] of cases) {
			const r = laurel('member', 'add', '--campaign', campaign, ...args);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.out.error).toBe(code);
		}
		expect(laurel('member', 'add', '--campaign', 'nope', '--username', 'abc', '--role', 'chair').code).toBe(2);
		const db = await openDatabase(url);
		expect(await db.select().from(users).where(eq(users.username, 'newchair'))).toEqual([]);
	});

	it('imports a roster all or nothing and prints the invitations', async () => {
		const good = join(dir, 'experts.csv');
		writeFileSync(
			good,
			'姓名,工作单位,评审领域,用户名,电子邮箱\n李四,广西大学,工科,lisi,li@example.org\n赵五,广西医科大学,医科,,\n'
		);
		const bad = join(dir, 'experts-bad.csv');
		writeFileSync(bad, '姓名,工作单位,评审领域\n钱六,某单位,工科\n孙七,,火星学\n');
		const refused = laurel('experts', 'import', '--campaign', campaign, '--file', bad);
		expect(refused.code).toBe(2);
		expect(refused.out.error).toBe('INVALID_ROWS');
		expect(refused.out.errors.every((e: { row: number }) => e.row === 3)).toBe(true);
		const db = await openDatabase(url);
		expect(await db.select().from(experts).where(eq(experts.name, '钱六'))).toEqual([]);

		const r = laurel('experts', 'import', '--campaign', campaign, '--file', good);
		expect(r.code).toBe(0);
		expect(r.out).toMatchObject({ ok: true, imported: 2 });
		expect(r.out.invitations.map((i: { username: string }) => i.username)).toEqual([
			'lisi',
			expect.stringMatching(/^expert\d+/)
		]);
		for (const i of r.out.invitations) expect(i.invitation).toMatch(/^https:\/\/laurel\.example\.org\/invite\//);
		// Again: the same people are updated, not duplicated, and get no new links.
		const again = laurel('experts', 'import', '--campaign', campaign, '--file', good);
		expect(again.out).toMatchObject({ ok: true, imported: 2, invitations: [] });
	});

	it('imports an .xlsx roster (first sheet) the same way', async () => {
		const ExcelJS = (await import('exceljs')).default;
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('专家');
		ws.addRow(['姓名', '工作单位', '评审领域', '用户名', '手机']);
		ws.addRow(['周八', '桂林电子科技大学', '工科', 'zhou8', '13800000008']);
		const file = join(dir, 'experts.xlsx');
		writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
		const r = laurel('experts', 'import', '--campaign', campaign, '--file', file);
		expect(r.code, r.stderr).toBe(0);
		expect(r.out).toMatchObject({ ok: true, imported: 1, invitations: [{ username: 'zhou8' }] });
	});

	it('audit verify: the chain of every write above holds; a tampered entry is named with exit 3', async () => {
		const ok = laurel('audit', 'verify', '--campaign', campaign);
		expect(ok.code).toBe(0);
		expect(Object.keys(ok.out).sort()).toEqual(['entries', 'head', 'ok']);
		expect(ok.out.entries).toBeGreaterThan(10);
		expect(ok.out.head).toMatch(/^[0-9a-f]{64}$/);
		const db = await openDatabase(url);
		const victim = (
			await db.$client.execute({
				sql: `select id from audit_log where campaign_id = ? and action = 'member.add' order by id limit 1`,
				args: [campaign]
			})
		).rows[0].id as number;
		await db.$client.execute({ sql: `update audit_log set actor_name = '别人' where id = ?`, args: [victim] });
		const broken = laurel('audit', 'verify', '--campaign', campaign);
		expect(broken.code).toBe(3);
		expect(broken.out).toMatchObject({ error: 'AUDIT_BROKEN', entry: victim });
		expect(broken.out.message).toMatch(/改动/);
		expect(laurel('audit', 'verify', '--campaign', 'nope').code).toBe(2);
	});
});
