/**
 * Signs in once through the UI and saves the session (localStorage, supabase-js style) for the
 * journeys, so that only this setup and the login journey type the password. The state file holds
 * a session: it lives outside the reports and is deleted at the end of the run.
 */
import { writeFile } from 'node:fs/promises';
import { expect, test as setup } from './fixtures/test.ts';
import { runContext } from '../config/load.ts';

setup('sign in once for the journeys', async ({ page, loginPage, suiteConfig }) => {
  await loginPage.goto();
  await loginPage.signIn(suiteConfig.credentials.email, suiteConfig.credentials.password);
  expect(await loginPage.outcome(), 'the synthetic user can sign in').toBe('dashboard');
  await expect(page).toHaveURL(/\/dashboard$/);
  const state = await page.context().storageState();
  // Readable by this user only from its first byte, in the run's 0700 folder — and never in a folder that
  // is gone: a run stopped during the sign-in has removed it, and `storageState({ path })` made it again
  // (0755, the session inside, left behind). Here the write fails instead, and the stopping run ends.
  await writeFile(runContext().storageStatePath, JSON.stringify(state, undefined, 2), { mode: 0o600 });
});
