// A campaign of one's own for a spec: seeded straight into the e2e server's database (WAL lets the
// test process and the server share it), with accounts `<prefix>organizer`, `<prefix>chair`,
// `<prefix>expert01`…`<prefix>expert15` (password laurel-demo), so specs never step on each other.
import { openDatabase, type DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';

let db: Promise<DB> | null = null;

export function e2eDb(): Promise<DB> {
	db ??= openDatabase(`file:.e2e/${process.env.E2E_PORT}/db/laurel.db`);
	return db;
}

export async function seedReviewCampaign(prefix: string, seed = 7, candidates = 60): Promise<string> {
	const id = `e2e-${prefix}`;
	await seedCampaign(await e2eDb(), { id, name: `测试活动 ${prefix}`, prefix: `${prefix}-`, seed, candidates });
	return id;
}

/**
 * The campaign's observer (纪检监察) `<prefix>-observer` with the demo password, added through the
 * members service as the office would; a second call finds it in place.
 */
export async function seedObserver(campaignId: string, prefix: string): Promise<string> {
	const { addMember } = await import('../../src/lib/server/services/members');
	const { acceptInvitation } = await import('../../src/lib/server/services/accounts');
	const db = await e2eDb();
	const username = `${prefix}-observer`;
	const r = await addMember(db, { id: null, name: 'e2e' }, campaignId, {
		username,
		role: 'observer',
		name: `纪检监察（${prefix}）`
	});
	if (r.ok && r.token) {
		const a = await acceptInvitation(db, r.token, 'laurel-demo');
		if (!a.ok) throw new Error(a.message);
	} else if (!r.ok && r.code !== 'ALREADY_MEMBER') throw new Error(r.message);
	return username;
}
