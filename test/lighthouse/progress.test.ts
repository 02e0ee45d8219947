/**
 * The Lighthouse stage's progress: the line's arithmetic (runs left, ETA) as a table, and the
 * reporter driven with Playwright-shaped events — one line per run without a terminal, one line
 * rewritten in place (and cleared) on a terminal, nothing for tests of other projects.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FullConfig, Suite, TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import LabProgressReporter from '../../synthetics/checks/lighthouse/progress-reporter.ts';
import {
  estimateRemainingMs,
  formatDuration,
  formatLabProgress,
  remainingRuns,
  type LabProgress,
} from '../../synthetics/checks/lighthouse/progress.ts';

const base: LabProgress = {
  page: 1,
  pages: 4,
  pageName: 'home',
  formFactor: 'desktop',
  run: 1,
  runsPerPage: 3,
  lastRunMs: 6000,
  finishedRunsMs: [6000],
};

describe('progress of the Lighthouse stage', () => {
  const cases: Array<[Partial<LabProgress>, number, number | undefined, string]> = [
    [{}, 11, 66_000, 'lighthouse: page 1/4 home · desktop run 1/3 · last run 6.0 s · ETA 1 min 06 s'],
    [
      { page: 2, run: 3, finishedRunsMs: [6000, 5000, 7000, 6000, 6000, 6000] },
      6,
      36_000,
      'lighthouse: page 2/4 home · desktop run 3/3 · last run 6.0 s · ETA 36.0 s',
    ],
    [{ page: 4, run: 3 }, 0, 0, 'lighthouse: page 4/4 home · desktop run 3/3 · last run 6.0 s · done'],
    [
      { finishedRunsMs: [] },
      11,
      undefined,
      'lighthouse: page 1/4 home · desktop run 1/3 · last run 6.0 s · ETA unknown',
    ],
    [
      { pages: 1, runsPerPage: 6, run: 2, lastRunMs: 61_500, finishedRunsMs: [1000, 3000] },
      4,
      8000,
      'lighthouse: page 1/1 home · desktop run 2/6 · last run 1 min 02 s · ETA 8.0 s',
    ],
  ];
  for (const [change, runs, eta, line] of cases) {
    test(`${JSON.stringify(change)} → ${runs} runs left, "${line}"`, () => {
      const progress = { ...base, ...change };
      assert.equal(remainingRuns(progress), runs);
      assert.equal(estimateRemainingMs(progress), eta);
      assert.equal(formatLabProgress(progress), line);
    });
  }
  test('durations read as seconds, then minutes', () => {
    assert.deepEqual([0, 999, 59_949, 60_000, 125_400].map(formatDuration), [
      '0.0 s',
      '1.0 s',
      '59.9 s',
      '1 min 00 s',
      '2 min 05 s',
    ]);
  });
});

/** Just enough of Playwright's objects for the reporter. */
function labTest(title: string, project = 'lighthouse'): TestCase {
  return { title, parent: { project: () => ({ name: project }) } } as unknown as TestCase;
}
const step = (title: string, duration: number) => ({ title, duration }) as TestStep;
const attempt = (retry = 0) => ({ retry }) as TestResult;

function drive(tty: boolean): string {
  let out = '';
  const tests = [
    labTest('measures / (home)'),
    labTest('measures /dashboard (dashboard)'),
    labTest('home page answers 200', 'public'),
  ];
  const reporter = new LabProgressReporter({ tty, write: (text) => (out += text) });
  reporter.onBegin({} as FullConfig, { allTests: () => tests } as unknown as Suite);
  for (const current of tests) {
    reporter.onTestBegin(current, attempt());
    for (let run = 1; run <= 3; run += 1)
      reporter.onStepEnd(current, attempt(), step(`Lighthouse desktop run ${run}/3`, 5000));
    reporter.onStepEnd(current, attempt(), step('another step', 100));
    reporter.onTestEnd();
  }
  reporter.onEnd();
  return out;
}

describe('the progress reporter', () => {
  test('without a terminal: one line per run, page i/N and run k/R, nothing for other projects', () => {
    const lines = drive(false).trimEnd().split('\n');
    assert.equal(lines.length, 6);
    assert.equal(lines[0], 'lighthouse: page 1/2 home · desktop run 1/3 · last run 5.0 s · ETA 25.0 s');
    assert.equal(lines[5], 'lighthouse: page 2/2 dashboard · desktop run 3/3 · last run 5.0 s · done');
    assert.ok(!lines.some((line) => line.includes('\r')));
  });
  test('on a terminal: the line is rewritten in place and cleared when the page ends', () => {
    const out = drive(true);
    assert.ok(!out.includes('\n'), 'a live line never scrolls');
    assert.equal(out.split('\r\u001B[2K').filter(Boolean).length, 6);
    assert.ok(out.endsWith('\r\u001B[2K'), 'cleared at the end');
  });
});
