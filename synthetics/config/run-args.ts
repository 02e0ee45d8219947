/**
 * The arguments of the entry points that run checks (`npm start`, `npm run shard`): their own flags
 * (`--tier`, `--shard`) and the Playwright options passed through — checked here, before anything
 * runs, so that a typo is a usage error (exit 2), never a failed run that pages someone.
 */
import { parseArgs } from 'node:util';
import { TIERS } from './tiers.ts';

type Kind = 'string' | 'boolean';

/** `playwright test` options (1.5x); those with an optional value (`--debug [mode]`) count as boolean. */
const PLAYWRIGHT_STRINGS = [
  'add-reporter',
  'browser',
  'config',
  'grep',
  'grep-invert',
  'global-timeout',
  'workers',
  'last-failed-file',
  'max-failures',
  'output',
  'project',
  'repeat-each',
  'reporter',
  'retries',
  'run-agents',
  'test-list',
  'test-list-invert',
  'timeout',
  'trace',
  'tsconfig',
  'ui-host',
  'ui-port',
  'update-source-method',
];
const PLAYWRIGHT_BOOLEANS = [
  'debug',
  'fail-on-flaky-tests',
  'forbid-only',
  'fully-parallel',
  'headed',
  'ignore-snapshots',
  'last-failed',
  'list',
  'no-deps',
  'only-changed',
  'pass-with-no-tests',
  'quiet',
  'shuffle',
  'update-snapshots',
  'ui',
  'x',
];
const SHORT: Record<string, string> = {
  config: 'c',
  grep: 'g',
  'grep-invert': 'G',
  workers: 'j',
  'update-snapshots': 'u',
};

function optionTable(own: readonly string[]): Record<string, { type: Kind; short?: string }> {
  const entry = (name: string, type: Kind) => [name, { type, ...(SHORT[name] ? { short: SHORT[name] } : {}) }];
  return Object.fromEntries([
    ...PLAYWRIGHT_STRINGS.map((name) => entry(name, 'string')),
    ...PLAYWRIGHT_BOOLEANS.map((name) => entry(name, 'boolean')),
    ...own.map((name) => entry(name, 'string')),
  ]);
}

/** What the arguments asked for, or the one-line usage problem. */
export type RunArgs = { tier: string; shard?: string; rest: string[] } | { error: string };

/** Separates the suite's own flags from Playwright's and rejects unknown options and bad values. */
export function parseRunArgs(args: readonly string[], own: readonly string[] = ['tier']): RunArgs {
  const options = optionTable(own);
  let tokens;
  try {
    ({ tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  const values: Record<string, string | undefined> = {};
  const dropped = new Set<number>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (own.includes(token.name)) {
      values[token.name] = token.value ?? '';
      dropped.add(token.index);
      if (!token.inlineValue && token.value !== undefined) dropped.add(token.index + 1);
      continue;
    }
    const kind = options[token.name]?.type;
    if (!kind) return { error: `unknown option ${token.rawName} (see npx playwright test --help)` };
    if (kind === 'string' && token.value === undefined) return { error: `${token.rawName} needs a value` };
  }
  const tier = values.tier ?? 'all';
  if (!TIERS[tier]) return { error: `--tier must be one of ${Object.keys(TIERS).join(', ')} (got "${tier}")` };
  const rest = args.filter((_, index) => !dropped.has(index));
  return { tier, ...(values.shard !== undefined ? { shard: values.shard } : {}), rest };
}
