import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { candidateAccess } from '../access.server';
import { configOf } from '$lib/server/services/campaigns';
import { recordOf } from '$lib/server/services/candidates';
import { changeRedactions, manualOf, type RedactionChange } from '$lib/server/services/candidate-edit';
import { dossierTexts, expertDossier } from '$lib/domain/anonymity/anonymize';
import { detectLeaks } from '$lib/domain/anonymity/leak-detector';
import { organizerDossier } from '$lib/server/services/dossiers';
import { parseForm } from '$lib/schemas/form';
import { redactionForm } from '$lib/schemas/redactions';

export const load: PageServerLoad = async (event) => {
	const { campaign, row } = await candidateAccess(event);
	const config = configOf(campaign);
	const record = recordOf(row);
	const manual = manualOf(row);
	const dossier = organizerDossier(row, config);
	const view = expertDossier(dossier);
	// The leak check reads the final text the expert gets with its own detector (leak-detector.ts),
	// not the redactor's list, so what the redactor missed shows here. Keeping the name or a whole
	// unit is still reported (the detector ignores such keeps).
	const warnings = detectLeaks(dossierTexts(view), record, manual.remove);
	return {
		candidate: {
			id: row.id,
			name: record.name,
			reviewCode: row.reviewCode,
			unit: record.unitAndTitle,
			channel: record.channel
		},
		original: {
			deeds: record.deeds ?? '',
			story: record.story ?? '',
			career: record.career ?? [],
			awards: record.awards ?? []
		},
		dossier: view,
		redactions: dossier.redactions,
		manual,
		leaks: [...new Set(warnings.filter((w) => w.level === 'leak').map((w) => w.found))],
		warnings,
		referenceDate: config.referenceDate
	};
};

async function apply(event: RequestEvent, op: RedactionChange['op']) {
	const { campaign, actor, db, row } = await candidateAccess(event);
	const form = parseForm(redactionForm, await event.request.formData());
	if (!form.ok) return fail(400, { op, text: '', message: form.message });
	const { text, list } = form.value;
	const change: RedactionChange = op === 'drop' ? { op, list, text } : { op, text };
	const r = await changeRedactions(db, actor, campaign.id, row.id, change);
	if (!r.ok) return fail(400, { op, text, message: r.message });
	const done =
		op === 'add' ? `已设置隐去“${text.trim()}”` : op === 'keep' ? `已设置“${text.trim()}”不隐去` : `已撤销“${text}”`;
	return { done };
}

export const actions: Actions = {
	add: (event) => apply(event, 'add'),
	keep: (event) => apply(event, 'keep'),
	drop: (event) => apply(event, 'drop')
};
