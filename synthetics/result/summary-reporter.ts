/**
 * Playwright reporter that turns a run into its one result: `summary.json` (see types.ts), the
 * console table, and report folders scrubbed of secrets. Listed last in playwright.config.ts so
 * that it runs after the HTML and JUnit reporters have written their files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { FullResult, Reporter, Suite, TestCase, TestError, TestResult, TestStep } from '@playwright/test/reporter';
import type { SuiteConfig } from '../config/env.ts';
import { removeSessionDir, runContext } from '../config/load.ts';
import { OBSERVATION_ATTACHMENTS } from '../model/observations.ts';
import { formatConsoleSummary } from './console-summary.ts';
import { redactDeep } from '../model/redact.ts';
import { scrubArtifacts } from './scrub-artifacts.ts';
import { buildSummary } from './build-summary.ts';
import { condenseError } from './describe-error.ts';
import { evaluateObservations, journeyDurationBudget } from './evaluate-observations.ts';
import { type Observations } from '../model/observations.ts';
import { idKind } from '../model/check-ids.ts';
import type { CheckStatus, TestOutcome } from '../model/run-result.ts';

const STATUS: Record<ReturnType<TestCase['outcome']>, CheckStatus> = {
  expected: 'passed',
  unexpected: 'failed',
  flaky: 'flaky',
  skipped: 'skipped',
};

/** The innermost user step (`test.step`) that failed, for the reason line. */
function failedStep(steps: readonly TestStep[]): string | undefined {
  for (const step of steps) {
    if (!step.error) continue;
    const inner = failedStep(step.steps);
    if (inner) return inner;
    if (step.category === 'test.step') return step.title;
  }
  return undefined;
}

function annotationsOf(test: TestCase, result: TestResult | undefined) {
  return [...test.annotations, ...(result?.annotations ?? [])];
}

/** What one test amounted to, as plain data. */
export function toOutcome(test: TestCase, reportDir: string): TestOutcome {
  const last = test.results.at(-1);
  const annotations = annotationsOf(test, last);
  const status = STATUS[test.outcome()];
  const failedResult = status === 'failed' ? last : undefined;
  const error: TestError | undefined = failedResult?.errors[0] ?? failedResult?.error;
  const metrics: Record<string, number> = {};
  for (const { type, description } of annotations) {
    if (type.startsWith('metric:') && description && Number.isFinite(Number(description)))
      metrics[type.slice(7)] = Number(description);
  }
  // The confirming (last) attempt's evidence: its trace, screenshot and error context.
  const evidence = (failedResult?.attachments ?? [])
    .filter((attachment) => attachment.path)
    .map((attachment) => relative(reportDir, attachment.path!));
  const parent = test.parent;
  return {
    checkId: annotations.find((annotation) => annotation.type === 'check')?.description,
    checkTitle: parent.type === 'describe' ? parent.title : test.title,
    project: parent.project()?.name ?? '',
    title: test.title,
    status,
    attempts: test.results.length,
    durationMs: test.results.reduce((sum, result) => sum + result.duration, 0),
    ...(error
      ? { error: condenseError(error.message ?? error.value ?? 'unknown error', failedStep(failedResult?.steps ?? [])) }
      : {}),
    // A check that skipped itself says why (`testInfo.skip(true, 'not run: …')`).
    ...(status === 'skipped' && skipReason(annotations) ? { error: skipReason(annotations) } : {}),
    evidence: [...new Set(evidence)],
    metrics,
    notes: annotations
      .filter((annotation) => annotation.type === 'cleanup-failed')
      .map((annotation) => annotation.description ?? ''),
  };
}

/** The reason a test gave for skipping itself, if any. */
function skipReason(annotations: ReadonlyArray<{ type: string; description?: string }>): string | undefined {
  return annotations.find((annotation) => annotation.type === 'skip' && annotation.description)?.description;
}

/** The watchers' observations of the final attempt of every test. */
export function collectObservations(tests: readonly TestCase[]): Observations {
  const observations: Observations = { vitals: [], axe: [], api: [], lighthouse: [], telemetry: [], visits: [] };
  const keys = {
    vitals: OBSERVATION_ATTACHMENTS.vitals,
    axe: OBSERVATION_ATTACHMENTS.axe,
    api: OBSERVATION_ATTACHMENTS.api,
    lighthouse: OBSERVATION_ATTACHMENTS.lighthouse,
    telemetry: OBSERVATION_ATTACHMENTS.telemetry,
    visits: OBSERVATION_ATTACHMENTS.visits,
  } as const;
  for (const test of tests) {
    const last = test.results.at(-1);
    for (const [key, name] of Object.entries(keys) as Array<[keyof Observations, string]>) {
      const attachment = last?.attachments.find((candidate) => candidate.name === name && candidate.body);
      if (attachment?.body)
        (observations[key] as unknown[]).push(...(JSON.parse(attachment.body.toString('utf8')) as unknown[]));
    }
  }
  return observations;
}

/** Journeys that passed with the watchers on (the benchmark's bare runs switch them off). */
function watchedJourneysPassed(outcomes: readonly TestOutcome[], watchers: boolean): number {
  if (!watchers) return 0;
  const passed = ['passed', 'flaky', 'degraded'];
  const journeys = outcomes.filter((outcome) => outcome.checkId !== undefined && idKind(outcome.checkId) === 'journey');
  return journeys.filter((outcome) => passed.includes(outcome.status)).length;
}

export default class SummaryReporter implements Reporter {
  #suite: Suite | undefined;
  #startedAt = new Date();
  #globalErrors: string[] = [];
  readonly #run = runContext();

  printsToStdio(): boolean {
    return false;
  }

  onBegin(_config: unknown, suite: Suite): void {
    this.#suite = suite;
    this.#startedAt = new Date();
  }

  onError(error: TestError): void {
    this.#globalErrors.push(condenseError(error.message ?? error.value ?? 'unknown error'));
  }

  async onEnd(result: FullResult): Promise<void> {
    const config = this.#run.config;
    try {
      await this.#writeSummary(result, config);
    } catch (error) {
      // No summary: the runner's caller writes a failing one; the reports are scrubbed all the same.
      await scrubArtifacts(config.reportDir, config.secrets);
      throw error;
    } finally {
      removeSessionDir(); // the session never outlives the run
    }
  }

  async #writeSummary(result: FullResult, config: SuiteConfig): Promise<void> {
    const runId = this.#run.runId;
    const reportDir = config.reportDir;
    const tests = this.#suite?.allTests() ?? [];
    const outcomes = tests.map((test) => toOutcome(test, reportDir));
    const budgets = this.#run.budgets;
    // Merged shards (merge-reports): the run spans the shards, not this process — Playwright's result says so.
    const startedAt = result.startTime < this.#startedAt ? result.startTime : this.#startedAt;
    const endedAt = new Date(Math.max(Date.now(), startedAt.getTime() + result.duration));
    const summary = buildSummary(outcomes, {
      extraChecks: evaluateObservations(budgets, collectObservations(tests), endedAt.toISOString().slice(0, 10), {
        watchedJourneysPassed: watchedJourneysPassed(outcomes, this.#run.watchers),
      }),
      durationBudgetMs: (id) => journeyDurationBudget(budgets, id),
      runId,
      target: { baseUrl: config.target.baseUrl, bundled: config.target.bundled },
      startedAt,
      endedAt,
      runnerStatus: result.status,
      globalErrors: this.#globalErrors,
      reports: { dir: reportDir, html: join(reportDir, 'html', 'index.html'), junit: join(reportDir, 'junit.xml') },
    });
    const scrub = await scrubArtifacts(reportDir, config.secrets);
    for (const problem of scrub.errors) summary.warnings.push(`could not scrub secrets from ${problem}`);
    const safe = redactDeep(summary, config.secrets);
    await mkdir(reportDir, { recursive: true });
    await writeFile(join(reportDir, 'summary.json'), `${JSON.stringify(safe, null, 2)}\n`);
    console.log(formatConsoleSummary(safe));
  }
}
