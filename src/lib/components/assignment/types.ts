// Shapes the conflicts and assignment pages pass to their components (plain data, no server types).

export interface ConflictItem {
	id: string;
	expertId: string;
	expertName: string;
	reviewCode: string;
	/** Only for the campaign office; null for the chair, who works with review codes. */
	candidateName: string | null;
	kind: string;
	severity: 'conflict' | 'warning';
	source: string;
	/** The detected reason (names units): the office's only; null for the chair. */
	reason: string | null;
	status: 'pending' | 'confirmed' | 'dismissed';
	/** Whether the tie currently keeps the expert from the dossier. */
	blocks: boolean;
	decidedBy: string | null;
	decidedAt: number | null;
	decisionReason: string | null;
	/** What the viewer may decide on this row (see mayDecide in the conflicts service). */
	canConfirm: boolean;
	canDismiss: boolean;
}

export interface ExpertLoad {
	id: string;
	name: string;
	fields: string[];
	panelFields: string[];
	assigned: number;
	maxLoad: number | null;
	/** The limit the solver used: maxLoad, or the default ceil(D·k/E) when none is set. */
	effectiveMax: number;
	fieldMatch: number;
}

export interface DossierRow {
	id: string;
	code: string;
	field: string;
	experts: { id: string; name: string; match: boolean; blocked: boolean; source: string }[];
}

export interface Option {
	value: string;
	label: string;
}

export interface InfeasibleGroup {
	codes: string[];
	reason: string;
	/** TOO_FEW_EXPERTS: each dossier alone lacks experts; LOAD_LIMIT: the group competes for busy experts. */
	code: 'TOO_FEW_EXPERTS' | 'LOAD_LIMIT';
}

/** "2024-05-06 14:03" in China Standard Time (the campaigns' zone), the same on server and client. */
export function formatTime(ms: number | null | undefined): string {
	if (ms === null || ms === undefined) return '';
	const d = new Date(ms + 8 * 3600_000);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
