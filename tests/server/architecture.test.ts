// The layout's boundaries (issue 13), checked on the import graph of src/: the domain imports no
// server, component or route; the server no component; routes query no table themselves; the
// client-safe kernel nothing server-side; and no runtime import cycle anywhere.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

interface Edge {
	/** the specifier as written */
	spec: string;
	/** the file it resolves to (repo-relative), or null for a package */
	target: string | null;
	/** `import type` / `export type`: erased before run time */
	typeOnly: boolean;
	/** `import('…')`: loaded on demand, so it cannot close a load-time cycle */
	dynamic: boolean;
}

function walk(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) walk(p, out);
		else if (/\.(ts|js|svelte)$/.test(name) && !/\.test\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
	}
	return out;
}

const CANDIDATE_SUFFIXES = ['', '.ts', '.js', '.svelte.ts', '.svelte', '/index.ts', '/index.js'];

function resolveSpec(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/') || spec === '$lib') base = join(SRC, 'lib', spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return null;
	const stem = base.replace(/\.js$/, '');
	for (const s of CANDIDATE_SUFFIXES) {
		for (const b of [base, stem]) {
			const p = b + s;
			if (existsSync(p) && statSync(p).isFile()) return relative(ROOT, p);
		}
	}
	return relative(ROOT, base);
}

/** The TypeScript of a file: a .svelte file's <script> blocks, else the file itself. */
function scriptOf(file: string): string {
	const text = readFileSync(file, 'utf8');
	if (!file.endsWith('.svelte')) return text;
	return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

function edgesOf(file: string): Edge[] {
	const sf = ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	const edges: Edge[] = [];
	const add = (spec: string, typeOnly: boolean, dynamic: boolean) =>
		edges.push({ spec, target: resolveSpec(file, spec), typeOnly, dynamic });
	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
			add(node.moduleSpecifier.text, !!node.importClause?.isTypeOnly, false);
		} else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
			add(node.moduleSpecifier.text, node.isTypeOnly, false);
		} else if (
			ts.isCallExpression(node) &&
			node.expression.kind === ts.SyntaxKind.ImportKeyword &&
			node.arguments[0] &&
			ts.isStringLiteral(node.arguments[0])
		) {
			add(node.arguments[0].text, false, true);
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
			const lit = node.argument.literal;
			if (ts.isStringLiteral(lit)) add(lit.text, true, false);
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return edges;
}

const graph = new Map<string, Edge[]>(walk(SRC).map((f) => [relative(ROOT, f), edgesOf(f)]));

/** Each file under `from` that imports something `bad` accepts, as “file → specifier”. */
function violations(from: string, bad: (e: Edge) => boolean): string[] {
	const out: string[] = [];
	for (const [file, edges] of graph)
		if (file.startsWith(from)) for (const e of edges) if (bad(e)) out.push(`${file} → ${e.spec}`);
	return out;
}

const under = (e: Edge, ...dirs: string[]) => e.target !== null && dirs.some((d) => e.target!.startsWith(d));

/** Strongly connected components of the runtime import graph with more than one file (Tarjan). */
function runtimeCycles(): string[][] {
	const next = new Map<string, string[]>();
	for (const [file, edges] of graph)
		next.set(
			file,
			edges.filter((e) => !e.typeOnly && !e.dynamic && e.target && graph.has(e.target)).map((e) => e.target!)
		);
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const out: string[][] = [];
	const strong = (v: string) => {
		index.set(v, counter);
		low.set(v, counter++);
		stack.push(v);
		onStack.add(v);
		for (const w of next.get(v) ?? []) {
			if (!index.has(w)) {
				strong(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) === index.get(v)) {
			const scc: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				scc.push(w);
			} while (w !== v);
			if (scc.length > 1 || next.get(v)!.includes(v)) out.push(scc.sort());
		}
	};
	for (const v of next.keys()) if (!index.has(v)) strong(v);
	return out;
}

describe('the import graph of src/', () => {
	it('reads the tree (the walker finds the files and resolves $lib, relative and index imports)', () => {
		expect(graph.size).toBeGreaterThan(100);
		const desk = graph.get('src/lib/server/services/desk.ts') ?? [];
		expect(desk.some((e) => e.target === 'src/lib/server/db/index.ts')).toBe(true);
		const layout = graph.get('src/routes/+layout.server.ts') ?? [];
		expect(layout.some((e) => e.target === 'src/lib/server/db/index.ts')).toBe(true);
	});

	it('has no runtime import cycle (type-only imports excluded)', () => {
		expect(runtimeCycles()).toEqual([]);
	});

	it('the domain imports nothing from server, components or routes', () => {
		expect(
			violations('src/lib/domain/', (e) => under(e, 'src/lib/server', 'src/lib/components', 'src/routes'))
		).toEqual([]);
	});

	it('components import nothing from the server, not even types', () => {
		expect(violations('src/lib/components/', (e) => under(e, 'src/lib/server'))).toEqual([]);
	});

	it('the server imports nothing from components', () => {
		expect(violations('src/lib/server/', (e) => under(e, 'src/lib/components'))).toEqual([]);
	});

	it('routes import no drizzle-orm and no db schema', () => {
		expect(
			violations(
				'src/routes/',
				(e) =>
					e.spec === 'drizzle-orm' ||
					e.spec.startsWith('drizzle-orm/') ||
					e.target === 'src/lib/server/db/schema.ts' ||
					(e.target ?? '').startsWith('src/lib/server/db/schema/')
			)
		).toEqual([]);
	});

	/** What client-safe code must not import: the server, routes, components, Node, env, the database. */
	const serverSide = (e: Edge) =>
		under(e, 'src/lib/server', 'src/routes', 'src/lib/components') ||
		e.spec.startsWith('node:') ||
		e.spec.startsWith('$env/') ||
		e.spec === 'drizzle-orm';

	it('the client-safe kernel (src/lib/shared) imports nothing server-side', () => {
		expect(violations('src/lib/shared/', serverSide)).toEqual([]);
	});

	it('the schemas (src/lib/schemas) import nothing server-side, and no component', () => {
		expect(violations('src/lib/schemas/', serverSide)).toEqual([]);
	});
});
