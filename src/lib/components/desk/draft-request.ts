// The autosave's request: a draft posted as JSON to the dossier's draft endpoint (lighter for the
// server than a form action), answered in the shape `deserialize` gives an action's result so the
// save loop reads both alike.
export interface DraftBody {
	round: string;
	values: Record<string, string>;
	comment: string;
	choice: string | null;
	baseVersion: number;
}

export async function postDraft(
	url: string,
	body: DraftBody,
	keepalive = false
): Promise<{ type: string; data?: Record<string, unknown> }> {
	const res = await fetch(url, {
		method: 'POST',
		keepalive,
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});
	const data = (await res.json().catch(() => null)) as Record<string, unknown> | null;
	if (res.ok && data?.saved) return { type: 'success', data };
	if (res.status === 401) return { type: 'redirect' };
	if (data?.code) return { type: 'failure', data };
	return { type: 'error' };
}
