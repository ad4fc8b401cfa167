// `assign --in <file.json>` (CONTRACTS.md): solves an assignment instance; never touches the database.
import { readFile } from 'node:fs/promises';
import { badInput, parseOptions, type CliResult, type Command } from './types';
import { solveAssignment, validateAssignmentInstance } from '../../src/lib/domain/assignment';

const assign: Command = (args) => run(args);

async function run(args: string[]): Promise<CliResult> {
	const file = parseOptions(args).in;
	if (!file || file === 'true') return badInput('BAD_INPUT', '缺少参数 --in <file.json>');
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : `无法读取（${code ?? String(e)}）`;
		return badInput('BAD_INPUT', `无法读取分配实例 ${file}：${why}`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	} catch (e) {
		return badInput('BAD_INPUT', `${file} 不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
	}
	const checked = validateAssignmentInstance(json);
	if (!checked.ok) {
		return badInput('BAD_INPUT', checked.message, checked.path ? { path: checked.path } : {});
	}
	const result = solveAssignment(checked.instance);
	if ('error' in result) {
		process.stderr.write(result.message + '\n');
		return { exit: 3, json: result };
	}
	return { exit: 0, json: result };
}

export default assign;
