/**
 * journey:login — a real user signs in, lands on the dashboard, signs out; the session can be refreshed
 * (else everyone is signed out within the hour); a wrong password is refused.
 */
import { SupabaseSession } from '../api/supabase-session.ts';
import { expect, test } from '../fixtures/test.ts';
import { checkId } from '../../model/check-ids.ts';
import { MESSAGES, ROUTES, UI } from '../../target/viamentor.ts';

test.describe('journey: login', {
  tag: '@login',
  annotation: { type: 'check', description: checkId.journey('login') },
}, () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('signs in and lands on the dashboard', async ({ page, loginPage, suiteConfig }) => {
    await test.step('open the sign-in page', async () => {
      await loginPage.goto();
      await expect(page.getByRole('heading', { name: UI.login.heading })).toBeVisible();
    });
    await test.step('sign in with the synthetic user', async () => {
      await loginPage.signIn(suiteConfig.credentials.email, suiteConfig.credentials.password);
    });
    await test.step('land on the dashboard', async () => {
      expect(await loginPage.outcome(), 'signing in leads to the dashboard').toBe('dashboard');
      await expect(page).toHaveURL(new RegExp(`${ROUTES.dashboard}$`));
      await expect(loginPage.dashboardHeading()).toBeVisible();
      await expect(loginPage.navigation()).toBeVisible();
    });
    await test.step('the session refreshes, as supabase-js refreshes it before the hour is up', async () => {
      // A session of its own (through the adapter), so the page's stays as the app keeps it.
      const { supabaseUrl, anonKey } = suiteConfig.platform;
      const { email, password } = suiteConfig.credentials;
      const session = await SupabaseSession.signIn({ supabaseUrl, anonKey }, email, password);
      try {
        await session.refresh();
      } finally {
        await session.signOut().catch(() => undefined);
      }
    });
    await test.step('sign out', async () => {
      await loginPage.signOut();
      await expect(page, 'signing out returns to the sign-in page').toHaveURL(new RegExp(`${ROUTES.login}$`));
      await page.goto(ROUTES.dashboard);
      await expect(page, 'after signing out the dashboard needs a new sign-in').toHaveURL(new RegExp(ROUTES.login));
    });
  });

  test('refuses a wrong password with a message and no session', async ({ page, loginPage, suiteConfig }) => {
    await test.step('sign in with a wrong password', async () => {
      await loginPage.goto();
      await loginPage.signIn(suiteConfig.credentials.email, `wrong-${Date.now()}`);
    });
    await test.step('see the refusal', async () => {
      const refusal = 'a wrong password is refused with a readable message';
      await expect(loginPage.error, refusal).toHaveText(MESSAGES.wrongPassword);
      await expect(page).toHaveURL(new RegExp(`${ROUTES.login}$`));
    });
    await test.step('have no session', async () => {
      await page.goto(ROUTES.dashboard);
      await expect(page, 'a refused sign-in opens no session').toHaveURL(new RegExp(ROUTES.login));
    });
  });
});
