/**
 * The arguments of `npm run bench`, parsed with node:util's parseArgs (strict): a mistake is one
 * line naming the argument and the valid ones, and `npm run bench` exits 2 on it.
 */
import { parseArgs } from 'node:util';

/** The parts of the bench, each skippable with `--only`. */
export const BENCH_PARTS = ['suite', 'lighthouse', 'watchers'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

/** What to measure: runs per page/tool, the Lighthouse pages, which parts. */
export interface BenchArgs {
  runs: number;
  paths: string[];
  only: BenchPart[];
}

const VALID = 'valid: --runs N (1-20), --pages /,/login, --only suite,lighthouse,watchers';

/** The arguments, or the one-line reason they are wrong. */
export function readBenchArgs(args: string[]): BenchArgs | string {
  let values: { runs?: string; pages?: string; only?: string };
  try {
    const options = { runs: { type: 'string' }, pages: { type: 'string' }, only: { type: 'string' } } as const;
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (error) {
    const named = /'([^']+)'/.exec((error as Error).message)?.[1];
    const reason = named ? `unknown or incomplete argument "${named}"` : (error as Error).message.split('\n')[0];
    return `${reason} (${VALID})`;
  }
  const runs = values.runs ?? '3';
  if (!/^\d+$/.test(runs) || Number(runs) < 1 || Number(runs) > 20)
    return `--runs needs a whole number from 1 to 20 (got "${runs}")`;
  const paths = (values.pages ?? '/,/login')
    .split(',')
    .map((path) => path.trim())
    .filter(Boolean);
  if (paths.length === 0 || paths.some((path) => !path.startsWith('/')))
    return `--pages needs comma-separated paths starting with / (got "${values.pages ?? ''}")`;
  const only = (values.only ?? BENCH_PARTS.join(',')).split(',').map((part) => part.trim());
  if (only.some((part) => !(BENCH_PARTS as readonly string[]).includes(part)))
    return `--only takes ${BENCH_PARTS.join(', ')} (got "${values.only ?? ''}")`;
  return { runs: Number(runs), paths, only: only as BenchPart[] };
}
