// `draw --in <file.json> [--seed S]` (CONTRACTS.md "Panel draw"): draws panels from an expert pool;
// never touches the database.
import { badInput, type Command } from './types';
import { readArgs } from './args';
import { readJsonInput } from './json-input';
import { drawPanels } from '../../src/lib/domain/assignment/panel-draw';
import { validateDrawInput } from '../../src/lib/domain/assignment/draw-schema';

const draw: Command = async (args) => {
	const read = readArgs(args, { in: { type: 'string' }, seed: { type: 'string' } });
	if (!read.ok) return read.result;
	const options = read.values;
	const file = options.in;
	if (!file) return badInput('BAD_INPUT', '缺少参数 --in <file.json>');
	const input = await readJsonInput(file, '抽取实例');
	if (!input.ok) return badInput('BAD_INPUT', input.message);
	const checked = validateDrawInput(input.json);
	if (!checked.ok) return badInput('BAD_INPUT', checked.message, checked.path ? { path: checked.path } : {});
	// The validated pool holds the file's own objects, so poolHash is of the pool as given.
	const result = drawPanels(checked.input, options.seed ?? checked.input.seed ?? '');
	if ('error' in result) {
		process.stderr.write(result.message + '\n');
		return { exit: 3, json: result };
	}
	return { exit: 0, json: result };
};

export default draw;
