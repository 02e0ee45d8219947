/**
 * `npm run status-page` on ten generated days of history (written by the alerting stage itself):
 * opened in a real Chromium, the page shows the availability the history implies — worked out by
 * hand below —, the open and resolved incidents, and four drawn trend charts. Its screenshot and
 * the page are saved under reports/test-artifacts/status-page/.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from '@playwright/test';
import { findChromium } from '../../synthetics/config/browser.ts';
import { hermeticEnv, runCli, type CliResult } from '../helpers/run-cli.ts';
import { BOOKING_RED_HOURS, DOWN_HOURS, HOURS, NOW, SCHEDULE_MINUTES, generateHistory } from './generated-history.ts';

const ARTIFACTS = resolve('reports', 'test-artifacts', 'status-page');

/** Every run stands for one hour (the schedule); a down run is one hour of downtime. */
function expectedAvailability(windowHours: number): string {
  const firstHour = HOURS - windowHours;
  const down = DOWN_HOURS.filter((hour) => hour >= firstHour).length;
  return `${((1 - down / windowHours) * 100).toFixed(3)} %`;
}

describe('status page', () => {
  let browser: Browser;
  let page: Page;
  let cli: CliResult;
  let html: string;

  before(async () => {
    const { dir, historyDir } = await generateHistory();
    html = join(dir, 'status', 'index.html');
    const env = hermeticEnv({
      HISTORY_PATH: historyDir,
      SYNTHETICS_NOW: NOW.toISOString(),
      SYNTHETICS_SCHEDULE_MINUTES: String(SCHEDULE_MINUTES),
    });
    cli = await runCli('synthetics/cli/status-page.ts', ['--out', html], env);
    assert.equal(cli.code, 0, `${cli.stdout}\n${cli.stderr}`);
    const found = findChromium(process.env.CHROME_PATH, chromium.executablePath());
    browser = await chromium.launch({ executablePath: found.checksExecutablePath, args: [...found.args] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(html).href);
    await page
      .waitForSelector('body[data-charts="4"]', { timeout: 10_000 })
      .catch(() => assert.fail(`the charts were not drawn; page errors: ${errors.join('; ') || 'none'}`));
  });

  after(async () => {
    await browser?.close();
  });

  test('shows the availability over 24 h, 7 d and 30 d that the history implies', async () => {
    // 24 h: no outage (100 %); 7 d: one down hour in 168; 30 d: three down hours in the 240 recorded.
    assert.equal(await page.locator('#availability-1d .value').textContent(), expectedAvailability(24));
    assert.equal(await page.locator('#availability-7d .value').textContent(), expectedAvailability(168));
    assert.equal(await page.locator('#availability-30d .value').textContent(), expectedAvailability(HOURS));
    assert.deepEqual(
      [expectedAvailability(24), expectedAvailability(168), expectedAvailability(HOURS)],
      ['100.000 %', '99.405 %', '98.750 %'],
    );
    assert.match(cli.stdout, /24 h 100\.000 % · 7 d 99\.405 % · 30 d 98\.750 %/);
  });

  test('shows each check with its uptime per window: the booking journey red for its last three runs', async () => {
    const booking = page.locator('tr[data-check="journey:booking"] td');
    assert.equal(await booking.nth(1).textContent(), 'failed');
    assert.equal(await booking.nth(2).textContent(), `${((1 - BOOKING_RED_HOURS.length / 24) * 100).toFixed(2)} %`);
    assert.match((await booking.nth(6).textContent()) ?? '', /book a free slot/);
    assert.equal(await page.locator('tr[data-check="uptime:home"] td').nth(4).textContent(), '100.00 %');
  });

  test('lists the open incident and the three resolved ones, with their durations', async () => {
    assert.equal(await page.locator('#overall').textContent(), 'Degraded: an important journey is failing');
    const open = page.locator('#open-incidents tr[data-incident]');
    assert.equal(await open.count(), 1);
    assert.match((await open.first().textContent()) ?? '', /P1[\s\S]*journey: booking[\s\S]*3 h 00 min/);
    const resolved = await page.locator('#recent-incidents tr[data-incident]').allTextContents();
    assert.equal(resolved.length, 3);
    assert.match(resolved[0]!, /P1[\s\S]*journey: invoice[\s\S]*4 h 00 min/);
    assert.match(resolved[1]!, /P0[\s\S]*app-down[\s\S]*1 h 00 min/);
    assert.match(resolved[2]!, /P0[\s\S]*app-down[\s\S]*2 h 00 min/);
  });

  test('shows the SLO figures and what is left of the error budget', async () => {
    const slo = await page.locator('#slo tbody tr').allTextContents();
    assert.match(slo[0]!, /Availability\s*98\.750 %\s*≥ 99\.900 %\s*✗ missed/);
    assert.match(slo[1]!, /API response time p95\s*\d+ ms\s*≤ 500 ms\s*✓ met/);
    // 180 min down against a 43.2-minute budget.
    assert.match(
      (await page.locator('#error-budget').textContent()) ?? '',
      /0 \/ 43\.2 min[\s\S]*overspent by 136\.8 min/,
    );
  });

  test('draws the four trend charts (p95 response time, LCP, CLS, TTFB) with Chart.js', async () => {
    const charts = await page.evaluate(() => {
      const { Chart } = window as unknown as {
        Chart: {
          getChart(
            canvas: HTMLCanvasElement,
          ): { data: { datasets: Array<{ data: Array<number | null> }> } } | undefined;
        };
      };
      return [...document.querySelectorAll('canvas')].map((canvas) => {
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) painted += 1;
        const points = Chart.getChart(canvas)?.data.datasets[0]?.data.filter((value) => value !== null).length ?? 0;
        return { id: canvas.id, points, painted };
      });
    });
    assert.deepEqual(
      charts.map((chart) => chart.id),
      ['chart-p95', 'chart-lcp', 'chart-cls', 'chart-ttfb'],
    );
    for (const chart of charts) {
      // 168 hourly buckets up to the current hour, which has no run yet at NOW (on the hour).
      assert.equal(chart.points, 7 * 24 - 1, `${chart.id}: one point per hour with a run in the last 7 days`);
      assert.ok(chart.painted > 1000, `${chart.id}: the canvas is drawn on (${chart.painted} pixels)`);
    }
  });

  test('saves a screenshot of the page with the test artifacts', async (t) => {
    await mkdir(ARTIFACTS, { recursive: true });
    const screenshot = join(ARTIFACTS, 'screenshot.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await copyFile(html, join(ARTIFACTS, 'index.html'));
    t.diagnostic(`status page screenshot: ${screenshot}`);
  });
});
