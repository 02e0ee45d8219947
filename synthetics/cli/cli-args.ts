/**
 * Arguments of the small CLIs, parsed by `node:util` `parseArgs` (strict: unknown options and
 * missing values are errors). A usage error is one line on stderr and exit 2 — never a stack trace,
 * never a silently ignored argument.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Prints `Usage error: <problem> — <usage>` (one line) and exits 2. */
export function usageError(problem: string, usage: string): never {
  console.error(`Usage error: ${problem.replace(/\s+/g, ' ').trim()} — ${usage}`);
  process.exit(2);
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` over `process.argv` with at most `maxPositionals` positionals; exits 2 on a mistake. */
export function parseCliArgs<T extends Options>(options: T, usage: string, maxPositionals = 0) {
  try {
    const parsed = parseArgs({
      args: process.argv.slice(2),
      options,
      strict: true,
      allowPositionals: maxPositionals > 0,
    });
    if (parsed.positionals.length > maxPositionals)
      usageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`, usage);
    return parsed;
  } catch (error) {
    return usageError((error as Error).message, usage);
  }
}
