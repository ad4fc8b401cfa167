// The repository's import graph, read with the TypeScript parser (no type checking): which file
// imports which, and which of its exported names. The architecture test checks the layout's
// boundaries on it; the exports test finds exports that only tests import.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

/** The names an edge reads from its target: a list, or '*' for all of them (namespace, `export *`). */
export type Names = string[] | '*';

export interface Edge {
	/** the specifier as written */
	spec: string;
	/** the file it resolves to (repo-relative), or null for a package */
	target: string | null;
	/** `import type` / `export type`: erased before run time */
	typeOnly: boolean;
	/** `import('…')`: loaded on demand, so it cannot close a load-time cycle */
	dynamic: boolean;
	/** the exported names of the target this edge reads ('default' for a default import) */
	names: Names;
	/** `export … from`: the names it passes on, as [name in the target, name it is exported as] */
	reexports?: [string, string][] | '*';
}

const SKIP_DIRS = new Set(['node_modules', '.svelte-kit', 'build', 'test-results', 'playwright-report']);

/** The source files below `dir` (repo-relative or absolute); test files only when asked. */
export function walk(dir: string, withTests = false, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) {
			if (!SKIP_DIRS.has(name)) walk(p, withTests, out);
		} else if (/\.(ts|js|mjs|svelte)$/.test(name) && !name.endsWith('.d.ts') && (withTests || !isTestName(name)))
			out.push(p);
	}
	return out;
}

const isTestName = (name: string) => /\.(test|spec)\.ts$/.test(name);

/** A file that only tests run: a unit test, an e2e spec, or anything under tests/. */
export const isTestFile = (file: string) => file.startsWith('tests/') || isTestName(file);

const CANDIDATE_SUFFIXES = ['', '.ts', '.js', '.svelte.ts', '.svelte', '/index.ts', '/index.js'];

export function resolveSpec(from: string, spec: string): string | null {
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

export function parse(file: string): ts.SourceFile {
	return ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** The names `import d, { a as b }, * as ns from …` reads. */
function importedNames(clause: ts.ImportClause | undefined): Names {
	if (!clause) return [];
	const names: string[] = clause.name ? ['default'] : [];
	const bindings = clause.namedBindings;
	if (bindings && ts.isNamespaceImport(bindings)) return '*';
	if (bindings) for (const el of bindings.elements) names.push((el.propertyName ?? el.name).text);
	return names;
}

/** The names `const { a, b: c } = await import(…)` reads; '*' when the module is used whole. */
function dynamicNames(call: ts.CallExpression): Names {
	let node: ts.Node = call.parent;
	while (ts.isAwaitExpression(node) || ts.isParenthesizedExpression(node)) node = node.parent;
	if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name))
		return node.name.elements.map((el) => ((el.propertyName ?? el.name) as ts.Identifier).text);
	if (ts.isPropertyAccessExpression(node)) return [node.name.text];
	return '*';
}

export function edgesOf(file: string, sf: ts.SourceFile = parse(file)): Edge[] {
	const edges: Edge[] = [];
	const add = (spec: string, typeOnly: boolean, dynamic: boolean, names: Names, reexports?: Edge['reexports']) =>
		edges.push({ spec, target: resolveSpec(file, spec), typeOnly, dynamic, names, reexports });
	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
			add(node.moduleSpecifier.text, !!node.importClause?.isTypeOnly, false, importedNames(node.importClause));
		} else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
			const clause = node.exportClause;
			const pairs: [string, string][] | '*' =
				clause && ts.isNamedExports(clause)
					? clause.elements.map((el) => [(el.propertyName ?? el.name).text, el.name.text])
					: '*';
			const names = pairs === '*' ? '*' : pairs.map(([name]) => name);
			// `export * as ns from`: the whole module under one name, which is a local export here
			const reexports = clause && ts.isNamespaceExport(clause) ? undefined : pairs;
			add(node.moduleSpecifier.text, node.isTypeOnly, false, names, reexports);
		} else if (
			ts.isCallExpression(node) &&
			node.expression.kind === ts.SyntaxKind.ImportKeyword &&
			node.arguments[0] &&
			ts.isStringLiteral(node.arguments[0])
		) {
			add(node.arguments[0].text, false, true, dynamicNames(node));
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
			const lit = node.argument.literal;
			const q = node.qualifier;
			const first = q && (ts.isIdentifier(q) ? q : leftmost(q));
			if (ts.isStringLiteral(lit)) add(lit.text, true, false, first ? [first.text] : '*');
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return edges;
}

function leftmost(q: ts.QualifiedName): ts.Identifier {
	return ts.isIdentifier(q.left) ? q.left : leftmost(q.left);
}

const modifiers = (node: ts.Node) => (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []);
const hasExport = (node: ts.Node) => modifiers(node).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

export interface LocalExport {
	name: string;
	/** an interface or type alias: erased at run time, part of some value's signature */
	type: boolean;
}

/** The names a file exports itself (declarations, `export { a as b }`, default), re-exports excluded. */
export function localExports(file: string, sf: ts.SourceFile = parse(file)): LocalExport[] {
	const out: LocalExport[] = [];
	const value = (name: string) => out.push({ name, type: false });
	if (file.endsWith('.svelte')) value('default');
	for (const st of sf.statements) {
		if (ts.isExportDeclaration(st)) {
			if (!st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause))
				for (const el of st.exportClause.elements)
					out.push({ name: el.name.text, type: st.isTypeOnly || el.isTypeOnly });
			else if (st.exportClause && ts.isNamespaceExport(st.exportClause)) value(st.exportClause.name.text);
		} else if (ts.isExportAssignment(st)) value('default');
		else if (hasExport(st)) {
			const isDefault = modifiers(st).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
			if (isDefault) value('default');
			else if (ts.isVariableStatement(st))
				for (const d of st.declarationList.declarations) {
					if (ts.isIdentifier(d.name)) value(d.name.text);
				}
			else {
				const name = (st as ts.DeclarationStatement).name;
				const type = ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st);
				if (name && ts.isIdentifier(name)) out.push({ name: name.text, type });
			}
		}
	}
	return out;
}
