/**
 * From what the watchers and the Lighthouse stage observed to budget and accessibility checks:
 * `budget:<page>:<metric>` (lab), `budget:<page>:journey-<metric>` (in-journey web vitals),
 * `budget:api:p95`, `a11y:<page>`, `telemetry:<beacon>`. Pure: budgets, observations and today's date in, checks out.
 */
import { budgetFor, pageName, type Budgets, JOURNEY_METRICS } from '../config/budgets.ts';
import { API_P95_CHECK, budgetMetricLabel, checkId, journeyName, unitOfMetric } from '../model/check-ids.ts';
import { LAB_METRICS } from '../model/observations.ts';
import type {
  ApiTimingObservation,
  AxeObservation,
  LighthouseObservation,
  Observations,
  VitalObservation,
} from '../model/observations.ts';
import { evaluateA11y } from './accessibility.ts';
import { evaluateTelemetry } from './telemetry.ts';
import { TELEMETRY } from '../target/viamentor.ts';
import { evaluateBudget, type BudgetAssertion } from './budget-assertions.ts';
import type { CheckResult } from '../model/run-result.ts';

function toCheck(assertion: BudgetAssertion, title: string): CheckResult {
  return {
    id: assertion.id,
    kind: 'budget',
    title,
    status: assertion.status,
    durationMs: 0,
    attempts: 1,
    ...(assertion.status === 'passed' ? {} : { error: assertion.message }),
    expected: assertion.expected,
    ...(assertion.actual === undefined ? {} : { actual: assertion.actual }),
    values: assertion.values,
    operator: assertion.operator,
    aggregation: assertion.aggregation,
  };
}

function labChecks(budgets: Budgets, runs: readonly LighthouseObservation[]): CheckResult[] {
  const checks: CheckResult[] = [];
  for (const entry of budgets.pages) {
    for (const formFactor of budgets.lighthouse.formFactors) {
      const pageRuns = runs.filter((run) => run.page === entry.name && run.formFactor === formFactor);
      if (pageRuns.length === 0) continue;
      const failures = pageRuns.flatMap((run) => (run.failure ? [run.failure] : []));
      for (const metric of LAB_METRICS) {
        const expected = budgetFor(budgets, entry, 'lab', metric);
        if (expected === undefined) continue;
        const values = pageRuns.flatMap((run) => (run.metrics?.[metric] === undefined ? [] : [run.metrics[metric]!]));
        const id = checkId.lab(entry.name, metric, formFactor);
        const assertion = evaluateBudget({
          id,
          page: entry.name,
          metric: budgetMetricLabel({ source: formFactor === 'desktop' ? 'lab' : 'mobile', metric }),
          expected,
          values,
          aggregation: budgets.lighthouse.aggregation,
          failedMeasurements: failures,
          unit: unitOfMetric(metric),
        });
        checks.push(toCheck(assertion, `Lighthouse ${formFactor} ${metric} of ${entry.path}`));
      }
    }
  }
  return checks;
}

function journeyChecks(budgets: Budgets, vitals: readonly VitalObservation[]): CheckResult[] {
  const byPage = new Map<string, VitalObservation[]>();
  for (const vital of vitals)
    byPage.set(pageName(budgets, vital.path), [...(byPage.get(pageName(budgets, vital.path)) ?? []), vital]);
  const checks: CheckResult[] = [];
  for (const [page, pageVitals] of byPage) {
    const entry = budgets.pages.find((candidate) => candidate.name === page);
    for (const metric of JOURNEY_METRICS) {
      const values = pageVitals.filter((vital) => vital.metric === metric).map((vital) => vital.value);
      const expected = entry
        ? budgetFor(budgets, entry, 'journey', metric)
        : (budgets.defaults.journey as Record<string, number | undefined>)[metric];
      if (values.length === 0 || expected === undefined) continue;
      const id = checkId.vital(page, metric);
      // p75, as Core Web Vitals are judged: one page load that shifted or stalled is not averaged away.
      checks.push(
        toCheck(
          evaluateBudget({
            id,
            page,
            metric: budgetMetricLabel({ source: 'journey', metric }),
            expected,
            values,
            aggregation: 'p75',
            unit: unitOfMetric(metric),
          }),
          `In-journey ${metric} of ${page}`,
        ),
      );
    }
  }
  return checks;
}

function a11yChecks(budgets: Budgets, scans: readonly AxeObservation[], today: string): CheckResult[] {
  const byPage = new Map<string, AxeObservation[]>();
  for (const scan of scans)
    byPage.set(pageName(budgets, scan.path), [...(byPage.get(pageName(budgets, scan.path)) ?? []), scan]);
  return [...byPage].map(([page, pageScans]) => {
    const result = evaluateA11y(
      page,
      pageScans.map((scan) => scan.violations),
      budgets.accessibility,
      today,
    );
    return {
      id: result.id,
      kind: 'a11y' as const,
      title: `Accessibility of ${page}`,
      status: result.status,
      durationMs: 0,
      attempts: 1,
      ...(result.status === 'failed' ? { error: result.message } : {}),
      violations: result.violations,
      ...(result.allowed.length ? { allowed: result.allowed } : {}),
    };
  });
}

/** What the run did beyond its observations: how many watched journeys passed. */
export interface RunContext {
  /** Journeys that passed with the watchers on: each of them called the app's API. */
  watchedJourneysPassed: number;
}

const API_TITLE = 'p95 of API response times in the journeys (app API, Supabase Auth, REST and RPC)';

/**
 * `budget:api:p95`. No samples although journeys passed means the watcher could not see the API
 * (an origin missing from SUPABASE_URL / SYNTHETICS_API_ORIGINS): an `error`, never a missing check.
 */
function apiCheck(budgets: Budgets, timings: readonly ApiTimingObservation[], context: RunContext): CheckResult[] {
  const values = timings.map((timing) => timing.ms);
  if (values.length === 0 && context.watchedJourneysPassed === 0) return [];
  const blind =
    `no API call seen in ${context.watchedJourneysPassed} passing journey(s): ` +
    'check SUPABASE_URL and SYNTHETICS_API_ORIGINS';
  const failedMeasurements = values.length ? [] : [blind];
  const expected = budgets.api.p95Ms;
  const assertion = evaluateBudget({
    id: API_P95_CHECK,
    page: 'api',
    metric: 'p95',
    expected,
    values,
    aggregation: 'p95',
    failedMeasurements,
  });
  return [toCheck(assertion, API_TITLE)];
}

/** Every budget, accessibility and telemetry check this run's observations allow. */
export function evaluateObservations(
  budgets: Budgets,
  observations: Observations,
  today: string,
  context: RunContext = { watchedJourneysPassed: 0 },
): CheckResult[] {
  return [
    ...labChecks(budgets, observations.lighthouse),
    ...journeyChecks(budgets, observations.vitals),
    ...apiCheck(budgets, observations.api, context),
    ...a11yChecks(budgets, observations.axe, today),
    ...evaluateTelemetry(TELEMETRY, observations.telemetry, observations.visits, context.watchedJourneysPassed),
  ];
}

/** The duration budget of a journey check (`journey:invoice` → journeys.durationMs.invoice or default). */
export function journeyDurationBudget(budgets: Budgets, id: string): number {
  const name = journeyName(id) ?? '';
  return budgets.journeys.durationMs[name] ?? budgets.journeys.durationMs.default;
}
