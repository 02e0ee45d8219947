import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { laneOf } from '../helpers/test-lanes.ts';

test('the lane of a test file', () => {
  const table: Array<[string, 'serial' | 'parallel']> = [
    ["import { runSuite } from '../helpers/suite-run.ts';", 'serial'],
    ['import { targetEnv } from "../helpers/suite-run.ts";', 'serial'],
    ['/**\n * Lighthouse timings. test-lane: serial\n */', 'serial'],
    ['[app, browser] = await Promise.all([startReferenceApp(), launchChromium()]);', 'serial'],
    ['browser = await chromium.launch({ executablePath });', 'serial'],
    ["const result = await measurePage(options('/login', 'login'));", 'serial'],
    ["import { startReferenceApp } from '../helpers/reference-app.ts';", 'parallel'],
    ["import { findChromium } from '../../synthetics/config/browser.ts';", 'parallel'],
    ["import { verdict } from '../../synthetics/result/verdict.ts';", 'parallel'],
  ];
  for (const [text, lane] of table) assert.equal(laneOf(text), lane, text);
});

test('every test file that runs the suite or starts `npm start` with a target is in the serial lane', () => {
  const root = new URL('../', import.meta.url).pathname;
  for (const path of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!path.endsWith('.test.ts')) continue;
    const text = readFileSync(join(root, path), 'utf8');
    if (/\brunSuite\(|targetEnv\(/.test(text)) assert.equal(laneOf(text), 'serial', path);
  }
});
