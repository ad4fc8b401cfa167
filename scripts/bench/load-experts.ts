// The parts of `npm run bench:load` its scenarios share (split from load.ts): the options, one
// simulated expert's loop, the trivial-endpoint loop, the no-loss check and the timing table.
import { and, eq } from 'drizzle-orm';
import { sheets } from '../../src/lib/server/db/schema';
import { Client, DIR, draftPath, nextVersion, openDb, PASSWORD, sleep, Stats, type Seeded } from './load-lib';

const arg = (name: string, dflt: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : dflt;
};
export const SECONDS = Number(arg('seconds', '60'));
export const EXPERTS = Number(arg('experts', '200'));
const SHEETS = Number(arg('sheets', '30'));
export const ONLY = new Set(arg('only', 'main,saturation,crowd,crash,two,backup').split(','));
export const CROWD = Number(arg('crowd', '1000'));
export const CROWD_P99_TARGET = 100;
export const DB_FILE = `${DIR}/load.db`;

export interface Ack {
	expert: string;
	candidate: string;
	total: number;
}

/** One expert: log in, open the desk, then per dossier open it, save drafts, submit. */
export async function expertLoop(
	s: Seeded,
	idx: number,
	bases: string[],
	stats: Stats,
	acked: Ack[],
	until: number,
	onAck?: (a: Ack) => void
): Promise<void> {
	const e = s.experts[idx];
	let turn = idx;
	const client = new Client(bases[turn++ % bases.length], stats);
	const next = () => {
		if (bases.length > 1) client.base = bases[turn++ % bases.length];
	};
	await sleep((idx % 50) * 60); // stagger logins: argon2 is deliberately slow
	while (Date.now() < until && !(await client.login(e.username, PASSWORD).catch(() => false))) await sleep(500);
	next();
	await client
		.request('tasks', `/c/${s.campaignId}/tasks`)
		.then((r) => r.arrayBuffer())
		.catch(() => stats.fail('tasks'));
	const versions = new Map<string, number>();
	let done = 0;
	for (let k = 0; done < SHEETS && Date.now() < until; k++) {
		const code = s.codes[(idx * 7 + k) % s.codes.length];
		const path = `/c/${s.campaignId}/dossiers/${encodeURIComponent(code)}?round=${s.roundId}`;
		next();
		await client
			.request('dossier', path)
			.then((r) => r.arrayBuffer())
			.catch(() => stats.fail('dossier'));
		const merit = 20 + ((idx + k) % 20);
		const story = 15 + ((idx * 3 + k) % 15);
		const exemplary = 10 + ((idx + 2 * k) % 20);
		const fields = (partial: boolean) => ({
			round: s.roundId,
			'v.merit': String(merit),
			'v.story': partial ? '' : String(story),
			'v.exemplary': partial ? '' : String(exemplary),
			comment: '',
			baseVersion: String(versions.get(code) ?? 0)
		});
		// two autosaves (JSON, as the desk sends them), then the submission (the form action)
		for (const partial of [true, false]) {
			await sleep(700 + ((idx * 13 + k) % 900));
			next();
			const f = fields(partial);
			const body = {
				round: s.roundId,
				values: { merit: f['v.merit'], story: f['v.story'], exemplary: f['v.exemplary'] },
				comment: '',
				baseVersion: versions.get(code) ?? 0
			};
			const r = await client.draft('save', draftPath(s, code), body).catch(() => null);
			versions.set(code, nextVersion(r, versions.get(code) ?? 0));
		}
		next();
		const sub = await client.action('submit', `${path}&/submit`, { ...fields(false), confirm: '1' }).catch(() => null);
		if (sub?.type === 'success' && sub.data?.submitted) {
			const ack = { expert: e.id, candidate: s.candidateByCode.get(code)!, total: merit + story + exemplary };
			acked.push(ack);
			onAck?.(ack);
			done++;
		}
	}
}

export async function trivialLoop(base: string, stats: Stats, until: number): Promise<void> {
	const c = new Client(base, stats);
	while (Date.now() < until) {
		await c
			.request('health', '/api/health')
			.then((r) => r.arrayBuffer())
			.catch(() => stats.fail('health'));
		await sleep(1000);
	}
}

/** Every acknowledged submission is in the database with its total, exactly once. */
export async function verify(acked: Ack[], label: string, dbFile = DB_FILE): Promise<boolean> {
	const db = await openDb(dbFile);
	let lost = 0;
	let wrong = 0;
	for (const a of acked) {
		const rows = await db
			.select()
			.from(sheets)
			.where(and(eq(sheets.expertId, a.expert), eq(sheets.candidateId, a.candidate)));
		if (rows.length !== 1 || rows[0].status !== 'submitted') lost++;
		else if (rows[0].total !== a.total) wrong++;
	}
	db.$client.close();
	const ok = lost === 0 && wrong === 0;
	console.log(`${label}: 已确认提交 ${acked.length} 份，丢失 ${lost}，数值不符 ${wrong} → ${ok ? '通过' : '失败'}`);
	return ok;
}

export function printStats(title: string, stats: Stats, seconds: number): void {
	console.log(`\n${title}`);
	console.log('请求类型        次数    每秒     p50(ms)  p99(ms)  失败');
	for (const r of stats.report(seconds))
		console.log(
			`${r.kind.padEnd(14)} ${String(r.n).padStart(6)} ${r.perSecond.toFixed(1).padStart(8)} ` +
				`${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(8)} ${String(r.errors).padStart(5)}`
		);
	console.log(`5xx: ${stats.serverErrors}`);
}

export async function currentVersion(expertId: string, candidateId: string): Promise<number | null> {
	const db = await openDb(DB_FILE);
	const row = (
		await db
			.select()
			.from(sheets)
			.where(and(eq(sheets.expertId, expertId), eq(sheets.candidateId, candidateId)))
	)[0];
	db.$client.close();
	return row && row.status !== 'submitted' ? row.version : row ? -1 : null;
}
