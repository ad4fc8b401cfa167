// `laurel select --in FILE`: solves a selection instance (CONTRACTS.md). Never touches the database,
// so it imports nothing but the pure selection engine.
import { badInput, parseOptions, type Command } from './types';
import { readJsonInput } from './json-input';
import { isInfeasible, solveSelection, validateSelectionInstance } from '../../src/lib/domain/selection';

const select: Command = async (args) => {
	const opts = parseOptions(args);
	const file = opts.in;
	if (!file || file === 'true') return badInput('BAD_INPUT', '缺少 --in <file.json>');
	const input = await readJsonInput(file, '遴选实例');
	if (!input.ok) return badInput('BAD_INPUT', input.message);
	const json = input.json;
	const v = validateSelectionInstance(json);
	if (!v.ok) return badInput('BAD_INPUT', v.message, v.path !== undefined ? { path: v.path } : {});
	const result = solveSelection(v.instance);
	if (isInfeasible(result)) {
		process.stderr.write(`无法满足全部规则: ${result.message}\n`);
		return { exit: 3, json: result };
	}
	process.stderr.write(`已选 ${result.selected.length} 名，总分 ${result.total}，规则调整 ${result.explanation.length} 处\n`);
	return { exit: 0, json: result };
};

export default select;
