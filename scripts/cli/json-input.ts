// JSON instances for `assign` and `select`: size and nesting are checked before JSON.parse, so a
// hostile file (100,000 nested arrays, a gigabyte of spaces) is bad input (exit 2) and never a
// stack overflow in a recursive walk afterwards (exit 1).
import { readFile, stat } from 'node:fs/promises';

/** Far above any real instance (10,000 dossiers × 200 experts of affinities is about 400 MB less). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;
/** Instances are objects of arrays of objects of arrays: a handful of levels. */
export const MAX_DEPTH = 64;

export type JsonInput = { ok: true; json: unknown } | { ok: false; message: string };

/**
 * The deepest nesting of `[` and `{` outside strings, stopping as soon as it exceeds `limit`.
 * One linear pass without recursion; escapes inside strings are skipped.
 */
export function nestingDepth(text: string, limit = MAX_DEPTH): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // backslash: the next character is escaped
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (++depth > deepest) {
				deepest = depth;
				if (deepest > limit) return deepest;
			}
		} else if (c === 0x5d || c === 0x7d) depth--;
	}
	return deepest;
}

export function parseJsonText(text: string, what: string): JsonInput {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const depth = nestingDepth(body);
	if (depth > MAX_DEPTH) return { ok: false, message: `${what}嵌套过深（超过 ${MAX_DEPTH} 层），不是有效的实例` };
	try {
		return { ok: true, json: JSON.parse(body) };
	} catch (e) {
		return { ok: false, message: `${what}不是有效的 JSON：${e instanceof Error ? e.message : String(e)}` };
	}
}

/** Reads and parses `file`; every failure is a message for exit 2. */
export async function readJsonInput(file: string, what: string): Promise<JsonInput> {
	let text: string;
	try {
		const info = await stat(file);
		if (info.isDirectory()) return { ok: false, message: `无法读取${what} ${file}：这是一个目录` };
		if (info.size > MAX_INPUT_BYTES)
			return {
				ok: false,
				message: `${what} ${file} 过大（${Math.round(info.size / 1024 / 1024)} MB，上限 ${MAX_INPUT_BYTES / 1024 / 1024} MB）`
			};
		text = await readFile(file, 'utf8');
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		const why =
			code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : `无法读取（${code ?? String(e)}）`;
		return { ok: false, message: `无法读取${what} ${file}：${why}` };
	}
	return parseJsonText(text, `${what} ${file} `);
}
