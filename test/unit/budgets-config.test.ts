/** budgets.json is validated strictly: every problem listed at once, with its JSON path. */
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError } from '../../synthetics/config/env.ts';
import { loadBudgetsSync, pageForPath, pageName, parseBudgets, budgetFor } from '../../synthetics/config/budgets.ts';
import { hermeticEnv, runCli } from '../helpers/run-cli.ts';

const PAGES = [{ name: 'home', path: '/' }];

function problems(raw: unknown): string[] {
  try {
    parseBudgets(raw);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return [...error.problems];
  }
  return [];
}

describe('malformed budgets.json', () => {
  const cases: Array<[string, unknown, RegExp[]]> = [
    ['no pages', {}, [/^budgets\.json: pages: /]],
    ['an empty page list', { pages: [] }, [/pages: must list at least one page/]],
    ['an unknown top-level key', { pages: PAGES, budget: {} }, [/\(root\): Unrecognized key: "budget"/]],
    [
      'a misspelt metric',
      { pages: [{ name: 'home', path: '/', lab: { lpc: 2000 } }] },
      [/pages\[0\]\.lab: Unrecognized key: "lpc"/],
    ],
    [
      'a metric of the wrong type',
      { pages: [{ name: 'home', path: '/', lab: { lcp: '2.5s' } }] },
      [/pages\[0\]\.lab\.lcp: Invalid input: expected number, received string/],
    ],
    [
      'a negative budget',
      { pages: [{ name: 'home', path: '/', journey: { cls: -1 } }] },
      [/pages\[0\]\.journey\.cls: Too small/],
    ],
    [
      'an unknown form factor',
      { pages: PAGES, lighthouse: { formFactors: ['tablet'] } },
      [/lighthouse\.formFactors\[0\]: Invalid option: expected one of "desktop"\|"mobile"/],
    ],
    ['zero Lighthouse runs', { pages: PAGES, lighthouse: { runs: 0 } }, [/lighthouse\.runs: Too small/]],
    [
      'an unknown aggregation',
      { pages: PAGES, lighthouse: { aggregation: 'mean' } },
      [/lighthouse\.aggregation: Invalid option: expected one of "median"\|"optimistic"\|"pessimistic"/],
    ],
    [
      'a page name unfit for a check id',
      { pages: [{ name: 'Home Page', path: '/' }] },
      [/pages\[0\]\.name: must be lower-case letters, digits and dashes/],
    ],
    [
      'a path without a leading slash',
      { pages: [{ name: 'home', path: 'home' }] },
      [/pages\[0\]\.path: must be a path starting with "\/"/],
    ],
    [
      'duplicate page names',
      {
        pages: [
          { name: 'home', path: '/' },
          { name: 'home', path: '/login' },
        ],
      },
      [/pages\[1\]\.name: "home" is used twice/],
    ],
    [
      'a parametrised path sent to Lighthouse',
      { pages: [{ name: 'student', path: '/students/:id' }] },
      [/pages\[0\]\.lighthouse: a path with ":params" cannot be measured by Lighthouse/],
    ],
    [
      'an unknown impact',
      { pages: PAGES, accessibility: { failOn: ['severe'] } },
      [/accessibility\.failOn\[0\]: Invalid option: expected one of "minor"\|"moderate"\|"serious"\|"critical"/],
    ],
    [
      'an allow-list entry without reason or valid expiry',
      { pages: PAGES, accessibility: { allow: [{ rule: 'label', reason: '', expires: 'soon' }] } },
      [
        /accessibility\.allow\[0\]\.reason: say why the rule is allowed/,
        /accessibility\.allow\[0\]\.expires: must be a date YYYY-MM-DD/,
      ],
    ],
    [
      'a regression tolerance for an unknown metric',
      { pages: PAGES, regression: { metrics: { speed: { relative: 0.1, absolute: 1 } } } },
      [/regression\.metrics: Unrecognized key: "speed"/],
    ],
    [
      'journey durations without a default',
      { pages: PAGES, journeys: { durationMs: { invoice: 1000 } } },
      [/journeys\.durationMs\.default: /],
    ],
  ];
  for (const [name, raw, expected] of cases) {
    test(`${name} is reported with its path`, () => {
      const found = problems(raw);
      for (const pattern of expected)
        assert.ok(
          found.some((line) => pattern.test(line)),
          `${pattern} in:\n${found.join('\n')}`,
        );
    });
  }

  test('every problem of a file is listed at once', () => {
    const found = problems({
      pages: [{ name: 'X', path: 'x', lab: { lpc: 1 } }],
      lighthouse: { runs: 0, formFactors: ['tv'] },
      extra: true,
    });
    assert.equal(found.length, 6, found.join('\n'));
  });

  test('npm start with a broken budgets.json exits 2, one line per problem, no stack', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'budgets-'));
    const file = join(dir, 'budgets.json');
    await writeFile(
      file,
      JSON.stringify({ pages: [{ name: 'home', path: '/', lab: { lcp: 'fast' } }], lighthouse: { runs: -1 } }),
    );
    const result = await runCli('synthetics/cli/run.ts', [], hermeticEnv({ SYNTHETICS_BUDGETS: file }), 30_000);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Configuration error: .*budgets\.json: lighthouse\.runs: Too small/);
    assert.match(
      result.stderr,
      /Configuration error: .*budgets\.json: pages\[0\]\.lab\.lcp: Invalid input: expected number/,
    );
    assert.doesNotMatch(result.stderr, /^\s+at /m);
  });

  test('a file that is not JSON is a configuration error too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'budgets-'));
    const file = join(dir, 'budgets.json');
    await writeFile(file, '{ "pages": [ }');
    assert.throws(() => loadBudgetsSync(file), /not valid JSON/);
    assert.throws(() => loadBudgetsSync(join(dir, 'missing.json')), /not found/);
  });
});

describe('the shipped budgets.json', () => {
  const budgets = loadBudgetsSync('budgets.json');
  test('covers the landing and login pages and the logged-in dashboard, students and planning', () => {
    for (const name of ['home', 'login', 'dashboard', 'students', 'planning']) {
      const entry = budgets.pages.find((candidate) => candidate.name === name);
      assert.ok(entry?.lighthouse, `${name} is measured by Lighthouse`);
    }
    assert.equal(budgets.pages.find((entry) => entry.name === 'dashboard')?.auth, true);
  });
  test('defaults follow the policy SLOs', () => {
    const home = budgets.pages.find((entry) => entry.name === 'home')!;
    assert.equal(budgetFor(budgets, home, 'lab', 'lcp'), 2500);
    assert.equal(budgetFor(budgets, home, 'lab', 'cls'), 0.1);
    assert.equal(budgetFor(budgets, home, 'lab', 'ttfb'), 600);
    assert.equal(budgetFor(budgets, home, 'journey', 'inp'), 200);
    assert.equal(budgets.api.p95Ms, 500);
    assert.deepEqual(budgets.accessibility.failOn, ['serious', 'critical']);
    assert.equal(budgets.lighthouse.runs, 3);
  });
  test('visited paths map to page names', () => {
    assert.equal(pageForPath(budgets, '/students/42/edit')?.name, 'student-edit');
    assert.equal(pageForPath(budgets, '/planning')?.name, 'planning');
    assert.equal(pageName(budgets, '/'), 'home');
    assert.equal(pageName(budgets, '/settings/42/profile'), 'settings-id-profile');
  });
});
