// The desk's autosave as JSON (routes …/dossiers/[code]/draft): the same access query and refusals
// as the form action ?/save (sheet-access.ts), the same checks and guarded write (sheets.ts
// saveChecked: round open, pair reviewable, version seen, rubric), and, as for every draft, no
// audit entry (sheets.ts audits submissions). Without the action machinery: no form parsing, no
// devalue, one JSON object in and out.
import { isHttpError } from '@sveltejs/kit';
import type { DB } from '../db';
import type { Actor } from '../audit';
import { memberRefusal, saveAccess } from './sheet-access';
import { saveChecked, type SaveResult } from './sheets';
import { parseValue } from '../../schemas/form';
import { draftBody } from '../../schemas/sheet';

/** The body was not JSON (or not sent as JSON): refused like a malformed one, after the access checks. */
export const BAD_JSON: unique symbol = Symbol('bad json');

type Failure = Extract<SaveResult, { ok: false }>;
export type DraftAnswer =
	| { saved: true; version: number; savedAt: number }
	| { code: Failure['code']; message: string; errors?: Record<string, string>; current?: Failure['current'] }
	| { message: string };

const MALFORMED = '提交的内容格式不正确，未保存。请刷新页面后重试';
const NOT_FOUND = '没有找到该材料';

export async function saveDraft(
	db: DB,
	who: { userId: string; actor: Actor },
	at: { campaignId: string; code: string },
	body: unknown
): Promise<{ status: number; body: DraftAnswer }> {
	const claimed = body !== null && typeof body === 'object' ? (body as { round?: unknown }).round : undefined;
	const access = await saveAccess(db, {
		userId: who.userId,
		campaignId: at.campaignId,
		roundId: typeof claimed === 'string' ? claimed : '',
		code: at.code
	});
	const refused = memberRefusal(access);
	if (refused || !access?.expertId)
		return { status: refused?.status ?? 404, body: { message: refused?.message ?? NOT_FOUND } };
	const parsed = body === BAD_JSON ? null : parseValue(draftBody, body);
	if (!parsed?.ok) {
		const errors: Record<string, string> = {};
		for (const [path, message] of Object.entries(parsed?.fieldErrors ?? {}))
			if (path.startsWith('values.')) errors[path.slice('values.'.length)] = message;
		return { status: 400, body: { code: 'INVALID', message: parsed?.message ?? MALFORMED, errors } };
	}
	const round = access.round;
	if (!round) return { status: 404, body: { code: 'NOT_FOUND', message: NOT_FOUND } };
	const d = parsed.value;
	// every criterion of the round as the form sends it: '' when blank
	const values: Record<string, string> = {};
	if (round.type === 'score')
		for (const c of round.rubric ?? []) values[c.key] = d.values[c.key] == null ? '' : String(d.values[c.key]);
	try {
		const r = await saveChecked(
			db,
			who.actor,
			{
				round,
				expertId: access.expertId,
				// an unknown code goes on as a candidate no one reviews: refused like one that is not the expert's
				candidateId: access.candidateId ?? '\u0000no-candidate',
				values,
				choice: d.choice,
				comment: d.comment,
				baseVersion: d.baseVersion,
				submit: false
			},
			access
		);
		if (r.ok) return { status: 200, body: { saved: true, version: r.version, savedAt: r.savedAt } };
		return { status: r.status, body: { code: r.code, message: r.message, errors: r.errors, current: r.current } };
	} catch (e) {
		// the selection is locked (locks.ts assertUnlocked): its 423 and message
		if (isHttpError(e)) return { status: e.status, body: { message: e.body.message } };
		throw e;
	}
}
