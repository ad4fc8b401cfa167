// The authorization matrix's enumeration of src/routes (see authz-matrix.spec.ts): pages, form
// actions (spreads followed into the module they come from) and endpoint methods, read with node:fs.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROUTES = resolve('src/routes');
const SRC = resolve('src');

export interface Found {
	key: string;
	kind: 'page' | 'action' | 'endpoint';
	routeId: string;
	name: string; // action name or HTTP method
}

/** A tiny JS/TS tokenizer: identifiers, punctuation, and 'STR' for any string, template or regex. */
function tokenize(src: string): { t: string; at: number }[] {
	const out: { t: string; at: number }[] = [];
	const templateDepth: number[] = [];
	let i = 0;
	const last = () => out[out.length - 1]?.t;
	const regexCanStart = () => {
		const p = last();
		return p === undefined || /^[(,=:[!&|?{};+\-*%<>~^]$/.test(p) || p === 'return' || p === '=>' || p === 'typeof';
	};
	const scanTemplate = () => {
		// i is just after a backtick or a closing `}` of ${…}
		while (i < src.length) {
			const c = src[i];
			if (c === '\\') i += 2;
			else if (c === '`') {
				i++;
				return;
			} else if (c === '$' && src[i + 1] === '{') {
				out.push({ t: '{', at: i });
				templateDepth.push(0);
				i += 2;
				return;
			} else i++;
		}
	};
	while (i < src.length) {
		const c = src[i];
		if (/\s/.test(c)) i++;
		else if (c === '/' && src[i + 1] === '/') i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
		else if (c === '/' && src[i + 1] === '*')
			i = src.indexOf('*/', i + 2) < 0 ? src.length : src.indexOf('*/', i + 2) + 2;
		else if (c === '"' || c === "'") {
			const at = i;
			i++;
			while (i < src.length && src[i] !== c) i += src[i] === '\\' ? 2 : 1;
			i++;
			out.push({ t: 'STR', at });
		} else if (c === '`') {
			out.push({ t: 'STR', at: i });
			i++;
			scanTemplate();
		} else if (c === '/' && regexCanStart()) {
			const at = i;
			i++;
			let inClass = false;
			while (i < src.length) {
				if (src[i] === '\\') i += 2;
				else if (src[i] === '[') {
					inClass = true;
					i++;
				} else if (src[i] === ']') {
					inClass = false;
					i++;
				} else if (src[i] === '/' && !inClass) break;
				else i++;
			}
			i++;
			while (/[a-z]/i.test(src[i] ?? '')) i++;
			out.push({ t: 'STR', at });
		} else if (/[A-Za-z_$]/.test(c)) {
			const at = i;
			while (/[\w$]/.test(src[i] ?? '')) i++;
			out.push({ t: src.slice(at, i), at });
		} else if (/\d/.test(c)) {
			const at = i;
			while (/[\w.]/.test(src[i] ?? '')) i++;
			out.push({ t: 'NUM', at });
		} else if (src.startsWith('...', i)) {
			out.push({ t: '...', at: i });
			i += 3;
		} else if (src.startsWith('=>', i)) {
			out.push({ t: '=>', at: i });
			i += 2;
		} else if (c === '{') {
			if (templateDepth.length) templateDepth[templateDepth.length - 1]++;
			out.push({ t: '{', at: i++ });
		} else if (c === '}') {
			out.push({ t: '}', at: i++ });
			if (templateDepth.length) {
				if (templateDepth[templateDepth.length - 1] === 0) {
					templateDepth.pop();
					scanTemplate();
				} else templateDepth[templateDepth.length - 1]--;
			}
		} else out.push({ t: c, at: i++ });
	}
	return out;
}

/** Top-level keys and spreads of the object literal starting at tokens[start] ('{'). */
function objectKeys(tokens: { t: string }[], start: number): { keys: string[]; spreads: string[] } {
	const keys: string[] = [];
	const spreads: string[] = [];
	let depth = 0;
	let expectKey = true;
	for (let i = start; i < tokens.length; i++) {
		const t = tokens[i].t;
		if (t === '{' || t === '(' || t === '[') {
			depth++;
			if (depth > 1) expectKey = false;
			continue;
		}
		if (t === '}' || t === ')' || t === ']') {
			depth--;
			if (depth === 0) return { keys, spreads };
			continue;
		}
		if (depth !== 1) continue;
		if (t === ',') {
			expectKey = true;
			continue;
		}
		if (!expectKey) continue;
		expectKey = false;
		if (t === '...') {
			spreads.push(tokens[i + 1].t);
			continue;
		}
		let k = i;
		if (tokens[k].t === 'async' && tokens[k + 1] && /^[\w$]+$|^STR$/.test(tokens[k + 1].t) && tokens[k + 1].t !== '(')
			k++;
		if (tokens[k + 1]?.t === ':' || tokens[k + 1]?.t === '(' || tokens[k + 1]?.t === ',' || tokens[k + 1]?.t === '}')
			keys.push(tokens[k].t);
		else throw new Error(`cannot read the key at “${tokens[k].t}”`);
	}
	throw new Error('unterminated object literal');
}

function resolveModule(fromFile: string, spec: string): string | null {
	const base = spec.startsWith('$lib/')
		? join(SRC, 'lib', spec.slice(5))
		: spec.startsWith('.')
			? resolve(dirname(fromFile), spec)
			: null;
	if (!base) return null;
	for (const p of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')])
		if (existsSync(p) && statSync(p).isFile()) return p;
	return null;
}

/** Keys of `export const <name> = { … }` in a file, spreads followed (also into imported modules). */
function exportedObjectKeys(file: string, name: string, seen = new Set<string>()): string[] {
	const id = `${file}#${name}`;
	if (seen.has(id)) throw new Error(`circular spread ${id}`);
	seen.add(id);
	const src = readFileSync(file, 'utf8');
	const decl = new RegExp(`(?:export\\s+)?(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\b[^=]*=`).exec(src);
	if (!decl) {
		// Imported from elsewhere?
		for (const m of src.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
			for (const part of m[1].split(',')) {
				const [orig, alias] = part.trim().split(/\s+as\s+/);
				if ((alias ?? orig) === name) {
					const target = resolveModule(file, m[2]);
					if (!target) throw new Error(`cannot resolve “${m[2]}” imported by ${relative(process.cwd(), file)}`);
					return exportedObjectKeys(target, orig, seen);
				}
			}
		}
		throw new Error(`no declaration of “${name}” in ${relative(process.cwd(), file)}`);
	}
	const tokens = tokenize(src.slice(decl.index + decl[0].length));
	// `= { … }` possibly followed by `satisfies …` / `as …`
	if (tokens[0]?.t !== '{')
		throw new Error(
			`${relative(process.cwd(), file)}: “${name}” is not an object literal; write it as one so that the authorization matrix can read it`
		);
	const { keys, spreads } = objectKeys(tokens, 0);
	for (const s of spreads) {
		// A spread of a local or imported object.
		keys.push(...exportedObjectKeys(file, s, seen));
	}
	return keys;
}

export function discoverRoutes(): Found[] {
	const found: Found[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
		const rel = relative(ROUTES, dir).split(/[\\/]/).filter(Boolean);
		const routeId = '/' + rel.join('/');
		const has = (...names: string[]) => names.some((n) => files.has(n));
		if (has('+page.svelte', '+page.server.ts', '+page.server.js', '+page.ts', '+page.js')) {
			found.push({ key: `page ${routeId}`, kind: 'page', routeId, name: 'GET' });
			const server = ['+page.server.ts', '+page.server.js'].map((n) => join(dir, n)).find((p) => existsSync(p));
			if (server && /export\s+const\s+actions\b/.test(readFileSync(server, 'utf8'))) {
				for (const name of exportedObjectKeys(server, 'actions'))
					found.push({ key: `action ${routeId} ?/${name}`, kind: 'action', routeId, name });
			}
		}
		const endpoint = ['+server.ts', '+server.js'].map((n) => join(dir, n)).find((p) => existsSync(p));
		if (endpoint) {
			const src = readFileSync(endpoint, 'utf8');
			const methods = new Set<string>();
			for (const m of src.matchAll(
				/export\s+(?:const|let|var|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|fallback)\b/g
			))
				methods.add(m[1]);
			for (const m of src.matchAll(/export\s*\{([^}]*)\}/g))
				for (const part of m[1].split(',')) {
					const name = part
						.trim()
						.split(/\s+as\s+/)
						.pop()!;
					if (/^(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|fallback)$/.test(name)) methods.add(name);
				}
			for (const method of methods)
				found.push({ key: `${method} ${routeId}`, kind: 'endpoint', routeId, name: method });
		}
		for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
	};
	walk(ROUTES);
	return found;
}
