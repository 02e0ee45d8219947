/**
 * Puts a signed-in session into the Chrome that Lighthouse will drive. The app keeps its session in
 * localStorage (supabase-js style), which no HTTP header can carry: it must already be in the browser's
 * default context, where Lighthouse opens its tab, and survive because we run with disableStorageReset.
 */
import { chromium } from '@playwright/test';
import type { StorageStateLike } from './lab-types.ts';

/** Thrown when the session cannot be written into Chrome; measurePage reports it as CHROME_FAILED. */
export class StorageSeedError extends Error {
  override name = 'StorageSeedError';
}

/** An empty document; the data: icon stops Chrome from fetching the real favicon (and caching it). */
const SEED_PAGE = '<!doctype html><title>seeding storage</title><link rel="icon" href="data:,">';

/**
 * Adds the cookies and writes each origin's localStorage in the default context of the Chrome at
 * `port`, then disconnects (the Chrome keeps running). Every request of the seeding tab is answered
 * locally with an empty page: the app's real files never reach the HTTP cache, which Lighthouse does
 * not clear when storage reset is off, so the measured load stays a cold one.
 */
export async function seedStorageState(port: number, state: StorageStateLike): Promise<void> {
  let browser;
  try {
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  } catch (error) {
    throw new StorageSeedError(`could not connect to Chrome to seed the session: ${(error as Error).message}`);
  }
  try {
    const context = browser.contexts()[0];
    if (!context) throw new StorageSeedError('Chrome has no default context to seed the session into');
    if (state.cookies.length > 0) await context.addCookies(state.cookies);
    const origins = state.origins.filter((origin) => origin.localStorage.length > 0);
    if (origins.length === 0) return;
    const page = await context.newPage();
    await page.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: SEED_PAGE }));
    for (const { origin, localStorage } of origins) {
      await page.goto(new URL('/', origin).href);
      await page.evaluate((items) => {
        for (const { name, value } of items) window.localStorage.setItem(name, value);
      }, localStorage);
    }
    await page.close();
  } catch (error) {
    if (error instanceof StorageSeedError) throw error;
    throw new StorageSeedError(`could not seed the session into Chrome: ${(error as Error).message}`);
  } finally {
    // Over CDP, close() only disconnects this client; the browser process keeps running.
    await browser.close();
  }
}
