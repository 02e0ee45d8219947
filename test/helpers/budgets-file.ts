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
