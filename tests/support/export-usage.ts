// Who imports each export: follows `export … from` chains (barrels) to the file that declares the
// name, so an import through an index counts for the declaring module. An export that no file but
// tests imports is a test-only export; one nobody imports, a dead one (issue 13).
import { join, relative } from 'node:path';
import { ROOT, edgesOf, isTestFile, localExports, parse, walk, type Edge } from './import-graph';

interface ModuleInfo {
	edges: Edge[];
	exports: Set<string>;
	types: Set<string>;
}

export interface ExportUse {
	file: string;
	name: string;
	/** an interface or type alias */
	type: boolean;
	/** the non-test files that import it */
	production: string[];
	/** the test files that import it */
	tests: string[];
}

/** Every file whose imports can make an export used: src/, scripts/, tests/ and the root configs. */
function readModules(): Map<string, ModuleInfo> {
	const files = [
		...['src', 'scripts', 'tests'].flatMap((d) => walk(join(ROOT, d), true)),
		...['vite.config.ts', 'playwright.config.ts', 'drizzle.config.ts', 'svelte.config.js'].map((f) => join(ROOT, f))
	];
	const modules = new Map<string, ModuleInfo>();
	for (const abs of files) {
		const sf = parse(abs);
		const own = localExports(abs, sf);
		modules.set(relative(ROOT, abs), {
			edges: edgesOf(abs, sf),
			exports: new Set(own.map((x) => x.name)),
			types: new Set(own.filter((x) => x.type).map((x) => x.name))
		});
	}
	return modules;
}

/** The exports of the files under `dirs`, each with the files that import it. */
export function exportUses(dirs: string[]): ExportUse[] {
	const modules = readModules();
	const uses = new Map<string, { production: Set<string>; tests: Set<string> }>();
	const key = (file: string, name: string) => `${file}#${name}`;
	for (const [file, info] of modules)
		for (const name of info.exports) uses.set(key(file, name), { production: new Set(), tests: new Set() });

	/** Marks `name` of `file` (or every export, for '*') as imported by `by`, through re-exports. */
	const mark = (file: string, name: string, by: string, seen = new Set<string>()) => {
		const info = modules.get(file);
		if (!info || seen.has(key(file, name))) return;
		seen.add(key(file, name));
		if (name === '*') {
			for (const own of info.exports) mark(file, own, by, seen);
			for (const e of info.edges)
				if (e.target && e.reexports)
					for (const [from] of e.reexports === '*' ? [['*']] : e.reexports) mark(e.target, from, by, seen);
			return;
		}
		if (info.exports.has(name)) {
			const use = uses.get(key(file, name))!;
			(isTestFile(by) ? use.tests : use.production).add(by);
			return;
		}
		for (const e of info.edges) {
			if (!e.target || !e.reexports) continue;
			if (e.reexports === '*') {
				if (name !== 'default') mark(e.target, name, by, seen);
			} else for (const [from, as] of e.reexports) if (as === name) mark(e.target, from, by, seen);
		}
	};

	for (const [file, info] of modules)
		for (const e of info.edges) {
			// a barrel's `export … from` passes names on; it imports nothing for itself
			if (!e.target || e.reexports) continue;
			for (const name of e.names === '*' ? ['*'] : e.names) mark(e.target, name, file);
		}

	const out: ExportUse[] = [];
	for (const [file, info] of modules) {
		if (!dirs.some((d) => file.startsWith(d)) || isTestFile(file)) continue;
		for (const name of info.exports) {
			const use = uses.get(key(file, name))!;
			out.push({
				file,
				name,
				type: info.types.has(name),
				production: [...use.production].sort(),
				tests: [...use.tests].sort()
			});
		}
	}
	return out.sort((a, b) => (a.file + a.name < b.file + b.name ? -1 : 1));
}

/**
 * `file name (tests only | nobody)` for each value export (function, constant, class) in `uses`
 * (exportUses) that no production file imports. Types are left out: a public function's parameter
 * and result types are part of its signature, exported for whoever calls it.
 */
export function unusedExports(uses: ExportUse[]): string[] {
	return uses
		.filter((u) => !u.type && u.production.length === 0)
		.map((u) => `${u.file} ${u.name} (${u.tests.length ? 'tests only' : 'nobody'})`);
}
