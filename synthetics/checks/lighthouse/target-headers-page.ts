/**
 * The Lighthouse tab with the bypass header on requests to the target's origin only. Lighthouse's
 * own `extraHeaders` go to every origin (third parties included); here the tab's requests to the
 * target alone are paused (CDP Fetch, a pattern on that origin) and continued with the headers.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** A tab Lighthouse can drive, and how to let go of it (the Chrome keeps running). */
export interface HeaderedTab {
  page: Page;
  disconnect(): Promise<void>;
}

/** Connects to the Chrome at `port` and arms its first tab to add `headers` to `targetUrl`'s origin only. */
export async function openHeaderedTab(
  port: number,
  targetUrl: string,
  headers: Record<string, string>,
): Promise<HeaderedTab> {
  const origin = new URL(targetUrl).origin;
  const browser: Browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const session = await page.createCDPSession();
  session.on('Fetch.requestPaused', (event) => {
    const own = new URL(event.request.url).origin === origin;
    const merged = own ? { ...event.request.headers, ...headers } : event.request.headers;
    const list = Object.entries(merged).map(([name, value]) => ({ name, value: String(value) }));
    session
      .send('Fetch.continueRequest', { requestId: event.requestId, ...(own ? { headers: list } : {}) })
      .catch(() => undefined);
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: `${origin}/*`, requestStage: 'Request' }] });
  return { page, disconnect: () => browser.disconnect() };
}
