// Summarises a V8 CPU profile of the server (save-profile.ts --prof): the samples after the warm-up
// attributed to the part of a save they belong to (the innermost known function on the stack:
// session validation, access query, draft write, write queue, sync, SvelteKit, the node adapter…),
// in ms and µs per request.
//   SKIP_UNTIL='^saveDraft$' node scripts/bench/profile-summary.mjs .bench/prof/<file>.cpuprofile <requests> [rows]
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const perN = Number(process.argv[3] ?? 0);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map();
// skip until 2 s after the first sample whose stack holds a function named by SKIP_UNTIL (warm-up, module loading)
const until = process.env.SKIP_UNTIL ? new RegExp(process.env.SKIP_UNTIL) : null;
let t = 0,
	start = until ? Infinity : 0;
const hasMarker = (id) => {
	for (let x = id; x !== undefined; x = parent.get(x)) if (until.test(byId.get(x).callFrame.functionName)) return true;
	return false;
};
let counted = 0;
for (let i = 0; i < p.samples.length; i++) {
	t += p.timeDeltas[i] ?? 0;
	if (start === Infinity && hasMarker(p.samples[i])) start = t + 2e6;
	if (t < start) continue;
	counted += p.timeDeltas[i] ?? 0;
	dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
}
console.log('counted wall ms', (counted / 1000).toFixed(0));
const markers = [
	[/^syncLog$/, 'db.js', 'sync of the WAL (open, fdatasync, close)'],
	[
		/^(group|drain|member|turn|memberTransaction|execute|commit|rollback)$/,
		'db.js',
		'write queue (savepoints, commit)'
	],
	[/^validateSessionToken$/, '', 'hooks: session validation'],
	[/^(bodyLimit|enforceBodyLimit)$/, '', 'hooks: body limit'],
	[/^saveAccess$/, '', 'access query'],
	[/^writeDraft$/, '', 'draft write (guarded UPDATE)'],
	[/^(writeSheet|saveChecked|validateDraft|validateSheet)$/, '', 'validation'],
	[/^save$/, '_page.server', 'action body (form parsing etc.)'],
	[/^(formData|guardFormData)$/, '', 'form parsing'],
	[/^(stringify|uneval)$/, 'devalue|index.js|shared', 'devalue'],
	[/^handle$/, 'hooks.server', 'hooks: other'],
	[/^(handle_action_json_request|call_action|handle_action_request)$/, '', 'kit: action'],
	[/^getRequest$/, 'handler', 'adapter: Request from node'],
	[/^setResponse$/, 'handler', 'adapter: write Response'],
	[/^(respond|internal_respond|resolve|render_endpoint|render_page)$/, 'index.js', 'kit: respond'],
	[/^(ssr|handler|serve|next|loop)$/, 'handler', 'adapter: other']
];
const cat = new Map();
let total = 0;
for (const [id, t] of dt) {
	let label = null;
	const leaf = byId.get(id).callFrame;
	if (['(idle)', '(garbage collector)', '(program)'].includes(leaf.functionName)) label = leaf.functionName;
	for (let x = id; x !== undefined && !label; x = parent.get(x)) {
		const cf = byId.get(x).callFrame;
		for (const [re, file, l] of markers)
			if (re.test(cf.functionName) && new RegExp(file || '.').test(cf.url)) {
				label = l;
				break;
			}
	}
	if (!label) {
		const u = leaf.url || '';
		const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
		label =
			'unattributed: ' +
			(m ? m[1] : u.startsWith('node:') ? u.split('/').slice(0, 2).join('/') : leaf.functionName || u);
	}
	cat.set(label, (cat.get(label) ?? 0) + t);
	if (label !== '(idle)') total += t;
}
console.log('busy ms', (total / 1000).toFixed(0), perN ? `per request µs (n=${perN})` : '');
for (const [k, v] of [...cat].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] ?? 45)))
	console.log((v / 1000).toFixed(0).padStart(7), perN ? String(Math.round(v / perN)).padStart(6) : '', k);
