/**
 * Browser helpers for the reference-app UI tests: a headless Chromium that works on CI machines
 * without a sandbox, an axe check, and signing in through the UI the way a user does.
 */
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import type { ReferenceApp } from '../helpers/reference-app.ts';
import { findChromium } from '../../synthetics/config/browser.ts';

/** Launches headless Chromium, found the way the suite finds it (CHROME_PATH, system, Playwright's). */
export function launchChromium(): Promise<Browser> {
  const found = findChromium(process.env.CHROME_PATH || undefined, chromium.executablePath());
  return chromium.launch({ executablePath: found.checksExecutablePath, args: [...found.args], headless: true });
}

/** A fresh page in a Swiss-French context, with its uncaught exceptions collected. */
export async function newPage(browser: Browser, baseURL: string): Promise<{ page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ baseURL, locale: 'fr-CH', timezoneId: 'Europe/Zurich' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  return { page, pageErrors };
}

/** The axe violations of the current page, as `id (impact): targets`. */
export async function axeViolations(
  page: Page,
  impacts: readonly string[] = ['serious', 'critical'],
): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => impacts.includes(violation.impact ?? ''))
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** Fails with the list of serious or critical axe violations of the current page, if any. */
export async function assertAccessible(page: Page): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe on ${new URL(page.url()).pathname}`);
}

/** Signs in through the login form with the app's synthetic user and waits for the dashboard. */
export async function signInThroughUi(page: Page, app: ReferenceApp): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(app.email);
  await page.getByLabel('Mot de passe').fill(app.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
}

/** Playwright's auto-waiting assertions, re-exported so UI tests import one module. */
export { expect };
