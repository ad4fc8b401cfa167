// The panel rule of an assignment (issue 12, “允许跨组借用专家”): a pair leaves its dossier's panel
// when a panel of the dossier's field exists and the expert sits on none of that field's panels.
// A field without a panel has no panel to leave. The solver's panel-only instance, the assignment
// page's 跨组 count and the tests all ask here.

/** The fields that have a panel: every field some expert sits on a panel of. */
export function panelledFields(experts: readonly { panelFields: readonly string[] }[]): Set<string> {
	return new Set(experts.flatMap((e) => e.panelFields));
}

/** Whether the expert (with the fields of the panels they sit on) reviews outside the dossier's panel. */
export function leavesPanel(
	panelled: ReadonlySet<string>,
	expertPanelFields: readonly string[],
	field: string
): boolean {
	return panelled.has(field) && !expertPanelFields.includes(field);
}
