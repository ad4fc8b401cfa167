// "Locked means locked" (issue 12): once the selection is locked, and again once the 公示 is
// published, nothing that feeds them may change — imports, candidate edits, scores, settings,
// conflicts, assignment. This file is the one owner of that rule: every write path that feeds the
// selection asks `lockRefusal` (services returning { ok, message }) or calls `assertUnlocked`
// (services that throw). The office lifts the lock with a reason (selection.ts unlockSelection).
import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns, selections } from '../db/schema';
import { formatBeijing } from '../../shared/time';

type Reader = Pick<DB, 'select'>;

export interface LockState {
	selectionId: string;
	lockedAt: number | null;
	lockedBy: string | null;
	/** the 公示 has been published (saved) on top of the lock */
	published: boolean;
}

async function lockState(db: Reader, campaignId: string): Promise<LockState | null> {
	const sel = (
		await db
			.select({ id: selections.id, lockedAt: selections.lockedAt, lockedBy: selections.lockedBy })
			.from(selections)
			.where(and(eq(selections.campaignId, campaignId), eq(selections.state, 'locked')))
			.limit(1)
	)[0];
	if (!sel) return null;
	const c = (await db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	return { selectionId: sel.id, lockedAt: sel.lockedAt, lockedBy: sel.lockedBy, published: c?.status === 'published' };
}

/** The sentence naming the lock: “遴选结果已于 2026-12-05 09:30 由 张三 锁定，…”. */
function lockMessage(lock: LockState, what = '此项修改'): string {
	const when = lock.lockedAt ? formatBeijing(lock.lockedAt) : '';
	const who = lock.lockedBy ?? '活动办公室';
	const head = `遴选结果已于 ${when} 由 ${who} 锁定${lock.published ? '，公示已发布' : ''}`;
	return `${head}，${what}不能进行；如确需修改，请活动办公室在“遴选”页填写理由解除锁定（公示将退回草稿）`;
}

/** null when writes are allowed; otherwise the refusal to show. */
export async function lockRefusal(db: Reader, campaignId: string, what?: string): Promise<string | null> {
	const lock = await lockState(db, campaignId);
	return lock ? lockMessage(lock, what) : null;
}

/** Throws a 423 (Locked) naming the lock; for services without a { ok, message } result. */
export async function assertUnlocked(db: Reader, campaignId: string, what?: string): Promise<void> {
	const message = await lockRefusal(db, campaignId, what);
	if (message) error(423, message);
}
