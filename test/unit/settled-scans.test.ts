/**
 * The accessibility watcher's scans (synthetics/checks/fixtures/settled-scans.ts) against a tiny
 * single-page app on loopback: a page is judged by its own DOM, never by the one before it. The
 * app's route change happens the way a single-page app does it — the URL first (History API), the
 * new page's DOM later, with no request in between — which a scan that fires on the URL alone
 * judged under the wrong name (the `a11y-regression` fault went unseen in CI that way).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../reference-app/browser.ts';
import { recordAxeScans } from '../../synthetics/checks/fixtures/settled-scans.ts';

/** `/form`: a labelled input; its button routes to `/broken`, whose unlabelled input renders `delay` ms later. */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scans</title></head><body>
<main id="main"><h1>Form</h1><label for="a">Name</label><input id="a">
<button id="go" type="button">Next</button></main>
<script>
  const delay = Number(new URLSearchParams(location.search).get('delay') ?? '0');
  document.getElementById('go').addEventListener('click', () => {
    history.pushState({}, '', '/broken');
    setTimeout(() => {
      document.getElementById('main').innerHTML = '<h1>Broken</h1><input id="b" type="date">';
    }, delay);
  });
</script></body></html>`;

describe('accessibility scans of a single-page app', () => {
  let server: Server;
  let origin: string;
  let browser: Browser;

  before(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(req.url === '/favicon.ico' ? '' : PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A page of a context of its own (axe's Playwright binding needs one). */
  async function newPage(): Promise<Page> {
    return (await browser.newContext()).newPage();
  }

  /** Opens /form, routes to /broken, waits, and returns each scanned page with its rules broken. */
  async function scansAfterRouting(renderDelayMs: number): Promise<Record<string, string[]>> {
    const page = await newPage();
    try {
      const scope = { appOrigin: origin, apiOrigins: [origin] };
      const recorder = recordAxeScans(page, scope, (path) => path.replace(/^\//, '') || 'home');
      await page.goto(`${origin}/form?delay=${renderDelayMs}`);
      // The first page is scanned before the route change (axe is loaded and warm, as mid-journey).
      await page.waitForFunction(() => {
        const scans = (window as unknown as { __syntheticsScans?: number[][] }).__syntheticsScans;
        return scans?.some(([, end]) => end !== Number.POSITIVE_INFINITY);
      });
      await page.click('#go');
      await page.locator('#b').waitFor();
      const scans = await recorder.finish();
      return Object.fromEntries(
        scans.map((scan) => [scan.path, scan.violations.map((violation) => violation.rule).sort()]),
      );
    } finally {
      await page.context().close();
    }
  }

  test('a page that renders after its URL changed is judged by its own DOM: the missing label is found', async () => {
    const scans = await scansAfterRouting(1500);
    assert.deepEqual(scans['/broken'], ['label'], JSON.stringify(scans));
  });

  test('a page that renders at once is judged by its DOM too', async () => {
    const scans = await scansAfterRouting(0);
    assert.deepEqual(scans['/broken'], ['label'], JSON.stringify(scans));
  });

  test('a healthy page has no violation', async () => {
    const page = await newPage();
    try {
      const recorder = recordAxeScans(page, { appOrigin: origin, apiOrigins: [origin] }, () => 'form');
      await page.goto(`${origin}/form`);
      await page.locator('#a').waitFor();
      assert.deepEqual(await recorder.finish(), [{ path: '/form', violations: [] }]);
    } finally {
      await page.context().close();
    }
  });
});
