// Lenient but not careless about unknown JSON keys: the contract may grow optional fields, so a
// key nobody knows is ignored, but one that looks like a misspelt known key (maxload, seat,
// reviewPerDossier) is refused, because silently ignoring it would drop a limit the user meant.
function misspeltKey(key: string, allowed: readonly string[]): string | null {
	if (allowed.includes(key)) return null;
	const k = key.toLowerCase();
	for (const a of allowed) {
		const b = a.toLowerCase();
		if (k === b) return a;
		if (Math.min(k.length, b.length) >= 4 && distance(k, b) <= 2) return a;
		if (b.length <= 5 && b.length >= 3 && distance(k, b) <= 1) return a;
	}
	return null;
}

function distance(a: string, b: string): number {
	const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let diag = prev[0];
		prev[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const up = prev[j];
			prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
			diag = up;
		}
	}
	return prev[b.length];
}

/** The message for a key that must be refused, or null: misspelt known keys and prototype keys. */
export function keyProblem(key: string, allowed: readonly string[]): string | null {
	if (key === '__proto__' || key === 'constructor' || key === 'prototype') return `不允许的字段 "${key}"`;
	const meant = misspeltKey(key, allowed);
	return meant ? `未知字段 "${key}"，是否应为 "${meant}"？（可用字段：${allowed.join('、')}）` : null;
}
