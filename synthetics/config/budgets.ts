/**
 * `budgets.json`: what "fast enough" and "accessible enough" mean, per page. Validated strictly —
 * unknown keys, wrong types and bad values are all reported at once with their JSON path and the
 * allowed values — and turned into the typed `Budgets` the rest of the suite uses.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { jsonPath } from './json-path.ts';
import { LAB_METRICS, VITAL_METRICS, type LabMetric, type VitalMetric } from '../model/observations.ts';
import { ConfigError } from './env.ts';

const ms = z.number().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' });

/** Lab (Lighthouse) metrics; defaults are the policy's SLOs and Lighthouse's "good" thresholds. */
/** Metrics measured inside the journeys' own page loads (Google's web-vitals library). */
export const JOURNEY_METRICS = VITAL_METRICS;
export type JourneyMetric = VitalMetric;

const labBudget = z.strictObject({
  lcp: ms.optional(),
  cls: z.number().nonnegative().optional(),
  ttfb: ms.optional(),
  tbt: ms.optional(),
  fcp: ms.optional(),
  transferBytes: z.int().positive().optional(),
  requests: z.int().positive().optional(),
});
const journeyBudget = z.strictObject({
  lcp: ms.optional(),
  cls: z.number().nonnegative().optional(),
  ttfb: ms.optional(),
  fcp: ms.optional(),
  inp: ms.optional(),
});

const LAB_DEFAULTS = { lcp: 2500, cls: 0.1, ttfb: 600, tbt: 200, fcp: 1800, transferBytes: 1_000_000, requests: 50 };
const JOURNEY_DEFAULTS = { lcp: 2500, cls: 0.1, ttfb: 600, fcp: 1800, inp: 200 };

const page = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
    message: 'must be lower-case letters, digits and dashes (it becomes a check id)',
  }),
  path: z.string().regex(/^\/[^\s?#]*$/, { message: 'must be a path starting with "/" (":id" matches any segment)' }),
  auth: z.boolean().default(false),
  lighthouse: z.boolean().default(true),
  lab: labBudget.default({}),
  journey: journeyBudget.default({}),
});

const tolerance = z.strictObject({ relative: z.number().min(0).max(10), absolute: z.number().min(0) });

export const budgetsSchema = z
  .strictObject({
    $schema: z.string().optional(),
    lighthouse: z
      .strictObject({
        runs: z.int().min(1).max(15).default(3),
        aggregation: z.enum(['median', 'optimistic', 'pessimistic']).default('median'),
        formFactors: z
          .array(z.enum(['desktop', 'mobile']))
          .min(1)
          .default(['desktop']),
        throttling: z.enum(['provided', 'devtools', 'simulate']).default('provided'),
      })
      .default({ runs: 3, aggregation: 'median', formFactors: ['desktop'], throttling: 'provided' }),
    defaults: z
      .strictObject({ lab: labBudget.default(LAB_DEFAULTS), journey: journeyBudget.default(JOURNEY_DEFAULTS) })
      .default({ lab: LAB_DEFAULTS, journey: JOURNEY_DEFAULTS }),
    pages: z.array(page).min(1, { message: 'must list at least one page' }),
    api: z.strictObject({ p95Ms: ms.default(500) }).default({ p95Ms: 500 }),
    journeys: z
      .strictObject({ durationMs: z.strictObject({ default: ms }).catchall(ms) })
      .default({ durationMs: { default: 30_000 } }),
    accessibility: z
      .strictObject({
        failOn: z.array(z.enum(['minor', 'moderate', 'serious', 'critical'])).default(['serious', 'critical']),
        allow: z
          .array(
            z.strictObject({
              rule: z.string().min(1),
              reason: z.string().min(1, { message: 'say why the rule is allowed' }),
              expires: isoDate,
              pages: z.array(z.string()).optional(),
            }),
          )
          .default([]),
      })
      .default({ failOn: ['serious', 'critical'], allow: [] }),
    regression: z
      .strictObject({
        baselineRuns: z.int().min(2).max(100).default(10),
        metrics: z.partialRecord(z.enum([...LAB_METRICS, 'inp', 'apiP95']), tolerance).default({}),
      })
      .default({ baselineRuns: 10, metrics: {} }),
  })
  .superRefine((budgets, ctx) => {
    const seen = new Set<string>();
    budgets.pages.forEach((entry, index) => {
      if (seen.has(entry.name))
        ctx.addIssue({
          code: 'custom',
          path: ['pages', index, 'name'],
          message: `"${entry.name}" is used twice; page names must be unique`,
        });
      seen.add(entry.name);
      if (entry.lighthouse && entry.path.includes(':')) {
        ctx.addIssue({
          code: 'custom',
          path: ['pages', index, 'lighthouse'],
          message: 'a path with ":params" cannot be measured by Lighthouse; set "lighthouse": false',
        });
      }
    });
  });

export type Budgets = z.infer<typeof budgetsSchema>;
export type PageBudget = Budgets['pages'][number];

/** Validates parsed JSON; throws `ConfigError` listing every problem with its path. */
export function parseBudgets(raw: unknown, file = 'budgets.json'): Budgets {
  const parsed = budgetsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((issue) => `${file}: ${jsonPath(issue.path)}: ${issue.message}`));
}

/** Reads and validates a budgets file; a missing file or bad JSON is a `ConfigError` too. */
export function loadBudgetsSync(file = 'budgets.json'): Budgets {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError([`${file}: not found; create it (see docs/budgets.md) or run from the repository root`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${file}: not valid JSON (${(error as Error).message})`]);
  }
  return parseBudgets(raw, file);
}

/** The budget of one metric on one page: the page's own value, else the default. */
export function budgetFor(
  budgets: Budgets,
  entry: PageBudget,
  source: 'lab' | 'journey',
  metric: string,
): number | undefined {
  const own = (entry[source] as Record<string, number | undefined>)[metric];
  return own ?? (budgets.defaults[source] as Record<string, number | undefined>)[metric];
}

/** The page entry whose path matches a visited path (`/students/42` matches `/students/:id`). */
export function pageForPath(budgets: Budgets, path: string): PageBudget | undefined {
  const clean = path.split(/[?#]/)[0]!.replace(/\/+$/, '') || '/';
  return budgets.pages.find((entry) => {
    const pattern = entry.path.replace(/\/+$/, '') || '/';
    const regex = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}$`);
    return regex.test(clean);
  });
}

/** The page name used in check ids: the budgets entry's, else one made from the path. */
export function pageName(budgets: Budgets, path: string): string {
  const entry = pageForPath(budgets, path);
  if (entry) return entry.name;
  const derived = path
    .split(/[?#]/)[0]!
    .replace(/\/\d+(?=\/|$)/g, '/id')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return derived || 'home';
}
