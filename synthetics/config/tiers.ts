/**
 * The suite's tiers — what each runs (Playwright projects and options), the same as `npm start
 * --tier` — and the `--shard i/N` of a sharded run, parsed for the entry points that run a shard.
 */

/** What each tier runs: core every 15 minutes, lab (Lighthouse) hourly, all of it by default. */
export const TIERS: Readonly<Record<string, readonly string[]>> = {
  core: ['--project=uptime', '--project=setup', '--project=public', '--project=journeys'],
  lab: ['--project=lighthouse'],
  // One worker: the Lighthouse runs must not compete with the journeys for the CPU.
  all: ['--workers=1'],
};

/** Separates `--tier <name>` / `--tier=<name>` (default `all`) from the arguments meant for Playwright. */
export function splitTier(args: readonly string[]): { tier: string; rest: string[] } {
  const rest: string[] = [];
  let tier = 'all';
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--tier') tier = args[(index += 1)] ?? '';
    else if (arg.startsWith('--tier=')) tier = arg.slice('--tier='.length);
    else rest.push(arg);
  }
  return { tier, rest };
}

/** `--shard 1/2` or `--shard=1/2`, taken out of the arguments; undefined when missing or malformed. */
export function splitShard(args: readonly string[]): { shard?: { index: number; total: number }; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--shard') value = args[(index += 1)] ?? '';
    else if (arg.startsWith('--shard=')) value = arg.slice('--shard='.length);
    else rest.push(arg);
  }
  const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
  const shard = match ? { index: Number(match[1]), total: Number(match[2]) } : undefined;
  return shard && shard.index >= 1 && shard.index <= shard.total ? { shard, rest } : { rest };
}
