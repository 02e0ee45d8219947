/**
 * Which lane of `npm test` (test/run-tests.ts) a test file runs in, from its text:
 *
 * - `exclusive`: the file says `test-lane: exclusive`. It judges timings against the shipped budgets (a
 *   healthy suite run, Lighthouse medians): it runs after the shared lane, one file at a time, with
 *   nothing beside it — on 2 cores, a second suite run or browser beside a healthy run pushed its page
 *   loads past their budgets (home LCP 2.6–3.0 s, API p95 1.5 s).
 * - `shared`: every other file, two at a time. A file that runs the suite must say `test-lane: shared`
 *   too, having made its runs indifferent to a loaded machine (LOOSE_TIMINGS in
 *   test/helpers/budgets-file.ts, or a fault far beyond any budget it asserts).
 */
export type Lane = 'exclusive' | 'shared';

const RUNS_THE_SUITE = /helpers\/suite-run\.ts['"]/;

export function laneOf(text: string): Lane {
  return /test-lane: exclusive/.test(text) ? 'exclusive' : 'shared';
}

/** Whether a file runs the suite (or `npm start` with a target): it must name its lane. */
export function runsTheSuite(text: string): boolean {
  return RUNS_THE_SUITE.test(text) || /\brunSuite\(|targetEnv\(/.test(text);
}

/** Whether a file names its lane explicitly. */
export function namesItsLane(text: string): boolean {
  return /test-lane: (exclusive|shared)\b/.test(text);
}
