/**
 * Signs in once through the UI and saves the session (localStorage, supabase-js style) for the
 * journeys, so that only this setup and the login journey type the password. The state file holds
 * a session: it lives outside the reports and is deleted at the end of the run.
 */
import { chmod } from 'node:fs/promises';
import { expect, test as setup } from './fixtures/test.ts';
import { runContext } from '../config/load.ts';

setup('sign in once for the journeys', async ({ page, loginPage, suiteConfig }) => {
  await loginPage.goto();
  await loginPage.signIn(suiteConfig.credentials.email, suiteConfig.credentials.password);
  expect(await loginPage.outcome(), 'the synthetic user can sign in').toBe('dashboard');
  await expect(page).toHaveURL(/\/dashboard$/);
  const path = runContext().storageStatePath;
  await page.context().storageState({ path });
  await chmod(path, 0o600); // in a 0700 folder of its own; readable by this user only
});
