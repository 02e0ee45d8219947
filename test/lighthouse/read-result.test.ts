/** A Lighthouse result is only numbers when it measured the page asked for; otherwise a coded failure. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Result as LighthouseResult } from 'lighthouse';
import { describeRedirect, readLighthouseResult } from '../../synthetics/checks/lighthouse/read-result.ts';
import { collectRunSecrets, redactExtraHeaders } from '../../synthetics/checks/lighthouse/write-reports.ts';

const URL_ASKED = 'http://127.0.0.1:4310/dashboard';

function fakeLhr(
  overrides: { finalDisplayedUrl?: string; runtimeError?: { code: string; message: string }; drop?: string[] } = {},
): LighthouseResult {
  const numeric: Record<string, number> = {
    'largest-contentful-paint': 400,
    'cumulative-layout-shift': 0.02,
    'server-response-time': 12,
    'total-blocking-time': 30,
    'first-contentful-paint': 250,
  };
  const audits: Record<string, unknown> = Object.fromEntries(
    Object.entries(numeric).map(([id, value]) => [id, { id, numericValue: value }]),
  );
  audits['resource-summary'] = {
    id: 'resource-summary',
    details: {
      type: 'table',
      items: [
        { resourceType: 'total', transferSize: 41_000, requestCount: 9 },
        { resourceType: 'script', transferSize: 30_000, requestCount: 5 },
      ],
    },
  };
  for (const id of overrides.drop ?? [])
    audits[id] = { id, numericValue: undefined, errorMessage: `${id} not computed` };
  const lhr = {
    finalDisplayedUrl: overrides.finalDisplayedUrl ?? URL_ASKED,
    runtimeError: overrides.runtimeError,
    audits,
    runWarnings: [],
    configSettings: {},
  };
  return lhr as unknown as LighthouseResult;
}

describe('readLighthouseResult', () => {
  test('reads the seven lab metrics of a good run', () => {
    assert.deepEqual(readLighthouseResult(fakeLhr(), URL_ASKED), {
      status: 'measured',
      metrics: { lcp: 400, cls: 0.02, ttfb: 12, tbt: 30, fcp: 250, transferBytes: 41_000, requests: 9 },
      finalUrl: URL_ASKED,
      warnings: [],
    });
  });

  const failures: Array<[string, Parameters<typeof fakeLhr>[0], string, RegExp]> = [
    [
      'a redirect to the login page',
      { finalDisplayedUrl: 'http://127.0.0.1:4310/login' },
      'REDIRECTED',
      /^asked for \/dashboard, Lighthouse measured \/login \(the session was not accepted\)$/,
    ],
    [
      'another origin',
      { finalDisplayedUrl: 'https://sso.example.com/dashboard' },
      'REDIRECTED',
      /measured https:\/\/sso\.example\.com\/dashboard/,
    ],
    ['NO_LCP', { runtimeError: { code: 'NO_LCP', message: 'no LCP' } }, 'NO_LCP', /NO_LCP/],
    ['NO_FCP', { runtimeError: { code: 'NO_FCP', message: 'no paint' } }, 'NO_FCP', /NO_FCP: no paint/],
    [
      'another runtime error',
      { runtimeError: { code: 'ERRORED_DOCUMENT_REQUEST', message: 'status 500' } },
      'RUNTIME_ERROR',
      /ERRORED_DOCUMENT_REQUEST/,
    ],
    ['a missing LCP value', { drop: ['largest-contentful-paint'] }, 'NO_LCP', /largest-contentful-paint/],
    ['a missing TTFB value', { drop: ['server-response-time'] }, 'RUNTIME_ERROR', /server-response-time not computed/],
    ['no resource summary', { drop: ['resource-summary'] }, 'RUNTIME_ERROR', /resource-summary/],
  ];
  for (const [name, lhr, code, reason] of failures) {
    test(`fails with ${code} on ${name}`, () => {
      const verdict = readLighthouseResult(fakeLhr(lhr), URL_ASKED);
      assert.equal(verdict.status, 'failed');
      assert.ok(verdict.status === 'failed' && verdict.code === code, JSON.stringify(verdict));
      assert.match(verdict.reason, reason);
    });
  }
});

describe('describeRedirect', () => {
  const cases: Array<[string, string, boolean]> = [
    ['http://h/dashboard', 'http://h/dashboard', false],
    ['http://h/dashboard', 'http://h/dashboard?tab=1#x', false],
    ['http://h/', 'http://h/', false],
    ['http://h/dashboard', 'http://h/login', true],
    ['http://h/dashboard', 'https://h/dashboard', true],
    ['http://h/dashboard', 'chrome-error://chromewebdata/', true],
  ];
  for (const [asked, final, redirected] of cases) {
    test(`${asked} → ${final} is ${redirected ? '' : 'not '}a redirect`, () =>
      assert.equal(describeRedirect(asked, final) !== undefined, redirected));
  }
});

describe('report secrets', () => {
  test('collects header, cookie and localStorage values, and the tokens inside a JSON session', () => {
    const session = JSON.stringify({ access_token: 'jwt-abc', refresh_token: 'r-123', user: { email: 'a@b.ch' } });
    const secrets = collectRunSecrets(
      { 'x-vercel-protection-bypass': 'bypass-1' },
      {
        cookies: [
          {
            name: 'sid',
            value: 'cookie-1',
            domain: 'h',
            path: '/',
            expires: -1,
            httpOnly: true,
            secure: false,
            sameSite: 'Lax',
          },
        ],
        origins: [{ origin: 'http://h', localStorage: [{ name: 'sb-viamentor-auth-token', value: session }] }],
      },
    );
    assert.deepEqual(secrets.sort(), ['bypass-1', 'cookie-1', 'jwt-abc', 'r-123', session].sort());
  });

  test('replaces extraHeaders values in the result, keeping the names', () => {
    const lhr = fakeLhr();
    lhr.configSettings.extraHeaders = { 'x-vercel-protection-bypass': 'bypass-1', Cookie: 'a=b' };
    redactExtraHeaders(lhr);
    assert.deepEqual(lhr.configSettings.extraHeaders, {
      'x-vercel-protection-bypass': '[REDACTED]',
      Cookie: '[REDACTED]',
    });
  });
});

describe('the lab config', () => {
  test("holds the budgets' audits only, and resolves to what onlyAudits makes of Lighthouse's own config", async () => {
    const { desktopConfig } = await import('lighthouse');
    const { initializeConfig } = await import('lighthouse/core/config/config.js');
    const { labConfig, lighthouseFlags } = await import('../../synthetics/checks/lighthouse/lab-settings.ts');
    const { LAB_AUDITS } = await import('../../synthetics/checks/lighthouse/read-result.ts');
    const flags = lighthouseFlags({}, 9222);
    for (const [formFactor, own] of [
      ['desktop', desktopConfig],
      ['mobile', undefined],
    ] as const) {
      const slim = labConfig(formFactor);
      assert.equal(slim.audits?.length, LAB_AUDITS.length, `${formFactor}: one entry per audit the budgets read`);
      const resolve = async (config: typeof slim | undefined) =>
        (await initializeConfig('navigation', config, flags)).resolvedConfig;
      const [expected, actual] = [await resolve(own), await resolve(slim)];
      const shape = (resolved: typeof expected) => ({
        settings: resolved.settings,
        artifacts: resolved.artifacts?.map((artifact) => artifact.id),
        audits: resolved.audits?.map((audit) => [audit.path, audit.options]),
      });
      assert.deepEqual(shape(actual), shape(expected), formFactor);
      assert.equal(actual.settings.formFactor, formFactor);
    }
  });
});
