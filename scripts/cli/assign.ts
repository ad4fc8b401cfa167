// `assign --in <file.json>` (CONTRACTS.md): solves an assignment instance; never touches the database.
import { badInput, parseOptions, type CliResult, type Command } from './types';
import { readJsonInput } from './json-input';
import { solveAssignment, validateAssignmentInstance } from '../../src/lib/domain/assignment';

const assign: Command = (args) => run(args);

async function run(args: string[]): Promise<CliResult> {
	const file = parseOptions(args).in;
	if (!file || file === 'true') return badInput('BAD_INPUT', '缺少参数 --in <file.json>');
	const input = await readJsonInput(file, '分配实例');
	if (!input.ok) return badInput('BAD_INPUT', input.message);
	const json = input.json;
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
