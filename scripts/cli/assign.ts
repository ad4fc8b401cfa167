// `assign --in <file.json>` (CONTRACTS.md): solves an assignment instance; never touches the database.
import { badInput, type CliResult, type Command } from './types';
import { readArgs } from './args';
import { readJsonInput } from './json-input';
import { solveAssignment, validateAssignmentInstance } from '../../src/lib/domain/assignment';
import { solveRandomizedAssignment } from '../../src/lib/domain/assignment/randomized';

const assign: Command = (args) => run(args);

async function run(args: string[]): Promise<CliResult> {
	const read = readArgs(args, { in: { type: 'string' }, seed: { type: 'string' } });
	if (!read.ok) return read.result;
	const options = read.values;
	const file = options.in;
	if (!file) return badInput('BAD_INPUT', '缺少参数 --in <file.json>');
	const input = await readJsonInput(file, '分配实例');
	if (!input.ok) return badInput('BAD_INPUT', input.message);
	const json = input.json;
	const checked = validateAssignmentInstance(json);
	if (!checked.ok) {
		return badInput('BAD_INPUT', checked.message, checked.path ? { path: checked.path } : {});
	}
	const instance = checked.instance;
	// CONTRACTS.md "Randomized assignment": `--seed <text>` overrides the instance's `seed` key.
	// Without maxProbability it is ignored: the exact optimum has nothing to draw.
	const seedOption = options.seed;
	const result =
		instance.maxProbability !== undefined
			? solveRandomizedAssignment(instance, instance.maxProbability, seedOption ?? instance.seed ?? '')
			: solveAssignment(instance);
	if ('error' in result && result.error === 'BAD_INPUT')
		return badInput('BAD_INPUT', result.message, { path: 'maxProbability' });
	if ('error' in result) {
		process.stderr.write(result.message + '\n');
		return { exit: 3, json: result };
	}
	return { exit: 0, json: result };
}

export default assign;
