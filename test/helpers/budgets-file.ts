/** Test budgets files: the shipped budgets.json with fewer lab pages and the given overrides. */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const shipped = JSON.parse(readFileSync('budgets.json', 'utf8')) as Record<string, unknown> & {
  pages: Array<{ name: string }>;
};

/** Writes a budgets file in which only `labPages` are measured by Lighthouse. */
export async function budgetsFile(
  labPages: readonly string[],
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const pages = shipped.pages.map((page) => (labPages.includes(page.name) ? page : { ...page, lighthouse: false }));
  const file = join(await mkdtemp(join(tmpdir(), 'budgets-')), 'budgets.json');
  await writeFile(file, JSON.stringify({ ...shipped, pages, ...overrides }));
  return file;
}

/** Lighthouse settings with `runs` runs, desktop, median. */
export function labRuns(runs: number): Record<string, unknown> {
  return { lighthouse: { runs, aggregation: 'median', formFactors: ['desktop'] } };
}

/**
 * Timing budgets a loaded machine cannot trip: for suite runs that judge what turns red (a fault's
 * check, an alert, a merge), not timings, and so run beside other test files (`test-lane: shared`).
 * Layout shift, accessibility and Lighthouse's budgets stay as shipped; the healthy runs that judge the
 * shipped timing budgets are in `test-lane: exclusive` files.
 */
export const LOOSE_TIMINGS = {
  defaults: {
    ...(shipped.defaults as Record<string, unknown>),
    journey: {
      ...(shipped.defaults as { journey: object }).journey,
      lcp: 30_000,
      ttfb: 15_000,
      fcp: 30_000,
      inp: 5_000,
    },
  },
  api: { p95Ms: 15_000 },
  journeys: { durationMs: { default: 85_000 } },
};

/** A budgets file with LOOSE_TIMINGS (and `overrides` on top), every lab page as shipped. */
export function looseBudgetsFile(overrides: Record<string, unknown> = {}): Promise<string> {
  return budgetsFile(
    shipped.pages.map((page) => page.name),
    { ...LOOSE_TIMINGS, ...overrides },
  );
}
