/**
 * Which lane of `npm test` (test/run-tests.ts) a test file runs in, from its text: `serial` for the
 * files that run the suite (they import test/helpers/suite-run.ts) or say `test-lane: serial` (they
 * assert browser timings), one at a time; `parallel` for every other file, beside them.
 */
export type Lane = 'serial' | 'parallel';

export function laneOf(text: string): Lane {
  return /helpers\/suite-run\.ts['"]/.test(text) || /test-lane: serial/.test(text) ? 'serial' : 'parallel';
}
