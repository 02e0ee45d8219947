/**
 * The browser-side faults, seen the way the suite's watchers see them: an uncaught exception on the
 * students list only, a students search that filters nothing, a layout shift well over 0.1, an
 * unlabelled date input that axe reports, and a blank home page. Each is compared with the same page
 * while healthy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { axeViolations, expect, launchChromium, newPage, signInThroughUi } from './browser.ts';
import { FIXTURE_STUDENT } from '../../synthetics/target/viamentor.ts';

let app: ReferenceApp;
let browser: Browser;
let page: Page;
let pageErrors: string[];
before(async () => {
  [app, browser] = await Promise.all([startReferenceApp(), launchChromium()]);
  ({ page, pageErrors } = await newPage(browser, app.url));
  await signInThroughUi(page, app);
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

/** Opens a page and waits for its heading. */
async function open(path: string): Promise<void> {
  pageErrors.length = 0;
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Lets the page run a little longer than the js-error fault's delay (0.1 s after rendering). */
const settle = () => page.waitForTimeout(400);

/** Cumulative layout shift of the current page load so far. */
function cumulativeLayoutShift(): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<
            PerformanceEntry & { value: number; hadRecentInput: boolean }
          >) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 200);
      }),
  );
}

describe('browser-side faults', () => {
  test('js-error: an uncaught TypeError on /students, after it rendered; other pages are clean', async () => {
    await app.withFault('js-error', async () => {
      const thrown = page.waitForEvent('pageerror');
      await open('/students');
      await thrown;
      await settle();
      assert.equal(pageErrors.length, 1, pageErrors.join('\n'));
      assert.match(pageErrors[0] ?? '', /^TypeError: /);
      await expect(page.getByRole('table', { name: 'Liste des élèves' }).getByRole('row')).toHaveCount(14);
      await open('/dashboard');
      await settle();
      assert.deepEqual(pageErrors, []);
    });
    await open('/students');
    await settle();
    assert.deepEqual(pageErrors, []);
  });

  test('layout-shift: a banner pushes the content down after load (CLS > 0.1)', async () => {
    await open('/dashboard');
    await page.waitForTimeout(900);
    const healthy = await cumulativeLayoutShift();
    assert.ok(healthy < 0.01, `healthy CLS ${healthy}`);
    await app.withFault('layout-shift', async () => {
      for (const path of ['/dashboard', '/planning']) {
        await open(path);
        const height = await page
          .getByRole('complementary', { name: 'Annonce' })
          .evaluate((banner) => banner.getBoundingClientRect().height);
        assert.ok(height >= 150 && height <= 250, `banner of ${height}px`);
        const shifted = await cumulativeLayoutShift();
        assert.ok(shifted > 0.1, `CLS ${shifted} on ${path}`);
      }
    });
  });

  test('a11y-regression: the planning date input loses its name and axe reports it', async () => {
    await open('/planning');
    assert.deepEqual(
      await axeViolations(page, ['minor', 'moderate', 'serious', 'critical']),
      [],
      'healthy planning has no violation at all',
    );
    await app.withFault('a11y-regression', async () => {
      await open('/planning');
      await expect(page.getByLabel('Date', { exact: true })).toHaveCount(0);
      const violations = await axeViolations(page);
      assert.equal(violations.length, 1, violations.join('\n'));
      assert.match(violations[0] ?? '', /^label \(critical\): #planning-date$/);
      await open('/lessons/new');
      assert.deepEqual(await axeViolations(page), [], 'the booking form keeps its labels');
    });
  });

  test('home-blank: / renders nothing (no heading, no sign-in link); /login still renders', async () => {
    await app.withFault('home-blank', async () => {
      await page.goto('/');
      await settle();
      assert.equal(await page.getByRole('heading').count(), 0);
      assert.equal(await page.getByRole('link', { name: 'Se connecter' }).count(), 0);
      await page.goto('/login');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
    });
  });

  test('login-broken: the sign-in page shows the generic failure alert', async () => {
    await app.withFault('login-broken', async () => {
      await page.goto('/login');
      await page.getByLabel('Adresse e-mail').fill(app.email);
      await page.getByLabel('Mot de passe').fill(app.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect(page.getByRole('alert')).toHaveText('La connexion a échoué. Réessayez plus tard.');
    });
  });

  test('search-ignored: typing in the students search filters nothing; healthy, the list filters', async () => {
    const rows = page.getByRole('table', { name: 'Liste des élèves' }).getByRole('row');
    const search = page.getByRole('searchbox', { name: 'Rechercher un élève' });
    await app.withFault('search-ignored', async () => {
      await open('/students');
      await search.fill(FIXTURE_STUDENT.email);
      // Longer than the search's 200 ms pause and its answer: nothing happens.
      await page.waitForTimeout(1000);
      await expect(rows).toHaveCount(14);
      assert.doesNotMatch(page.url(), /[?&]q=/);
    });
    await open('/students');
    await search.fill(FIXTURE_STUDENT.email);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(FIXTURE_STUDENT.email);
    assert.match(page.url(), /[?&]q=/);
  });

  test('students-save-fails: the form shows the "save failed" alert', async () => {
    await app.withFault('students-save-fails', async () => {
      await page.goto('/students/new');
      await page.getByLabel('Prénom', { exact: true }).fill('Jeanne');
      await page.getByLabel('Nom', { exact: true }).fill('Panne');
      await page.getByLabel('E-mail', { exact: true }).fill('jeanne.panne@example.ch');
      await page.getByLabel('Téléphone', { exact: true }).fill('021 345 67 89');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(page.getByRole('alert')).toHaveText("L'enregistrement a échoué. Réessayez plus tard.");
    });
  });
});
