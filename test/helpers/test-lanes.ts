/**
 * Which lane of `npm test` (test/run-tests.ts) a test file runs in, from its text: `serial` for the
 * files that run the suite (they import test/helpers/suite-run.ts), launch a browser of their own
 * (Chromium or a Lighthouse run: on 2 cores it slowed the suite runs beside it past their timing
 * budgets) or say `test-lane: serial`, one at a time; `parallel` for every other file, beside them.
 */
export type Lane = 'serial' | 'parallel';

const RUNS_THE_SUITE = /helpers\/suite-run\.ts['"]/;
const LAUNCHES_A_BROWSER = /\blaunchChromium\(|\bchromium\.launch\(|\bmeasurePage\(|\blaunchFreshChrome\(/;

export function laneOf(text: string): Lane {
  return RUNS_THE_SUITE.test(text) || LAUNCHES_A_BROWSER.test(text) || /test-lane: serial/.test(text)
    ? 'serial'
    : 'parallel';
}
