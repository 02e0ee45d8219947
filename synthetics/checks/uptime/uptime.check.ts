/**
 * uptime:home and uptime:health — what an uptime monitor checks, but stricter: the home page must
 * answer 200 within 30 s AND render the app (a blank 200 is down); the health endpoint must say
 * the database is ok. Response times are recorded as `metric:responseMs` annotations.
 */
import type { TestInfo } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { checkId } from '../../model/check-ids.ts';
import { ROUTES, UI } from '../../target/viamentor.ts';

/** The uptime monitor's timeout from the team's plan (BetterUptime: 30 s). */
const UPTIME_TIMEOUT_MS = 30_000;

function recordResponseTime(testInfo: TestInfo, startedAt: number): number {
  const ms = Math.round(performance.now() - startedAt);
  testInfo.annotations.push({ type: 'metric:responseMs', description: String(ms) });
  return ms;
}

test.describe('uptime', { tag: '@uptime' }, () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test(
    'home page answers 200 and renders the app',
    { annotation: { type: 'check', description: checkId.uptime('home') } },
    async ({ page, request }, testInfo) => {
      await test.step('GET / answers 200 within 30 s', async () => {
        const startedAt = performance.now();
        const response = await request.get('/', { timeout: UPTIME_TIMEOUT_MS, failOnStatusCode: false });
        recordResponseTime(testInfo, startedAt);
        expect(response.status(), 'GET / answers 200').toBe(200);
      });
      await test.step('the page renders the app, not a blank shell', async () => {
        await page.goto('/', { timeout: UPTIME_TIMEOUT_MS });
        await expect(
          page.getByRole('heading', { level: 1 }),
          'the home page shows its main heading (a blank page is down)',
        ).toBeVisible();
        await expect(page.getByRole('link', { name: UI.home.signIn }), 'the home page leads to sign-in').toBeVisible();
      });
    },
  );

  test(
    'health endpoint reports the database ok',
    { annotation: { type: 'check', description: checkId.uptime('health') } },
    async ({ request }, testInfo) => {
      const startedAt = performance.now();
      const response = await request.get(ROUTES.health, { timeout: UPTIME_TIMEOUT_MS, failOnStatusCode: false });
      recordResponseTime(testInfo, startedAt);
      const text = await response.text();
      expect(response.status(), `GET /api/health answers 200 (body: ${text.slice(0, 200)})`).toBe(200);
      let body: { status?: unknown; database?: unknown } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new Error(`GET /api/health answered 200 but not JSON: ${text.slice(0, 200)}`);
      }
      expect(body.database, 'the health check reports the database ok').toBe('ok');
      expect(body.status, 'the health check reports healthy').toBe('healthy');
    },
  );
});
