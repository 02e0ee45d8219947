import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { laneOf, namesItsLane, runsTheSuite } from '../helpers/test-lanes.ts';

/** Built, not written out: this file must not name a lane of its own. */
const LANE = (name: string) => `test-lane: ${name}`;

test('the lane of a test file', () => {
  const table: Array<[string, 'exclusive' | 'shared']> = [
    [`/**\n * Healthy run against the shipped budgets. ${LANE('exclusive')}\n */`, 'exclusive'],
    [`/** Fault runs with loose timings. ${LANE('shared')} */`, 'shared'],
    ["import { runSuite } from '../helpers/suite-run.ts';", 'shared'],
    ["import { startReferenceApp } from '../helpers/reference-app.ts';", 'shared'],
  ];
  for (const [text, lane] of table) assert.equal(laneOf(text), lane, text);
});

test('which files run the suite, and which name their lane', () => {
  assert.equal(runsTheSuite("import { runSuite } from '../helpers/suite-run.ts';"), true);
  assert.equal(runsTheSuite('const env = hermeticEnv(targetEnv(app));'), true);
  assert.equal(runsTheSuite("import { startReferenceApp } from '../helpers/reference-app.ts';"), false);
  assert.equal(namesItsLane(` * ${LANE('shared')} (loose timings)`), true);
  assert.equal(namesItsLane(` * ${LANE('exclusive')}`), true);
  assert.equal(namesItsLane(` * ${LANE('serial')}`), false);
});

test('every test file that runs the suite names its lane (exclusive when it judges timings)', () => {
  const root = new URL('../', import.meta.url).pathname;
  const unnamed: string[] = [];
  for (const path of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!path.endsWith('.test.ts')) continue;
    const text = readFileSync(join(root, path), 'utf8');
    if (runsTheSuite(text) && !namesItsLane(text) && !path.endsWith('test-lanes.test.ts')) unnamed.push(path);
  }
  assert.deepEqual(unnamed, [], `say "${LANE('exclusive')}" or "${LANE('shared')}" in these files`);
});
