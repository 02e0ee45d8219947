/**
 * The telemetry check's pure parts: which URL is which beacon (production's vendor URLs and the
 * reference app's stand-ins alike), GA4's event names, and the verdict per beacon.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { beaconEvents, beaconFor } from '../../synthetics/checks/fixtures/telemetry.ts';
import { evaluateTelemetry, telemetryGap } from '../../synthetics/result/telemetry.ts';
import { ALERT_POLICY, ruleFor } from '../../synthetics/alerting/alert-policy.ts';
import { TELEMETRY } from '../../synthetics/target/viamentor.ts';
import { lighthouseFlags } from '../../synthetics/checks/lighthouse/lab-settings.ts';
import type { TelemetryObservation } from '../../synthetics/model/observations.ts';
import type { TelemetryProfile } from '../../synthetics/target/profile.ts';

describe('beaconFor: the target profile recognises each beacon by its URL shape', () => {
  const cases: Array<[string, string | undefined]> = [
    ['https://o4507.ingest.de.sentry.io/api/4508123/envelope/?sentry_key=abc&sentry_version=7', 'sentry'],
    ['https://o12.ingest.sentry.io/api/34/envelope/?sentry_key=abc', 'sentry'],
    ['http://127.0.0.1:4310/sentry/api/1/envelope/?sentry_key=viamentorlocal&sentry_version=7', 'sentry'],
    ['https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123&en=page_view', 'ga4'],
    ['https://www.google-analytics.com/g/collect?v=2&tid=G-ABC123', 'ga4'],
    ['http://127.0.0.1:4310/g/collect?v=2&tid=G-VIAMENTOR1&en=page_view', 'ga4'],
    ['https://viamentor.vercel.app/_vercel/insights/view', 'vercel-analytics'],
    ['https://viamentor.vercel.app/_vercel/insights/event', 'vercel-analytics'],
    ['https://viamentor.vercel.app/_vercel/speed-insights/vitals', 'speed-insights'],
    // Their scripts are not beacons: they load normally.
    ['https://viamentor.vercel.app/_vercel/insights/script.js', undefined],
    ['https://www.googletagmanager.com/gtag/js?id=G-ABC123', undefined],
    ['https://abcd.supabase.co/rest/v1/students?select=*', undefined],
    ['https://viamentor.vercel.app/api/health', undefined],
  ];
  for (const [url, expected] of cases)
    test(`${url} → ${expected ?? 'not a beacon'}`, () => {
      assert.equal(beaconFor(url, TELEMETRY.beacons)?.name, expected);
    });

  // Chrome's blocked-URL patterns: `*` is any run of characters, the pattern covers the whole URL.
  const blocks = (pattern: string, url: string) =>
    new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    ).test(url);
  for (const [url, expected] of cases)
    test(`the lab blocks ${url} ${expected ? `as ${expected}` : 'not at all'}`, () => {
      const blockedAs = TELEMETRY.beacons.filter((beacon) => beacon.labBlock.some((pattern) => blocks(pattern, url)));
      assert.deepEqual(
        blockedAs.map((beacon) => beacon.name),
        expected ? [expected] : [],
      );
    });
  test("Lighthouse's flags block every beacon of the profile by default, or what the caller says", () => {
    const patterns = TELEMETRY.beacons.flatMap((beacon) => beacon.labBlock);
    assert.deepEqual(lighthouseFlags({}, 9222).blockedUrlPatterns, patterns);
    assert.deepEqual(lighthouseFlags({ blockedUrlPatterns: ['*/x*'] }, 9222).blockedUrlPatterns, ['*/x*']);
  });
});

describe("beaconEvents: GA4's event names from the query and the batched body", () => {
  test('one hit in the query', () => {
    assert.deepEqual(beaconEvents('https://x.test/g/collect?v=2&en=page_view', null), ['page_view']);
  });
  test('a batch: one event per body line', () => {
    const body = 'en=scroll&_et=10\nen=user_engagement&_et=5';
    assert.deepEqual(beaconEvents('https://x.test/g/collect?v=2', body), ['scroll', 'user_engagement']);
  });
  test('none', () => assert.deepEqual(beaconEvents('https://x.test/g/collect?v=2', ''), []));
});

const PROFILE: TelemetryProfile = {
  severity: 'P1',
  beacons: [
    { name: 'sentry', title: 'Sentry envelope', url: '/envelope/', labBlock: ['*/envelope/*'] },
    {
      name: 'ga4',
      title: 'GA4 hit',
      url: '/g/collect',
      labBlock: ['*/g/collect*'],
      events: ['page_view'],
      pages: ['/dashboard', '/planning'],
    },
  ],
};
const seen = (beacon: string, page: string, events: string[] = []): TelemetryObservation => ({
  beacon,
  page,
  host: '127.0.0.1:4310',
  events,
});
const visits = [
  { path: '/dashboard', navigation: 'hard' as const },
  { path: '/students', navigation: 'soft' as const },
];

describe('evaluateTelemetry: one telemetry:<name> per beacon of the profile', () => {
  const cases: Array<{ name: string; observations: TelemetryObservation[]; failed: Record<string, RegExp> }> = [
    {
      name: 'every beacon seen, page_view from every visited required page: green',
      observations: [seen('sentry', '/dashboard'), seen('ga4', '/dashboard', ['page_view'])],
      failed: {},
    },
    {
      name: 'no Sentry envelope at all: red, naming the pattern it looked for',
      observations: [seen('ga4', '/dashboard', ['page_view'])],
      failed: {
        'telemetry:sentry': /^no Sentry envelope seen in 3 passing journey\(s\): no request matched \/envelope\//,
      },
    },
    {
      name: 'GA4 hits without a page_view: red',
      observations: [seen('sentry', '/dashboard'), seen('ga4', '/dashboard', ['scroll'])],
      failed: { 'telemetry:ga4': /no event page_view in 1 beacon\(s\); not sent from \/dashboard/ },
    },
    {
      name: 'a required page visited without its page_view: red; one never visited is not required',
      observations: [seen('sentry', '/students'), seen('ga4', '/students', ['page_view'])],
      failed: { 'telemetry:ga4': /^GA4 hit: not sent from \/dashboard \(visited by the journeys\)$/ },
    },
  ];
  for (const { name, observations, failed } of cases)
    test(name, () => {
      const checks = evaluateTelemetry(PROFILE, observations, visits, 3);
      assert.deepEqual(
        checks.map((check) => check.id),
        ['telemetry:sentry', 'telemetry:ga4'],
      );
      for (const check of checks) {
        assert.equal(check.kind, 'telemetry');
        const pattern = failed[check.id];
        assert.equal(check.status, pattern ? 'failed' : 'passed', `${check.id}: ${check.error ?? ''}`);
        if (pattern) assert.match(check.error ?? '', pattern);
      }
    });

  test('not judged when no watched journey passed (the run has other red checks)', () => {
    assert.deepEqual(evaluateTelemetry(PROFILE, [], visits, 0), []);
  });

  test('the gap counts what was seen', () => {
    const gap = telemetryGap(PROFILE.beacons[1]!, [seen('ga4', '/planning', ['page_view'])], new Set(['/planning']));
    assert.deepEqual(gap, { seen: 1, missingEvents: [], missingPages: [] });
  });
});

describe('the alert policy routes a missing beacon at the severity of the target profile', () => {
  test(`telemetry:<name> is ${TELEMETRY.severity}, kind telemetry, to #viamentor-alerts`, () => {
    const rule = ruleFor('telemetry:sentry');
    assert.equal(rule.severity, TELEMETRY.severity);
    assert.equal(rule.severity, 'P1');
    assert.equal(rule.kind, 'telemetry');
    assert.equal(ALERT_POLICY.route[rule.severity], 'alerts');
  });
});
