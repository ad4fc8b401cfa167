// Options of one command, read by node:util parseArgs in strict mode: an unknown option, a
// positional argument or an option without its value is bad input (exit 2), said in Chinese.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { badInput, type CliResult } from './types';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

type Values<O extends OptionSpec> = ReturnType<
	typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>
>['values'];

export type ReadArgs<O extends OptionSpec> = { ok: true; values: Values<O> } | { ok: false; result: CliResult };

/** The option named in parseArgs' English message ("Unknown option '--x'", "Option '--in <value>' …"). */
const optionIn = (message: string): string => /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';

/** parseArgs' refusal in Chinese, by its error code. */
export function argsMessage(e: unknown, known: string[]): string {
	const code = (e as NodeJS.ErrnoException).code;
	const message = e instanceof Error ? e.message : String(e);
	const name = optionIn(message);
	const usable = known.length ? `（可用参数：${known.map((k) => `--${k}`).join(' ')}）` : '（此命令没有参数）';
	switch (code) {
		case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
			return `未知参数 ${name}${usable}`;
		case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
			return `多余的参数“${/'([^']*)'/.exec(message)?.[1] ?? ''}”${usable}`;
		case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
			// "argument is ambiguous": the next word starts with '-', so it may be an option, not a value
			if (message.includes('ambiguous')) return `参数 ${name} 缺少取值（若取值以 - 开头，请写成 ${name}=<值>）`;
			return `参数 ${name} 缺少取值`;
		default:
			return `无法读取参数：${message}`;
	}
}

/** Reads `args` against `options`; on a refusal, the exit-2 answer to return as is. */
export function readArgs<const O extends OptionSpec>(args: string[], options: O): ReadArgs<O> {
	try {
		const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
		return { ok: true, values };
	} catch (e) {
		if (!(e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) throw e;
		return { ok: false, result: badInput('BAD_INPUT', argsMessage(e, Object.keys(options))) };
	}
}

/** The options most commands share. */
export const CAMPAIGN = { campaign: { type: 'string' } } as const;
