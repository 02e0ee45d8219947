/** What the watchers count as the app's API, and `budget:api:p95` when they saw none of it. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { apiCallName, isApiCall, isWatchedUrl } from '../../synthetics/checks/fixtures/api-scope.ts';
import { loadBudgetsSync } from '../../synthetics/config/budgets.ts';
import { evaluateObservations } from '../../synthetics/result/evaluate-observations.ts';

const SCOPE = {
  appOrigin: 'https://viamentor.vercel.app',
  apiOrigins: ['https://viamentor.vercel.app', 'https://abcd.supabase.co', 'https://api.viamentor.ch'],
};

describe('the API scope', () => {
  const cases: Array<[string, boolean, boolean]> = [
    // url, an API call, a watched request
    ['https://viamentor.vercel.app/api/health', true, true],
    ['https://viamentor.vercel.app/students', false, true],
    ['https://viamentor.vercel.app/assets/app.js', false, true],
    ['https://abcd.supabase.co/auth/v1/token?grant_type=password', true, true],
    ['https://abcd.supabase.co/rest/v1/students?select=*', true, true],
    ['https://abcd.supabase.co/rest/v1/rpc/book_lesson', true, true],
    ['https://api.viamentor.ch/v1/export', true, true],
    ['https://www.google-analytics.com/g/collect', false, false],
    ['https://abcd.supabase.co.evil.example/rest/v1/students', false, false],
    ['not a url', false, false],
  ];
  for (const [url, api, watched] of cases) {
    test(`${url}: ${api ? 'an API call' : 'not an API call'}, ${watched ? 'watched' : 'not watched'}`, () => {
      assert.equal(isApiCall(url, SCOPE), api);
      assert.equal(isWatchedUrl(url, SCOPE), watched);
    });
  }
  test('calls to another origin are named with their host', () => {
    assert.equal(
      apiCallName('https://abcd.supabase.co/rest/v1/students?x=1', SCOPE),
      'abcd.supabase.co/rest/v1/students',
    );
    assert.equal(apiCallName('https://viamentor.vercel.app/api/health', SCOPE), '/api/health');
  });
});

describe('budget:api:p95', () => {
  const budgets = loadBudgetsSync('budgets.json');
  const observations = (ms: number[]) => ({
    vitals: [],
    axe: [],
    lighthouse: [],
    telemetry: [],
    visits: [],
    api: ms.map((value) => ({ method: 'GET', path: 'abcd.supabase.co/rest/v1/students', status: 200, ms: value })),
  });
  const apiCheck = (ms: number[], watchedJourneysPassed: number) =>
    evaluateObservations(budgets, observations(ms), '2026-11-30', { watchedJourneysPassed }).find(
      (c) => c.id === 'budget:api:p95',
    );

  test('Supabase calls are judged against the budget', () => {
    assert.equal(apiCheck([120, 140, 180], 3)?.status, 'passed');
    assert.equal(apiCheck([2500, 2600, 2700], 3)?.status, 'failed');
  });
  test('no API call seen although journeys passed: an error that names what to check', () => {
    const check = apiCheck([], 2);
    assert.equal(check?.status, 'error');
    assert.match(
      check?.error ?? '',
      /no API call seen in 2 passing journey\(s\): check SUPABASE_URL and SYNTHETICS_API_ORIGINS/,
    );
  });
  test('no journey passed (an uptime-only run, login down): no API check at all', () => {
    assert.equal(apiCheck([], 0), undefined);
  });
});

describe('the synthetic user agent', () => {
  test('ends with ViamentorSynthetics/<the suite version>, once', async () => {
    const { markedUserAgent, userAgentToken } = await import('../../synthetics/checks/fixtures/user-agent.ts');
    const { version } = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8'))) as {
      version: string;
    };
    assert.equal(userAgentToken(), `ViamentorSynthetics/${version}`);
    const chrome =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
    assert.equal(markedUserAgent(chrome), `${chrome} ViamentorSynthetics/${version}`);
    assert.equal(markedUserAgent(markedUserAgent(chrome)), markedUserAgent(chrome), 'never appended twice');
  });

  test("the browser's own user agent is what its pages send; marked, it reaches the server", async () => {
    const { browserUserAgent, markedUserAgent } = await import('../../synthetics/checks/fixtures/user-agent.ts');
    const { launchChromium } = await import('../reference-app/browser.ts');
    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers['user-agent'] ?? '');
      response.setHeader('content-type', 'text/html');
      response.end('<!doctype html><title>ua</title>');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const browser = await launchChromium();
    try {
      const own = await browserUserAgent(browser);
      const plain = await browser.newContext();
      const page = await plain.newPage();
      await page.goto(url);
      assert.equal(await page.evaluate(() => navigator.userAgent), own);
      assert.deepEqual(seen, [own]);
      const marked = await browser.newContext({ userAgent: markedUserAgent(own) });
      await (await marked.newPage()).goto(url);
      assert.match(seen[1] ?? '', /Chrome\/[\d.]+ Safari\/[\d.]+ ViamentorSynthetics\/\d+\.\d+\.\d+$/);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
