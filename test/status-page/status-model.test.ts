/**
 * The status page's pure parts, table by table: hourly trends (percentiles, gaps, the p95's fallback
 * to uptime response times), the overall state, the formats, and an HTML that cannot be broken
 * out of by what it displays.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyState, type AlertState } from '../../synthetics/alerting/alert-state.ts';
import type { Incident } from '../../synthetics/alerting/incidents.ts';
import type { RecordedCheck, RunRecord } from '../../synthetics/alerting/run-record.ts';
import { escapeHtml, formatDuration, formatHour, formatPercent } from '../../synthetics/outputs/status-page/format.ts';
import { renderStatusPage } from '../../synthetics/outputs/status-page/render-html.ts';
import { buildStatusModel } from '../../synthetics/outputs/status-page/status-model.ts';
import { TREND_METRICS, trendSeries } from '../../synthetics/outputs/status-page/trends.ts';

const TARGET = 'https://viamentor.vercel.app';
const T0 = Date.parse('2026-11-25T00:00:00Z');
const HOUR = 3_600_000;

function record(minutes: number, checks: RecordedCheck[], extra: Partial<RunRecord> = {}): RunRecord {
  return {
    v: 1,
    runId: `r${minutes}`,
    target: TARGET,
    mode: 'monitor',
    recordedAt: new Date(T0 + minutes * 60_000).toISOString(),
    startedAt: '',
    durationMs: 1,
    verdict: 'pass',
    checks,
    ...extra,
  };
}

const metric = (key: string) => TREND_METRICS.find((candidate) => candidate.key === key)!;

function incident(key: string, severity: Incident['severity'], status: Incident['status']): Incident {
  return {
    key,
    target: TARGET,
    severity,
    kind: 'journey',
    subject: key,
    status,
    firstFailedAt: new Date(T0).toISOString(),
    lastRedAt: new Date(T0).toISOString(),
    redStreak: 2,
    greenStreak: 0,
    reminders: 0,
    flaps: 0,
    checkIds: [key],
    firstRunId: 'a',
    lastRunId: 'b',
  };
}

describe('hourly trends', () => {
  const cases: Array<{ name: string; runs: RunRecord[]; key: string; expect: Array<number | null> }> = [
    {
      name: 'p75 of every LCP value of the hour, from journeys and the lab alike',
      runs: [
        record(0, [{ id: 'budget:home:journey-lcp', status: 'passed', actual: 400, values: [100, 200, 300, 400] }]),
        record(30, [{ id: 'budget:home:lcp', status: 'passed', actual: 900 }]),
      ],
      key: 'lcp',
      expect: [400, null, null],
    },
    {
      name: 'an hour without a run is a gap (null), not a zero',
      runs: [
        record(0, [{ id: 'budget:home:journey-ttfb', status: 'passed', actual: 20 }]),
        record(150, [{ id: 'budget:home:journey-ttfb', status: 'passed', actual: 40 }]),
      ],
      key: 'ttfb',
      expect: [20, null, 40],
    },
    {
      name: 'the p95 falls back to the uptime response times when no journey measured the API',
      runs: [
        record(0, [
          { id: 'uptime:home', status: 'passed', responseMs: 30 },
          { id: 'uptime:health', status: 'passed', responseMs: 10 },
        ]),
      ],
      key: 'p95',
      expect: [30, null, null],
    },
    {
      name: 'CLS keeps three decimals',
      runs: [record(60, [{ id: 'budget:home:journey-cls', status: 'passed', actual: 0.01234 }])],
      key: 'cls',
      expect: [null, 0.012, null],
    },
  ];
  for (const { name, runs, key, expect } of cases) {
    test(name, () => {
      const series = trendSeries(runs, metric(key), new Date(T0 + 2 * HOUR + 60_000), 1);
      assert.equal(series.buckets.length, 24);
      assert.deepEqual(series.values.slice(-3), expect);
    });
  }
});

describe('overall state', () => {
  const green = record(0, [{ id: 'uptime:home', status: 'passed' }]);
  const cases: Array<{
    name: string;
    runs: RunRecord[];
    state: AlertState;
    now: number;
    overall: string;
    stale: boolean;
  }> = [
    { name: 'no run yet: no data', runs: [], state: emptyState(), now: 10, overall: 'no-data', stale: true },
    {
      name: 'a recent green run: operational',
      runs: [green],
      state: emptyState(),
      now: 10,
      overall: 'operational',
      stale: false,
    },
    {
      name: 'an open P1: degraded',
      runs: [green],
      state: { ...emptyState(), incidents: [incident('journey:booking', 'P1', 'open')] },
      now: 10,
      overall: 'degraded',
      stale: false,
    },
    {
      name: 'an open P0: major outage',
      runs: [green],
      state: {
        ...emptyState(),
        incidents: [incident('app-down', 'P0', 'open'), incident('journey:booking', 'P1', 'open')],
      },
      now: 10,
      overall: 'outage',
      stale: false,
    },
    {
      name: 'a pending incident tells nobody, the page neither',
      runs: [green],
      state: { ...emptyState(), incidents: [incident('journey:booking', 'P1', 'pending')] },
      now: 10,
      overall: 'operational',
      stale: false,
    },
    {
      name: 'no run for over twice the schedule: stale',
      runs: [green],
      state: emptyState(),
      now: 31,
      overall: 'operational',
      stale: true,
    },
  ];
  for (const { name, runs, state, now, overall, stale } of cases) {
    test(name, () => {
      const model = buildStatusModel(runs, state, TARGET, new Date(T0 + now * 60_000), 15);
      assert.equal(model.overall, overall);
      assert.equal(model.stale, stale);
    });
  }

  test('gate runs and other targets do not count', () => {
    const model = buildStatusModel(
      [
        record(0, [{ id: 'uptime:home', status: 'failed' }], { mode: 'gate' }),
        record(1, [{ id: 'uptime:home', status: 'failed' }], { target: 'https://preview.vercel.app' }),
      ],
      emptyState(),
      TARGET,
      new Date(T0 + 5 * 60_000),
      15,
    );
    assert.equal(model.overall, 'no-data');
    assert.deepEqual(model.checks, []);
  });
});

describe('formats', () => {
  const durations: Array<[number, string]> = [
    [0, '0 min'],
    [45 * 60_000, '45 min'],
    [65 * 60_000, '1 h 05 min'],
    [47 * HOUR, '47 h 00 min'],
    [75 * HOUR, '3 d 3 h'],
  ];
  for (const [ms, text] of durations) test(`${ms} ms reads "${text}"`, () => assert.equal(formatDuration(ms), text));
  test('availability keeps the three decimals a 99.9 % objective needs', () => {
    assert.equal(formatPercent(1 - 1 / 168), '99.405 %');
    assert.equal(formatPercent(undefined), '—');
  });
  test('hours are Zurich time', () => assert.equal(formatHour('2026-11-25T23:00:00Z'), '26.11. 00h'));
  test('HTML text is escaped', () =>
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'));
});

describe('the rendered page', () => {
  const hostile = '</script><script>alert(1)</script>';
  const runs = [
    record(0, [
      { id: 'journey:login', status: 'failed', error: hostile },
      { id: 'budget:home:journey-lcp', status: 'passed', actual: 400 },
    ]),
  ];
  const html = renderStatusPage(
    buildStatusModel(runs, emptyState(), TARGET, new Date(T0 + 5 * 60_000), 15),
    'window.Chart = function () {}; "</script>";',
  );

  test('a failure reason cannot inject markup', () => {
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;alert(1)'));
  });
  test('inlined code and data cannot close their script element', () => {
    assert.equal((html.match(/<\/script>/g) ?? []).length, 3, 'one closing tag per script block');
    assert.ok(html.includes('"<\\/script>"'));
  });
  test('no resource is fetched from the network', () => {
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=["']?https?:/);
  });
});
