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
