import type { PageServerLoad } from './$types';
import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { auditLog } from '$lib/server/db/schema';
import { ACTION_LABELS } from '$lib/server/services/overview';

const PAGE = 100;

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const q = event.url.searchParams;
	const action = q.get('action') ?? '';
	const actor = q.get('actor') ?? '';
	const before = Number(q.get('before') ?? '') || null;
	const where: SQL[] = [eq(auditLog.campaignId, campaign.id)];
	if (action) where.push(like(auditLog.action, `${action.replace(/[%_]/g, '')}%`));
	if (actor) where.push(eq(auditLog.actorName, actor));
	if (before) where.push(lt(auditLog.id, before));
	const db = await getDb();
	const rows = await db
		.select()
		.from(auditLog)
		.where(and(...where))
		.orderBy(desc(auditLog.id))
		.limit(PAGE + 1);
	const actors = await db
		.selectDistinct({ name: auditLog.actorName })
		.from(auditLog)
		.where(eq(auditLog.campaignId, campaign.id));
	const show = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v, null, 1));
	return {
		filters: { action, actor },
		actors: actors.map((a) => a.name ?? '').filter(Boolean).sort(),
		actions: Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label })),
		rows: rows.slice(0, PAGE).map((r) => ({
			id: r.id,
			at: r.at,
			actor: r.actorName ?? '',
			action: r.action,
			label: ACTION_LABELS[r.action] ?? r.action,
			entity: r.entity ?? '',
			entityId: r.entityId ?? '',
			reason: r.reason ?? '',
			before: show(r.before).slice(0, 4000),
			after: show(r.after).slice(0, 4000)
		})),
		next: rows.length > PAGE ? rows[PAGE - 1].id : null
	};
};
