import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const cat = (cf) => {
	const u = cf.url || '';
	if (!u) return cf.functionName.startsWith('(') ? cf.functionName : 'native:' + cf.functionName;
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
	if (m) return m[1];
	if (u.startsWith('node:'))
		return u
			.replace(/^node:internal\//, 'node:')
			.split('/')
			.slice(0, 2)
			.join('/');
	const b = /build\/(server\/.*)$/.exec(u);
	if (b) return 'app:' + b[1].replace(/chunks\/|-[A-Za-z0-9_-]{6,}\.js/g, '');
	return u;
};
const self = new Map();
const incl = new Map();
const key = process.argv[3] ? new RegExp(process.argv[3]) : null;
for (const [id, t] of dt) {
	const n = byId.get(id);
	const c = cat(n.callFrame);
	self.set(c, (self.get(c) ?? 0) + t);
	// inclusive by function name along the stack (count each name once per sample)
	const seen = new Set();
	for (let x = id; x !== undefined; x = parent.get(x)) {
		const cf = byId.get(x).callFrame;
		const name = `${cf.functionName || '(anon)'} ${cat(cf)}:${cf.lineNumber}`;
		if (seen.has(name)) continue;
		seen.add(name);
		incl.set(name, (incl.get(name) ?? 0) + t);
	}
}
console.log('total ms', (total / 1000).toFixed(0));
console.log('--- self by package/file');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
	console.log((v / 1000).toFixed(0).padStart(7), k);
console.log('--- inclusive');
for (const [k, v] of [...incl]
	.sort((a, b) => b[1] - a[1])
	.filter(([k]) => !key || key.test(k))
	.slice(0, Number(process.argv[4] ?? 60)))
	console.log((v / 1000).toFixed(0).padStart(7), k);
