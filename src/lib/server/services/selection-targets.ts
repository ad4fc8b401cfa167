// The office's own balance targets for the final list, added and removed on the selection page.
// No notice sets one (presets carry none), so each says who set it and when; every change is audited.
import { eq } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns } from '../db/schema';
import { audit, type Actor } from '../audit';
import { validateConfig } from '../../domain/notice/config';
import { lockedSelection } from './selection';
import type { BalanceTarget } from '../../domain/types';

type Result = { ok: true } | { ok: false; message: string };

async function change(
	db: DB,
	actor: Actor,
	campaignId: string,
	edit: (targets: BalanceTarget[]) => BalanceTarget[] | string,
	action: string,
	reason?: string
): Promise<Result> {
	if (await lockedSelection(db, campaignId))
		return { ok: false, message: '遴选结果已锁定；解除锁定后才能修改名单平衡目标' };
	let out: Result = { ok: true };
	await db.transaction(async (tx) => {
		const row = (await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
		if (!row) {
			out = { ok: false, message: '没有找到该活动' };
			return;
		}
		const config = row.config;
		const next = edit(config.targets);
		if (typeof next === 'string') {
			out = { ok: false, message: next };
			return;
		}
		const errors = validateConfig({ ...config, targets: next });
		if (errors.length) {
			out = { ok: false, message: errors.map((e) => e.message).join('；') };
			return;
		}
		await tx
			.update(campaigns)
			.set({ config: { ...config, targets: next } })
			.where(eq(campaigns.id, campaignId));
		await audit(tx, actor, {
			campaignId,
			action,
			entity: 'campaign',
			entityId: campaignId,
			before: { targets: config.targets },
			after: { targets: next },
			...(reason ? { reason } : {})
		});
	});
	return out;
}

/** Appends an office target (provenance: the actor, now). A second target on the same group, field or channel is refused. */
export function addOfficeTarget(
	db: DB,
	actor: Actor,
	campaignId: string,
	target: BalanceTarget,
	now = Date.now()
): Promise<Result> {
	const stamped: BalanceTarget = { ...target, origin: 'office', setBy: actor.name, setAt: now, source: undefined };
	delete stamped.source;
	return change(
		db,
		actor,
		campaignId,
		(targets) => {
			const key = (t: BalanceTarget) =>
				JSON.stringify([
					t.kind,
					t.kind === 'atLeast'
						? [t.group, t.share !== undefined]
						: t.kind === 'atLeastField'
							? t.field
							: t.kind === 'atMostChannel'
								? t.channel
								: t.channelType
				]);
			if (targets.some((t) => key(t) === key(stamped)))
				return `已有同一对象的目标“${stamped.label ?? ''}”，请先删除原目标`;
			return [...targets, stamped];
		},
		'selection.target.add'
	);
}

/** Removes a target by its index; a target the notice sets cannot be removed (only relaxed for a run). */
export function removeOfficeTarget(
	db: DB,
	actor: Actor,
	campaignId: string,
	index: number,
	expectedLabel?: string
): Promise<Result> {
	return change(
		db,
		actor,
		campaignId,
		(targets) => {
			const t = targets[index];
			if (!Number.isInteger(index) || !t) return '没有找到该目标';
			if (expectedLabel !== undefined && (t.label ?? '') !== expectedLabel) return '目标列表已变化，请刷新页面后再删除';
			if (t.origin === 'notice') return '通知规定的目标不能删除，只能在本次运行中放宽';
			return targets.filter((_, i) => i !== index);
		},
		'selection.target.remove'
	);
}
