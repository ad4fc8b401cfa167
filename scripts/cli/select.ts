// `laurel select --in FILE`: solves a selection instance (CONTRACTS.md). Never touches the database,
// so it imports nothing but the pure selection engine and its instance schemas.
import { badInput, type Command } from './types';
import { readArgs } from './args';
import { readJsonInput } from './json-input';
import { isInfeasible, solveSelection } from '../../src/lib/domain/selection/select';
import { validateSelectionInstance, validateTiersInstance } from '../../src/lib/domain/selection/instance-schema';
import { isTiersInfeasible, solveTiers } from '../../src/lib/domain/selection/tiers';

const select: Command = async (args) => {
	const read = readArgs(args, { in: { type: 'string' } });
	if (!read.ok) return read.result;
	const file = read.values.in;
	if (!file) return badInput('BAD_INPUT', '缺少 --in <file.json>');
	const input = await readJsonInput(file, '遴选实例');
	if (!input.ok) return badInput('BAD_INPUT', input.message);
	const json = input.json;
	// CONTRACTS.md "Tiers": an instance with `tiers` chooses every tier jointly
	if (typeof json === 'object' && json !== null && !Array.isArray(json) && 'tiers' in json) {
		const t = validateTiersInstance(json);
		if (!t.ok) return badInput('BAD_INPUT', t.message, t.path !== undefined ? { path: t.path } : {});
		let res;
		try {
			res = solveTiers(t.instance);
		} catch (e) {
			if (e instanceof RangeError) return badInput('BAD_INPUT', e.message);
			throw e;
		}
		if (isTiersInfeasible(res)) {
			process.stderr.write(`无法满足全部规则: ${res.message}\n`);
			return { exit: 3, json: res };
		}
		process.stderr.write(
			`${res.tiers.map((x) => `${x.name} ${x.selected.length} 名`).join('，')}，总分 ${res.total}\n`
		);
		return { exit: 0, json: res };
	}
	const v = validateSelectionInstance(json);
	if (!v.ok) return badInput('BAD_INPUT', v.message, v.path !== undefined ? { path: v.path } : {});
	const result = solveSelection(v.instance);
	if (isInfeasible(result)) {
		process.stderr.write(`无法满足全部规则: ${result.message}\n`);
		return { exit: 3, json: result };
	}
	process.stderr.write(
		`已选 ${result.selected.length} 名，总分 ${result.total}，规则调整 ${result.explanation.length} 处\n`
	);
	return { exit: 0, json: result };
};

export default select;
