/**
 * The arguments of `npm run silence`, parsed with `node:util` parseArgs into one command — set a
 * silence, list them, or clear one — or the problem, which the CLI reports as a one-line usage error
 * with SILENCE_USAGE (cli-args.ts `usageError`: exit 2), like every small CLI.
 */
import { parseArgs } from 'node:util';

export const SILENCE_USAGE =
  'npm run silence -- --for 30m --reason "…" [--check <id or glob>] ' + '| --list | --clear <id>';

/** The longest silence: a week (a longer one is a maintenance window, in maintenance.json). */
export const MAX_SILENCE_MS = 7 * 86_400_000;

export type SilenceCommand =
  | { kind: 'set'; durationMs: number; reason: string; checks?: string }
  | { kind: 'list' }
  | { kind: 'clear'; id: string }
  | { kind: 'error'; message: string };

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30m`, `2h`, `1h30m`, `1d`, `90s` → ms; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+[smhd])+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhd])/g)) total += Number(amount) * UNITS[unit!]!;
  return total > 0 ? total : undefined;
}

function setCommand(values: { for?: string; reason?: string; check?: string }): SilenceCommand {
  const durationMs = parseDuration(values.for ?? '');
  if (durationMs === undefined)
    return { kind: 'error', message: `--for must be a duration such as 30m, 2h or 1h30m (got "${values.for}")` };
  if (durationMs > MAX_SILENCE_MS)
    return { kind: 'error', message: '--for must be at most 7d; put a recurring window in maintenance.json instead' };
  const reason = values.reason?.trim();
  if (!reason)
    return {
      kind: 'error',
      message: '--reason is required with --for: say why alerts are silenced (it is shown in the digest)',
    };
  const checks = values.check?.trim();
  if (values.check !== undefined && !/^[A-Za-z0-9*?:._/-]+$/.test(checks ?? '')) {
    return {
      kind: 'error',
      message: `--check must be a check id or a glob such as "journey:*" (got "${values.check}")`,
    };
  }
  return { kind: 'set', durationMs, reason, ...(checks ? { checks } : {}) };
}

/** One command from the command line, or the reason it is not one. */
export function parseSilenceArgs(argv: readonly string[]): SilenceCommand {
  let values: { for?: string; reason?: string; check?: string; list?: boolean; clear?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        for: { type: 'string' },
        reason: { type: 'string' },
        check: { type: 'string' },
        list: { type: 'boolean' },
        clear: { type: 'string' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message.split('\n')[0]! };
  }
  const modes = [values.for !== undefined, values.list === true, values.clear !== undefined].filter(Boolean).length;
  if (modes !== 1) return { kind: 'error', message: 'give exactly one of --for, --list or --clear' };
  if (values.list)
    return values.reason || values.check
      ? { kind: 'error', message: '--list takes no other option' }
      : { kind: 'list' };
  if (values.clear !== undefined) {
    if (values.reason || values.check) return { kind: 'error', message: '--clear takes only the silence id' };
    return values.clear.trim()
      ? { kind: 'clear', id: values.clear.trim() }
      : { kind: 'error', message: '--clear needs the id of a silence (see --list)' };
  }
  return setCommand(values);
}
