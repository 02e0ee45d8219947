/**
 * The reference app's telemetry: the SPA sends the beacons production sends (Sentry envelope, GA4
 * collect, Vercel Web Analytics and Speed Insights), in the URL shapes the target profile expects,
 * to its own origin's stand-ins — every request of a browsing session stays on the loopback origins.
 * `telemetry-missing` stops the Sentry envelope and nothing else.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Request } from '@playwright/test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { launchChromium, newPage, signInThroughUi } from './browser.ts';
import { TELEMETRY } from '../../synthetics/target/viamentor.ts';
import { beaconEvents, beaconFor } from '../../synthetics/checks/fixtures/telemetry.ts';

let app: ReferenceApp;
let browser: Browser;

before(async () => {
  [app, browser] = await Promise.all([startReferenceApp(), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

type Received = Record<string, number>;

async function received(): Promise<Received> {
  return (await app.api<{ received: Received }>('GET', '/__beacons')).body.received;
}

/** Browses as a user does (sign in, students, planning), recording every request the page makes. */
async function browse(): Promise<{ page: Page; requests: Request[] }> {
  const { page } = await newPage(browser, app.url);
  const requests: Request[] = [];
  page.context().on('request', (request) => requests.push(request));
  await signInThroughUi(page, app);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Élèves' }).click();
  await page.getByRole('heading', { level: 1, name: 'Élèves' }).waitFor();
  await page.goto('/planning');
  await page.getByRole('heading', { level: 1, name: 'Planning' }).waitFor();
  await page.waitForLoadState('load');
  return { page, requests };
}

/** The beacons (by profile name) among `requests`, once the expected ones have arrived. */
async function beaconsOf(requests: readonly Request[], expected: readonly string[]): Promise<Map<string, Request[]>> {
  const byName = () => {
    const found = new Map<string, Request[]>();
    for (const request of requests) {
      const beacon = beaconFor(request.url(), TELEMETRY.beacons);
      if (beacon) found.set(beacon.name, [...(found.get(beacon.name) ?? []), request]);
    }
    return found;
  };
  for (let tries = 0; tries < 50 && expected.some((name) => !byName().has(name)); tries += 1)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return byName();
}

describe('telemetry beacons of the reference app', () => {
  test('the SPA sends every beacon of the target profile, in its URL shape, to local stand-ins only', async () => {
    const before = await received();
    const { page, requests } = await browse();
    const names = TELEMETRY.beacons.map((beacon) => beacon.name);
    const beacons = await beaconsOf(requests, names);
    assert.deepEqual([...beacons.keys()].sort(), [...names].sort(), 'every profile beacon was sent');

    const [envelope] = beacons.get('sentry')!;
    const lines = (envelope!.postData() ?? '').split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines[1]?.type, 'session', 'a Sentry session envelope: header, item header, payload');
    assert.match(envelope!.url(), /\/sentry\/api\/1\/envelope\/\?sentry_key=\w+&sentry_version=7/);

    const hits = beacons.get('ga4')!;
    const pages = hits.map((hit) => new URL(new URL(hit.url()).searchParams.get('dl')!).pathname);
    for (const path of ['/dashboard', '/students', '/planning']) assert.ok(pages.includes(path), `page_view ${path}`);
    assert.ok(hits.every((hit) => beaconEvents(hit.url(), hit.postData()).includes('page_view')));
    assert.match(hits[0]!.url(), /\/g\/collect\?v=2&tid=G-[A-Z0-9]+&cid=/);

    const loopback = new Set([new URL(app.url).origin, new URL(app.supabaseUrl).origin]);
    const elsewhere = requests.map((request) => new URL(request.url()).origin).filter((o) => !loopback.has(o));
    assert.deepEqual([...new Set(elsewhere)], [], 'no request leaves the two loopback origins');
    for (const [name, sent] of beacons)
      assert.ok(
        sent.every((request) => new URL(request.url()).origin === new URL(app.url).origin),
        `${name}: to the app's origin`,
      );

    await page.context().close();
    const after = await received();
    for (const name of names) assert.ok(after[name]! > before[name]!, `the ${name} stand-in answered it`);
  });

  test('telemetry-missing stops the Sentry envelope; GA4 and Vercel beacons still go', async () => {
    await app.withFault('telemetry-missing', async () => {
      const { page, requests } = await browse();
      const beacons = await beaconsOf(requests, ['ga4', 'vercel-analytics', 'speed-insights']);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(beacons.has('sentry'), false, 'no Sentry envelope');
      for (const name of ['ga4', 'vercel-analytics', 'speed-insights']) assert.ok(beacons.has(name), name);
      await page.context().close();
    });
  });

  test('the stand-ins answer like the vendors and refuse other methods', async () => {
    const envelope = await fetch(`${app.url}/sentry/api/1/envelope/`, { method: 'POST', body: '{}\n{}\n{}' });
    assert.equal(envelope.status, 200);
    assert.equal((await fetch(`${app.url}/g/collect?v=2&en=page_view`, { method: 'POST' })).status, 204);
    const wrong = await fetch(`${app.url}/_vercel/insights/view`);
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
  });
});
