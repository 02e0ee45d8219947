/**
 * The accessibility watcher's scans (synthetics/checks/fixtures/settled-scans.ts) against a tiny
 * single-page app on loopback: a page is judged by its own DOM, never by the one before it. The
 * app's route change happens the way a single-page app does it — the URL first (History API), the
 * new page's DOM later, with no request in between — which a scan that fires on the URL alone
 * judged under the wrong name (the `a11y-regression` fault went unseen in CI that way). Frames are
 * judged with their page, whether of the page's origin (axe in the page) or of another one (axe's
 * frame-by-frame run).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../reference-app/browser.ts';
import { domQuiet, isCrossOriginFrame, recordAxeScans } from '../../synthetics/checks/fixtures/settled-scans.ts';

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

/** `/inner`: a frame's document with an unlabelled input; `/framed?src=…`: a labelled page that embeds it. */
const INNER = '<!doctype html><html lang="en"><head><title>Inner</title></head><body><input id="c"></body></html>';
const framed = (src: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framed</title></head><body>
<main><h1>Framed</h1><iframe title="Embedded" src="${src}"></iframe></main></body></html>`;

/** `/busy`: a page whose request to its own origin is never answered. */
const BUSY = `<!doctype html><html lang="en"><head><title>Busy</title></head><body><main><h1>Busy</h1></main>
<script>fetch('/hang');</script></body></html>`;

/** A loopback server answering `/inner`, `/framed?src=…` and, for anything else, PAGE. */
async function startPages(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/hang') return; // never answered: the page that asked is never settled
    const body =
      url.pathname === '/busy'
        ? BUSY
        : url.pathname === '/favicon.ico'
          ? ''
          : url.pathname === '/inner'
            ? INNER
            : url.pathname === '/framed'
              ? framed(url.searchParams.get('src') ?? '')
              : PAGE;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('isCrossOriginFrame', () => {
  const page = 'https://app.example.ch/students';
  const cases: Array<[string, boolean]> = [
    ['https://app.example.ch/embed', false],
    ['about:blank', false],
    ['about:srcdoc', false],
    ['', false],
    ['blob:https://app.example.ch/0f3a', false],
    ['https://maps.example.com/embed', true],
    ['http://app.example.ch/embed', true],
    ['https://app.example.ch:8443/embed', true],
    ['blob:https://other.example.com/0f3a', true],
    ['data:text/html,<p>x</p>', true],
    ['not a url', true],
  ];
  for (const [frame, expected] of cases)
    test(`${JSON.stringify(frame)} → ${expected ? 'cross-origin' : 'same origin'}`, () => {
      assert.equal(isCrossOriginFrame(frame, page), expected);
    });
});

describe('accessibility scans of a single-page app', () => {
  let server: Server;
  let origin: string;
  /** A second server: another port, so another origin. */
  let other: Server;
  let otherOrigin: string;
  let browser: Browser;

  before(async () => {
    ({ server, origin } = await startPages());
    ({ server: other, origin: otherOrigin } = await startPages());
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await new Promise((resolve) => other?.close(resolve));
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
      const recorder = await recordAxeScans(page, scope, (path) => path.replace(/^\//, '') || 'home');
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
      const recorder = await recordAxeScans(page, { appOrigin: origin, apiOrigins: [origin] }, () => 'form');
      await page.goto(`${origin}/form`);
      await page.locator('#a').waitFor();
      assert.deepEqual(await recorder.finish(), [{ path: '/form', violations: [] }]);
    } finally {
      await page.context().close();
    }
  });

  for (const [which, frameOrigin] of [
    ["of the page's origin", () => origin],
    ['of another origin', () => otherOrigin],
  ] as const)
    test(`a frame ${which} is judged with its page: its unlabelled input is found`, async () => {
      const page = await newPage();
      try {
        const recorder = await recordAxeScans(page, { appOrigin: origin, apiOrigins: [origin] }, () => 'framed');
        await page.goto(`${origin}/framed?src=${encodeURIComponent(`${frameOrigin()}/inner`)}`);
        await page.frameLocator('iframe').locator('#c').waitFor();
        const scans = await recorder.finish();
        assert.deepEqual(
          scans.map((scan) => [scan.path, scan.violations.map((violation) => violation.rule)]),
          [['/framed', ['label']]],
          JSON.stringify(scans),
        );
      } finally {
        await page.context().close();
      }
    });

  test('a check that ends on a page an earlier check judged does not wait for it to settle', async () => {
    const page = await newPage();
    try {
      const scope = { appOrigin: origin, apiOrigins: [origin] };
      const finishOn = async (judgedBefore: string[]) => {
        const recorder = await recordAxeScans(page, scope, () => 'busy', new Set(judgedBefore));
        await page.goto(`${origin}/busy`);
        const started = performance.now();
        const scans = await recorder.finish();
        return { scans, waitedMs: performance.now() - started };
      };
      // Never settled (a request is always in flight): not yet judged, it is waited for up to the 2 s limit.
      const unjudged = await finishOn([]);
      assert.deepEqual(unjudged.scans, []);
      assert.ok(unjudged.waitedMs >= 1900, `waited ${unjudged.waitedMs} ms`);
      const judged = await finishOn(['busy']);
      assert.deepEqual(judged.scans, []);
      assert.ok(judged.waitedMs < 1000, `waited ${judged.waitedMs} ms for a page already judged`);
    } finally {
      await page.context().close();
    }
  });

  test('a DOM quiet since before a scan is not waited for again; a busy one is, until the limit', async () => {
    const page = await newPage();
    try {
      // 'form' judged already: no scan of the recorder's own touches the page; only its tracking is there.
      await recordAxeScans(page, { appOrigin: origin, apiOrigins: [origin] }, () => 'form', new Set(['form']));
      await page.goto(`${origin}/form`);
      await page.locator('#a').waitFor();
      await page.waitForTimeout(600); // nothing changes the page: it has been quiet longer than 250 ms
      assert.ok((await page.evaluate(domQuiet, [250, 3000] as [number, number])) < 50, 'waited for a quiet DOM');
      const tick = () => setInterval(() => document.body.setAttribute('data-tick', String(Math.random())), 50);
      await page.evaluate(tick);
      await page.waitForTimeout(200); // the page is changing now
      assert.ok((await page.evaluate(domQuiet, [250, 1000] as [number, number])) >= 1000, 'a busy DOM is never quiet');
    } finally {
      await page.context().close();
    }
  });
});
