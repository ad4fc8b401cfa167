// The layout's boundaries (issue 13), checked on the import graph of src/: the domain imports no
// server, component or route; the server no component; routes query no table themselves; the
// client-safe kernel nothing server-side; and no runtime import cycle anywhere.
import { describe, expect, it } from 'vitest';
import { relative } from 'node:path';
import { ROOT, edgesOf, walk, type Edge } from '../support/import-graph';

const graph = new Map<string, Edge[]>(walk(`${ROOT}/src`).map((f) => [relative(ROOT, f), edgesOf(f)]));

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
