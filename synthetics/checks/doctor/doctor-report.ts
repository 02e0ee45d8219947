/**
 * The doctor's result: one row per item it probed — what the target profile expects, what the
 * target showed — printed as a table. Pure, so the wording and the exit code are table-tested.
 */

/** One probed item. */
export interface DoctorItem {
  item: string;
  expected: string;
  found: string;
  ok: boolean;
}

/** A row for a probe that answered as expected or not. */
export function doctorItem(item: string, expected: string, found: string, ok: boolean): DoctorItem {
  return { item, expected, found: found.replace(/\s+/g, ' ').slice(0, 120), ok };
}

const HEADERS = ['item', 'expected', 'found', ''] as const;

/** The table the engineer reads, missing items last-column flagged. */
export function formatDoctorTable(items: readonly DoctorItem[]): string {
  const rows = items.map((entry) => [entry.item, entry.expected, entry.found, entry.ok ? 'ok' : 'MISSING']);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(HEADERS), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The closing line: how many matched, and what to do about the rest. */
export function doctorVerdict(items: readonly DoctorItem[]): string {
  const missing = items.filter((entry) => !entry.ok);
  if (missing.length === 0) return `doctor: all ${items.length} items match the target profile`;
  const names = missing.map((entry) => entry.item).join(', ');
  return (
    `doctor: ${missing.length} of ${items.length} items missing (${names}); fix the target, the environment ` +
    '(SUPABASE_URL, SUPABASE_ANON_KEY, credentials) or synthetics/target/viamentor.ts'
  );
}
