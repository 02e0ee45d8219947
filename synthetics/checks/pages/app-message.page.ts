/**
 * The app answers a user's action with a status message (success) or an alert (refusal, error).
 * Waiting for whichever comes first makes a failing step fail at once, with the app's own words,
 * instead of timing out on the success it will never show.
 */
import { expect, type Page } from '@playwright/test';

/** The text of the first non-empty status or alert message the page shows. */
export async function appMessage(page: Page): Promise<string> {
  const message = page
    .getByRole('status')
    .filter({ hasText: /\S/ })
    .or(page.getByRole('alert').filter({ hasText: /\S/ }))
    .first();
  await expect(message, 'the app answers with a status or an alert').toBeVisible();
  return (await message.innerText()).trim();
}
