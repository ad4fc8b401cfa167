import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { candidateAccess } from '../access.server';
import { configOf } from '$lib/server/services/campaigns';
import { recordOf } from '$lib/server/services/candidates';
import { changeRedactions, manualOf, type RedactionChange } from '$lib/server/services/candidate-edit';
import { buildDossier, dossierLeaks, expertDossier } from '$lib/domain/anonymize';
import { identifyingStrings } from '$lib/domain/redact';
import { cleanText } from '$lib/domain/units';

export const load: PageServerLoad = async (event) => {
	const { campaign, row } = await candidateAccess(event);
	const config = configOf(campaign);
	const record = recordOf(row);
	const manual = manualOf(row);
	const identifying = new Set(identifyingStrings(record).map((x) => cleanText(x.text)));
	const dossier = buildDossier(record, { code: row.reviewCode ?? '未编号', referenceDate: config.referenceDate, manual });
	return {
		candidate: { id: row.id, name: record.name, reviewCode: row.reviewCode, unit: record.unitAndTitle, channel: record.channel },
		original: {
			deeds: record.deeds ?? '',
			story: record.story ?? '',
			career: record.career ?? [],
			awards: record.awards ?? []
		},
		dossier: expertDossier(dossier),
		redactions: dossier.redactions,
		manual,
		// A kept context (“中国建国”) is accepted; keeping the name or a unit itself is still a leak.
		leaks: dossierLeaks(dossier, record, manual.remove.filter((s) => !identifying.has(cleanText(s)))),
		referenceDate: config.referenceDate
	};
};

async function apply(event: RequestEvent, make: (form: FormData) => RedactionChange) {
	const { campaign, actor, db, row } = await candidateAccess(event);
	const form = await event.request.formData();
	const change = make(form);
	const r = await changeRedactions(db, actor, campaign.id, row.id, change);
	if (!r.ok) return fail(400, { op: change.op, text: change.text, message: r.message });
	const done =
		change.op === 'add' ? `已设置隐去“${change.text.trim()}”` : change.op === 'keep' ? `已设置“${change.text.trim()}”不隐去` : `已撤销“${change.text}”`;
	return { done };
}

const text = (form: FormData) => String(form.get('text') ?? '');

export const actions: Actions = {
	add: (event) => apply(event, (f) => ({ op: 'add', text: text(f) })),
	keep: (event) => apply(event, (f) => ({ op: 'keep', text: text(f) })),
	drop: (event) =>
		apply(event, (f) => ({ op: 'drop', list: String(f.get('list')) === 'remove' ? 'remove' : 'add', text: text(f) }))
};
