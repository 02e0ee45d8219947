/** Playwright's error text becomes one readable line. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { condenseError } from '../../synthetics/result/describe-error.ts';

const cases: Array<[string, string, string | undefined, string]> = [
  [
    'a custom-message equality failure',
    '\u001b[31mError: the VAT is 8.1 % of the subtotal, to the ' +
      'centime\u001b[39m\n\nexpect(received).toBe(expected) // Object.is equality\n\nExpected: "CHF ' +
      '20.25"\nReceived: "CHF 19.25"',
    'check the totals',
    'step "check the totals": the VAT is 8.1 % of the subtotal, to the centime — Expected: "CHF 20.25"; ' +
      'Received: "CHF 19.25"',
  ],
  [
    'a locator timeout with a call log',
    'Error: the home page shows its main heading\n\nexpect(locator).toBeVisible() failed\n\nLocator: ' +
      "getByRole('heading', { level: 1 })\nExpected: visible\nTimeout: 10000ms\nError: element(s) not " +
      "found\n\nCall log:\n  - waiting for getByRole('heading')",
    undefined,
    "the home page shows its main heading — Locator: getByRole('heading', { level: 1 }); Expected: visible; " +
      'Error: element(s) not found',
  ],
  [
    'a plain thrown error',
    'Error: client error on /students: TypeError: x is undefined',
    undefined,
    'client error on /students: TypeError: x is undefined',
  ],
  ['an empty message', '', undefined, 'unknown error'],
];

for (const [name, input, step, expected] of cases) {
  test(`condenses ${name}`, () => assert.equal(condenseError(input, step), expected));
}

test('very long errors are cut to a readable length', () => {
  assert.ok(condenseError(`Error: ${'x'.repeat(5000)}`).length <= 600);
});
