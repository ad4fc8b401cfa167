// The expectation table of the authorization matrix (authz-matrix.spec.ts): who may reach each
// route, action and endpoint. A route the table does not list fails the matrix.
export const ROLES = [
	'anonymous',
	'otherExpert',
	'expert',
	'conflictedExpert',
	'chair',
	'organizer',
	'observer'
] as const;
export type Role = (typeof ROLES)[number];

export const PUBLIC: readonly Role[] = ROLES;
export const SIGNED_IN: readonly Role[] = [
	'otherExpert',
	'expert',
	'conflictedExpert',
	'chair',
	'organizer',
	'observer'
];
export const MEMBERS: readonly Role[] = ['expert', 'conflictedExpert', 'chair', 'organizer', 'observer'];
export const EXPERTS: readonly Role[] = ['expert', 'conflictedExpert'];
/** The expert reviewing the dossier in the URL; the conflicted colleague is refused. */
export const REVIEWER: readonly Role[] = ['expert'];
export const STAFF: readonly Role[] = ['chair', 'organizer'];
export const OFFICE: readonly Role[] = ['organizer'];
/**
 * 纪检监察 (observer) reads progress, closed rounds, the audit log and the final list; it is absent
 * from every other set, so every action and every page of an open round refuses it.
 */
export const READERS: readonly Role[] = ['organizer', 'observer'];

export interface Case {
	/** Roles that get the page / action; every other role must be refused. */
	allow: readonly Role[];
	/** Route params for this case (beyond PARAMS), e.g. one export kind. */
	params?: Record<string, string>;
	/** The minimal form posted to an action; `{name}` is replaced by the setup value. */
	form?: Record<string, string>;
	/** Query string (without `?`) added to the URL; `{name}` is replaced. */
	query?: string;
	/** The refusal comes from the service as fail(404) (same answer as an unknown code). */
	failureIsRefusal?: boolean;
	/** A redirect to /login is the normal answer here, not a refusal (logout). */
	loginRedirectIsOk?: boolean;
	/** The JSON body posted to an endpoint (`{name}` in its strings is replaced). */
	json?: Record<string, unknown>;
	/** Statuses that mean the service answered the request (e.g. 409: a version already superseded). */
	answered?: number[];
}

/**
 * Keys: `page <route id>` (HTML and __data.json), `action <route id> ?/<name>` (form action, `default`
 * for the unnamed one), `<METHOD> <route id>` (+server.ts). Roles: anonymous, otherExpert (an expert
 * of another campaign), expert (reviews the dossier in the URL), conflictedExpert (a colleague of the
 * same panel with a confirmed conflict on that dossier), chair, organizer, observer (纪检监察).
 * Forms are minimal on purpose: they must not change what the other cases see (no round is closed,
 * nothing is published), so an allowed action answers 200/204/3xx or a validation failure (400/409/…).
 */
export const TABLE: Record<string, Case | Case[]> = {
	'page /': { allow: SIGNED_IN },
	'page /account': { allow: SIGNED_IN },
	'action /account ?/password': { allow: SIGNED_IN, form: { current: '', next: '', confirm: '' } },
	'GET /api/health': { allow: PUBLIC },
	'page /campaigns': { allow: SIGNED_IN },
	'page /campaigns/new': { allow: OFFICE },
	'action /campaigns/new ?/default': { allow: OFFICE, form: { preset: '', name: '' } },
	'page /campaigns/new/copy': { allow: OFFICE },
	'action /campaigns/new/copy ?/default': { allow: OFFICE, form: { from: '', name: '' } },
	'page /invite/[token]': { allow: PUBLIC },
	'action /invite/[token] ?/default': { allow: PUBLIC, form: { password: '', confirm: '' } },
	'page /login': { allow: PUBLIC },
	'action /login ?/default': { allow: PUBLIC, form: { username: '', password: '' } },
	'page /logout': { allow: PUBLIC },
	// Ends the session: run after every other case.
	'action /logout ?/default': { allow: PUBLIC, loginRedirectIsOk: true },

	'page /c/[campaignId]': { allow: MEMBERS },
	'page /c/[campaignId]/overview': { allow: OFFICE },
	'page /c/[campaignId]/audit': { allow: READERS },
	'page /c/[campaignId]/progress': { allow: READERS },
	// {roundId} is the open round: this read-only result view serves closed rounds only (the office reads
	// an open round on its round page), so everyone is refused here until it closes.
	'page /c/[campaignId]/progress/[roundId]': { allow: [] },
	'page /c/[campaignId]/final': { allow: READERS },
	'page /c/[campaignId]/members': { allow: OFFICE },
	'action /c/[campaignId]/members ?/add': { allow: OFFICE, form: { username: '', role: '' } },
	'action /c/[campaignId]/members ?/panels': { allow: OFFICE, form: { userId: '' } },
	'action /c/[campaignId]/members ?/remove': { allow: OFFICE, form: { userId: '', reason: '' } },
	'action /c/[campaignId]/members ?/reset': { allow: OFFICE, form: { userId: '' } },
	'page /c/[campaignId]/settings': { allow: OFFICE },
	'action /c/[campaignId]/settings ?/default': { allow: OFFICE },

	'page /c/[campaignId]/candidates': { allow: OFFICE },
	'page /c/[campaignId]/candidates/new': { allow: OFFICE },
	'action /c/[campaignId]/candidates/new ?/default': { allow: OFFICE },
	'page /c/[campaignId]/candidates/[candidateId]': { allow: OFFICE },
	'action /c/[campaignId]/candidates/[candidateId] ?/save': { allow: OFFICE },
	'action /c/[campaignId]/candidates/[candidateId] ?/upload': { allow: OFFICE, form: { kind: '' } },
	'action /c/[campaignId]/candidates/[candidateId] ?/deleteAttachment': {
		allow: OFFICE,
		form: { attachmentId: 'f_none' }
	},
	'action /c/[campaignId]/candidates/[candidateId] ?/withdraw': { allow: OFFICE, form: { reason: '' } },
	'action /c/[campaignId]/candidates/[candidateId] ?/restore': { allow: OFFICE, form: { reason: '' } },
	'page /c/[campaignId]/candidates/[candidateId]/dossier': { allow: OFFICE },
	'action /c/[campaignId]/candidates/[candidateId]/dossier ?/add': { allow: OFFICE, form: { text: '' } },
	'action /c/[campaignId]/candidates/[candidateId]/dossier ?/keep': { allow: OFFICE, form: { text: '' } },
	'action /c/[campaignId]/candidates/[candidateId]/dossier ?/drop': {
		allow: OFFICE,
		form: { list: 'add', text: 'no-such-redaction' }
	},
	'GET /c/[campaignId]/candidates/[candidateId]/files/[attachmentId]': { allow: OFFICE },

	'page /c/[campaignId]/import': { allow: OFFICE },
	'action /c/[campaignId]/import ?/preview': { allow: OFFICE },
	'action /c/[campaignId]/import ?/confirm': { allow: OFFICE, form: { pendingId: '' } },
	'action /c/[campaignId]/import ?/cancel': { allow: OFFICE, form: { pendingId: '' } },
	'GET /c/[campaignId]/import/template.csv': { allow: OFFICE },
	// Names and nominating bodies: the office's only; the chair works with review codes.
	'page /c/[campaignId]/check': { allow: OFFICE },
	'action /c/[campaignId]/check ?/accept': {
		allow: OFFICE,
		form: { candidateId: 'none', code: 'PRIOR_TITLE', reason: '' }
	},
	'action /c/[campaignId]/check ?/withdraw': { allow: OFFICE, form: { candidateId: 'none', code: 'PRIOR_TITLE' } },

	'page /c/[campaignId]/experts': { allow: OFFICE },
	'action /c/[campaignId]/experts ?/create': { allow: OFFICE },
	'action /c/[campaignId]/experts ?/import': { allow: OFFICE },
	'action /c/[campaignId]/experts ?/reinvite': { allow: OFFICE, form: { expertId: '' } },
	'GET /c/[campaignId]/experts/template.csv': { allow: OFFICE },
	'page /c/[campaignId]/experts/[expertId]': { allow: OFFICE },
	'action /c/[campaignId]/experts/[expertId] ?/update': { allow: OFFICE },
	'action /c/[campaignId]/experts/[expertId] ?/reinvite': { allow: OFFICE },

	'page /c/[campaignId]/panels': { allow: STAFF },
	'action /c/[campaignId]/panels ?/create': { allow: OFFICE, form: { name: '', field: '' } },
	'action /c/[campaignId]/panels ?/chair': { allow: OFFICE, form: { panelId: '' } },
	'action /c/[campaignId]/panels ?/add': { allow: OFFICE, form: { panelId: '', expertId: '' } },
	'action /c/[campaignId]/panels ?/remove': { allow: OFFICE, form: { panelId: '', expertId: '' } },
	'action /c/[campaignId]/panels ?/delete': { allow: OFFICE, form: { panelId: '' } },
	'action /c/[campaignId]/panels ?/autobuild': { allow: OFFICE },

	'page /c/[campaignId]/conflicts': { allow: STAFF },
	'action /c/[campaignId]/conflicts ?/decide': { allow: STAFF, form: { id: '', decision: '' } },
	'action /c/[campaignId]/conflicts ?/refresh': { allow: STAFF },
	'action /c/[campaignId]/conflicts ?/decideMany': { allow: STAFF, form: { decision: '' } },
	// the office's picker: names are the office's only, a chair gets no answer
	'GET /c/[campaignId]/conflicts/candidates': { allow: OFFICE },
	'action /c/[campaignId]/conflicts ?/add': { allow: OFFICE, form: { expertId: '', candidate: '', reason: '' } },
	// Declarations are append-only for experts: only the office removes one.
	'action /c/[campaignId]/conflicts ?/removeDeclaration': {
		allow: OFFICE,
		form: { expertId: '', what: 'person', text: '', reason: '' }
	},

	'page /c/[campaignId]/assignment': { allow: STAFF },
	'action /c/[campaignId]/assignment ?/propose': { allow: STAFF, form: { mode: 'distributed', k: '' } },
	'action /c/[campaignId]/assignment ?/add': { allow: STAFF, form: { candidateId: '', addExpertId: '' } },
	'action /c/[campaignId]/assignment ?/remove': { allow: STAFF, form: { candidateId: '', removeExpertId: '' } },
	'action /c/[campaignId]/assignment ?/move': {
		allow: STAFF,
		form: { candidateId: '', fromExpertId: '', toExpertId: '' }
	},
	'action /c/[campaignId]/assignment ?/publish': { allow: STAFF },
	'action /c/[campaignId]/assignment ?/proposeRandom': { allow: STAFF, form: { k: '', q: '' } },
	// 专家库 and 随机抽取专家 (issue 15): the office's; the record shows units, so never the chair's.
	'page /c/[campaignId]/pool': { allow: OFFICE },
	'action /c/[campaignId]/pool ?/import': { allow: OFFICE },
	'action /c/[campaignId]/panels ?/draw': { allow: OFFICE, form: { field: '', size: '' } },
	// The inspector (纪检监察) reads the 抽取记录 and replays it.
	'page /c/[campaignId]/panels/draws/[drawId]': { allow: READERS },
	'action /c/[campaignId]/panels/draws/[drawId] ?/replay': { allow: READERS },
	'GET /c/[campaignId]/panels/draws/[drawId]/instance.json': { allow: READERS },

	'page /c/[campaignId]/panel': { allow: STAFF },
	'action /c/[campaignId]/panel ?/create': { allow: STAFF, form: { name: '' } },
	// The draft second round cannot open while the first is open (409); closing a draft is refused (409).
	'action /c/[campaignId]/panel ?/open': { allow: STAFF, form: { roundId: '{draftRoundId}' } },
	'action /c/[campaignId]/panel ?/close': { allow: STAFF, form: { roundId: '{draftRoundId}' } },
	'action /c/[campaignId]/panel ?/reopen': { allow: STAFF, form: { roundId: '{roundId}', reason: '' } },
	// editing or deleting the open round is refused (409); an empty deadline or reason is refused (400)
	'action /c/[campaignId]/panel ?/update': { allow: STAFF, form: { roundId: '{roundId}', name: '' } },
	'action /c/[campaignId]/panel ?/delete': { allow: STAFF, form: { roundId: '{roundId}' } },
	'action /c/[campaignId]/panel ?/extend': { allow: STAFF, form: { roundId: '{roundId}', deadline: '' } },
	'action /c/[campaignId]/panel ?/exclude': {
		allow: OFFICE,
		form: { roundId: '{draftRoundId}', candidate: '', reason: '' }
	},
	'page /c/[campaignId]/rounds/[roundId]': { allow: STAFF },
	'action /c/[campaignId]/rounds/[roundId] ?/create': { allow: STAFF, form: { name: '' } },
	'action /c/[campaignId]/rounds/[roundId] ?/open': { allow: STAFF, form: { roundId: '{draftRoundId}' } },
	'action /c/[campaignId]/rounds/[roundId] ?/close': { allow: STAFF, form: { roundId: '{draftRoundId}' } },
	'action /c/[campaignId]/rounds/[roundId] ?/reopen': { allow: STAFF, form: { roundId: '{roundId}', reason: '' } },
	'action /c/[campaignId]/rounds/[roundId] ?/update': { allow: STAFF, form: { roundId: '{roundId}', name: '' } },
	'action /c/[campaignId]/rounds/[roundId] ?/delete': { allow: STAFF, form: { roundId: '{roundId}' } },
	'action /c/[campaignId]/rounds/[roundId] ?/extend': { allow: STAFF, form: { roundId: '{roundId}', deadline: '' } },
	'action /c/[campaignId]/rounds/[roundId] ?/exclude': {
		allow: OFFICE,
		form: { roundId: '{draftRoundId}', candidate: '', reason: '' }
	},
	'action /c/[campaignId]/rounds/[roundId] ?/note': { allow: STAFF, form: { candidate: '{candidateId}', note: '' } },
	'action /c/[campaignId]/rounds/[roundId] ?/rescore': { allow: STAFF, form: { expert: '', candidate: '' } },
	'action /c/[campaignId]/rounds/[roundId] ?/advance': { allow: STAFF, form: { to: '' } },
	// mails (or lists) reminders to the experts of the round: changes nothing the other cases see
	'action /c/[campaignId]/rounds/[roundId] ?/remind': { allow: STAFF },
	'action /c/[campaignId]/rounds/[roundId] ?/deadline': { allow: STAFF },
	'page /c/[campaignId]/rounds/[roundId]/print': { allow: STAFF },

	'page /c/[campaignId]/selection': { allow: STAFF },
	'action /c/[campaignId]/selection ?/run': { allow: OFFICE },
	'action /c/[campaignId]/selection ?/lock': { allow: OFFICE, form: { selectionId: '' } },
	'action /c/[campaignId]/selection ?/unlock': { allow: OFFICE, form: { reason: '' } },
	'action /c/[campaignId]/selection ?/addTarget': { allow: OFFICE, form: { kind: '' } },
	'action /c/[campaignId]/selection ?/removeTarget': { allow: OFFICE, form: { remove: '' } },
	'page /c/[campaignId]/charts': { allow: STAFF },
	// The public notice names the selected: the office prepares it.
	'page /c/[campaignId]/notice': { allow: OFFICE },
	'action /c/[campaignId]/notice ?/save': { allow: OFFICE, form: { start: '' } },

	// Files that carry identities or personal data are the campaign office's alone.
	'GET /c/[campaignId]/export/[what]': [
		{ params: { what: 'candidates' }, allow: OFFICE },
		{ params: { what: 'shortlist' }, allow: OFFICE },
		{ params: { what: 'summary' }, allow: OFFICE },
		{ params: { what: 'upper' }, allow: OFFICE },
		{ params: { what: 'conflicts' }, allow: OFFICE },
		// The audit log holds whole nomination records (phones, addresses) and file names.
		{ params: { what: 'audit' }, allow: OFFICE },
		{ params: { what: 'scores' }, allow: STAFF },
		{ params: { what: 'assignments' }, allow: STAFF }
	],

	'page /c/[campaignId]/tasks': { allow: EXPERTS },
	'page /c/[campaignId]/declare': { allow: EXPERTS },
	'action /c/[campaignId]/declare ?/default': { allow: EXPERTS, form: { units: '', people: '' } },
	'page /c/[campaignId]/dossiers/[code]': [{ allow: REVIEWER }, { allow: REVIEWER, query: 'round={roundId}' }],
	// A draft with no values (allowed), a submission without confirmation (409 stale or 400), a recusal
	// without a reason (400): nothing the other cases depend on.
	'action /c/[campaignId]/dossiers/[code] ?/save': {
		allow: REVIEWER,
		form: { round: '{roundId}', baseVersion: '0' },
		failureIsRefusal: true
	},
	'action /c/[campaignId]/dossiers/[code] ?/submit': {
		allow: REVIEWER,
		form: { round: '{roundId}', baseVersion: '0' },
		failureIsRefusal: true
	},
	// The autosave (JSON): an empty draft over version 0 is saved, or refused as stale (409) once the
	// form action above saved first; every other role is refused before the body is read.
	'POST /c/[campaignId]/dossiers/[code]/draft': {
		allow: REVIEWER,
		json: { round: '{roundId}', values: {}, comment: '', baseVersion: 0 },
		answered: [409]
	},
	'action /c/[campaignId]/dossiers/[code] ?/recuse': { allow: REVIEWER, query: 'round={roundId}', form: { reason: '' } }
};
