// Editing one nomination by hand (the organizer's 推荐表 form) and its manual redactions.
// Each write is one transaction with its audit entry; the dedup key stays unique per campaign.
import { and, eq, max } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns, candidates } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import { lockRefusal } from './locks';
import { beijingToday } from '../../shared/time';
import { nominationKey, samePerson } from '../../domain/intake/match';
import { ensureReviewCodes, recordOf, reviewField, type CandidateRow, type Tx } from './candidates';
import type { CampaignConfig, CandidateRecord, ChannelType } from '../../domain/types';
import { cleanText } from '../../domain/intake/work-units';
import { classLabel, classOptionLabel, type FormContext, type FormOptions } from '../../domain/intake/form-context';

export const DUPLICATE_MESSAGE = '该推荐单位已推荐同名同出生年月的候选人';

export type EditResult =
	| { ok: true; id: string; reviewCode: string | null; changed: boolean }
	| { ok: false; code: 'DUPLICATE' | 'NOT_FOUND' | 'STALE' | 'LOCKED'; message: string };

export interface ManualRedactions {
	add: string[];
	remove: string[];
}

export async function getCandidate(db: DB | Tx, campaignId: string, id: string): Promise<CandidateRow | null> {
	const rows = await db
		.select()
		.from(candidates)
		.where(and(eq(candidates.campaignId, campaignId), eq(candidates.id, id)))
		.limit(1);
	return rows[0] ?? null;
}

/** 序号 → candidate, so that an office can open “候选人 12” by the number on its summary sheet. */
export async function getCandidateBySeq(db: DB | Tx, campaignId: string, seq: number): Promise<CandidateRow | null> {
	const rows = await db
		.select()
		.from(candidates)
		.where(and(eq(candidates.campaignId, campaignId), eq(candidates.seq, seq)))
		.limit(1);
	return rows[0] ?? null;
}

export function manualOf(row: Pick<CandidateRow, 'redactions'>): ManualRedactions {
	const r = (row.redactions ?? {}) as Partial<ManualRedactions>;
	const list = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
	return { add: list(r.add), remove: list(r.remove) };
}

/**
 * 推荐单位 the form offers: the campaign's channels, then those that imports brought in with a
 * 渠道类型 (they are counted as channels of that type by the check; candidate-list importedChannels).
 */
function channelOptions(
	config: CampaignConfig,
	imported: { name: string; type: ChannelType }[]
): { name: string; type: ChannelType | null }[] {
	const out = new Map<string, ChannelType | null>(config.channels.map((c) => [c.name, c.type]));
	for (const c of imported) if (!out.has(c.name)) out.set(c.name, c.type);
	return [...out].map(([name, type]) => ({ name, type }));
}

/**
 * The stored nominations that are the same person from the same 推荐单位 (match.ts samePerson):
 * entering one by hand again is refused (an import keeps both rows and the check reports
 * DUPLICATE_CANDIDATE instead). Read whole: names and units are compared normalised, not as stored.
 */
async function findSame(tx: Tx, campaignId: string, record: Pick<CandidateRecord, 'channel' | 'name' | 'birth'>) {
	const rows = await tx
		.select({ id: candidates.id, channel: candidates.channel, name: candidates.name, birth: candidates.birth })
		.from(candidates)
		.where(eq(candidates.campaignId, campaignId));
	return rows.filter((r) => samePerson(r, record));
}

/** What the campaign's panels classify by, so that a record with both 组别 and 领域 is filed right. */
async function classificationOf(tx: Tx, campaignId: string): Promise<CampaignConfig['classification'] | undefined> {
	const row = (await tx.select({ config: campaigns.config }).from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	return (row?.config as CampaignConfig | undefined)?.classification;
}

function isUniqueViolation(e: unknown): boolean {
	const text = String((e as { message?: string })?.message ?? e) + String((e as { cause?: unknown })?.cause ?? '');
	return /UNIQUE constraint failed/i.test(text);
}

async function codeOf(tx: Tx, id: string): Promise<string | null> {
	return (
		(await tx.select({ code: candidates.reviewCode }).from(candidates).where(eq(candidates.id, id)))[0]?.code ?? null
	);
}

/** A new nomination entered by hand; it gets the next 序号 and a review code in its field. */
export async function createCandidate(
	db: DB,
	actor: Actor,
	campaignId: string,
	record: CandidateRecord
): Promise<EditResult> {
	try {
		return await db.transaction(async (tx) => {
			const locked = await lockRefusal(tx, campaignId, '新增候选人');
			if (locked) return { ok: false, code: 'LOCKED', message: locked } as const;
			const key = nominationKey(record);
			if ((await findSame(tx, campaignId, record)).length)
				return { ok: false, code: 'DUPLICATE', message: DUPLICATE_MESSAGE } as const;
			const top = await tx
				.select({ n: max(candidates.seq) })
				.from(candidates)
				.where(eq(candidates.campaignId, campaignId));
			const seq = Number(top[0]?.n ?? 0) + 1;
			const full: CandidateRecord = { ...record, seq: record.seq ?? String(seq) };
			const id = newId('k_');
			const now = Date.now();
			await tx.insert(candidates).values({
				id,
				campaignId,
				dedupKey: key,
				name: full.name,
				gender: full.gender,
				birth: full.birth,
				channel: full.channel,
				field: reviewField(full, await classificationOf(tx, campaignId)),
				reviewCode: null,
				record: full,
				redactions: null,
				seq,
				createdAt: now,
				updatedAt: now
			});
			await ensureReviewCodes(tx, campaignId, actor);
			const reviewCode = await codeOf(tx, id);
			await audit(tx, actor, {
				campaignId,
				action: 'candidate.create',
				entity: 'candidate',
				entityId: id,
				after: { record: full, reviewCode }
			});
			return { ok: true, id, reviewCode, changed: true } as const;
		});
	} catch (e) {
		if (isUniqueViolation(e)) return { ok: false, code: 'DUPLICATE', message: DUPLICATE_MESSAGE };
		throw e;
	}
}

/**
 * Saves the form over the stored record. Keys the form does not edit (序号, 推荐组别 in a field
 * campaign, extra columns …) are kept. With `expectedUpdatedAt`, a record changed by someone else
 * in the meantime is not overwritten. A changed field gets a new code in the new field, as on import.
 */
export async function updateCandidate(
	db: DB,
	actor: Actor,
	campaignId: string,
	id: string,
	record: CandidateRecord,
	opts: { expectedUpdatedAt?: number } = {}
): Promise<EditResult> {
	try {
		return await db.transaction(async (tx) => {
			const row = await getCandidate(tx, campaignId, id);
			if (!row) return { ok: false, code: 'NOT_FOUND', message: '没有找到该候选人' } as const;
			const locked = await lockRefusal(tx, campaignId, '修改候选人');
			if (locked) return { ok: false, code: 'LOCKED', message: locked } as const;
			if (opts.expectedUpdatedAt !== undefined && row.updatedAt !== opts.expectedUpdatedAt)
				return {
					ok: false,
					code: 'STALE',
					message: '该候选人在您编辑期间已被他人修改。您填写的内容仍在表单中，请核对后再次保存。'
				} as const;
			const before = recordOf(row);
			const merged = JSON.parse(JSON.stringify({ ...before, ...record })) as CandidateRecord;
			if (JSON.stringify(merged) === JSON.stringify(before))
				return { ok: true, id, reviewCode: row.reviewCode, changed: false } as const;
			const key = nominationKey(merged);
			if ((await findSame(tx, campaignId, merged)).some((o) => o.id !== id))
				return { ok: false, code: 'DUPLICATE', message: DUPLICATE_MESSAGE } as const;
			const field = reviewField(merged, await classificationOf(tx, campaignId));
			await tx
				.update(candidates)
				.set({
					dedupKey: key,
					name: merged.name,
					gender: merged.gender,
					birth: merged.birth,
					channel: merged.channel,
					field,
					record: merged,
					reviewCode: field === row.field ? row.reviewCode : null,
					updatedAt: Math.max(Date.now(), row.updatedAt + 1)
				})
				.where(eq(candidates.id, id));
			if (field !== row.field) await ensureReviewCodes(tx, campaignId, actor);
			const reviewCode = await codeOf(tx, id);
			await audit(tx, actor, {
				campaignId,
				action: 'candidate.update',
				entity: 'candidate',
				entityId: id,
				before: reviewCode === row.reviewCode ? before : { record: before, reviewCode: row.reviewCode },
				after: reviewCode === row.reviewCode ? merged : { record: merged, reviewCode }
			});
			return { ok: true, id, reviewCode, changed: true } as const;
		});
	} catch (e) {
		if (isUniqueViolation(e)) return { ok: false, code: 'DUPLICATE', message: DUPLICATE_MESSAGE };
		throw e;
	}
}

export type RedactionChange =
	| { op: 'add'; text: string } // hide this string
	| { op: 'keep'; text: string } // do not redact this string
	| { op: 'drop'; list: 'add' | 'remove'; text: string }; // undo a manual entry

const MANUAL_MAX = 100;

/** Validates a manual redaction string; returns a Chinese message or null. */
function manualProblem(text: string): string | null {
	const t = text.trim();
	if (!t) return '请填写要处理的文字';
	if ([...cleanText(t)].length < 2) return `“${t}”太短：至少需要 2 个字，否则会误伤正文中的其他文字`;
	if (t.length > MANUAL_MAX) return `“${t.slice(0, 20)}…”过长（最多 ${MANUAL_MAX} 个字）`;
	if (/【|】/.test(t)) return `“${t}”含有标记符号【】，请只填写原文`;
	return null;
}

/** Applies one change to candidates.redactions, audited with before and after. */
export async function changeRedactions(
	db: DB,
	actor: Actor,
	campaignId: string,
	id: string,
	change: RedactionChange
): Promise<{ ok: true; manual: ManualRedactions } | { ok: false; message: string }> {
	const text = change.text.trim();
	if (change.op !== 'drop') {
		const problem = manualProblem(text);
		if (problem) return { ok: false, message: problem };
	}
	return db.transaction(async (tx) => {
		const row = await getCandidate(tx, campaignId, id);
		if (!row) return { ok: false, message: '没有找到该候选人' } as const;
		const locked = await lockRefusal(tx, campaignId, '修改隐去内容');
		if (locked) return { ok: false, message: locked } as const;
		const before = manualOf(row);
		const same = (a: string) => cleanText(a) === cleanText(text);
		const next: ManualRedactions = { add: [...before.add], remove: [...before.remove] };
		if (change.op === 'add') {
			next.remove = next.remove.filter((s) => !same(s));
			if (!next.add.some(same)) next.add.push(text);
		} else if (change.op === 'keep') {
			next.add = next.add.filter((s) => !same(s));
			if (!next.remove.some(same)) next.remove.push(text);
		} else {
			next[change.list] = next[change.list].filter((s) => s !== change.text);
		}
		if (JSON.stringify(next) === JSON.stringify(before)) return { ok: true, manual: before } as const;
		await tx.update(candidates).set({ redactions: next }).where(eq(candidates.id, id));
		await audit(tx, actor, {
			campaignId,
			action: 'candidate.redactions',
			entity: 'candidate',
			entityId: id,
			before,
			after: next
		});
		return { ok: true, manual: next } as const;
	});
}

/** What the 推荐表 form needs from the campaign: the choices of the selects and the text limits. */
export function formOptions(config: CampaignConfig, imported: { name: string; type: ChannelType }[]): FormOptions {
	return {
		classification: config.classification,
		classLabel: classLabel(config.classification),
		fields: config.fields.map((f) => ({ value: f, label: classOptionLabel(config.classification, f) })),
		channels: channelOptions(config, imported).map((c) => ({
			value: c.name,
			label: c.type ? `${c.name}（${c.type}）` : c.name
		})),
		textLimits: config.textLimits
	};
}

/** The form context for parseCandidateForm. */
export function formContext(config: CampaignConfig, imported: { name: string; type: ChannelType }[]): FormContext {
	return {
		classification: config.classification,
		fields: config.fields,
		channels: channelOptions(config, imported),
		today: beijingToday()
	};
}
