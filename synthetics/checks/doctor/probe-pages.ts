/**
 * The doctor's probe of the UI: signs the synthetic user in through the login page, then opens
 * every page of the target profile and looks for each of its labels and controls, by role and
 * name, exactly as the journeys will. Reads only; the browser session is discarded unused.
 */
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import type { FoundBrowser } from '../../config/browser.ts';
import type { PageProbe, Probe } from '../../target/profile.ts';
import { LoginPage } from '../pages/login.page.ts';
import { browserUserAgent, markedUserAgent } from '../fixtures/user-agent.ts';
import { answerBeaconsLocally } from '../fixtures/telemetry.ts';
import { TELEMETRY } from '../../target/viamentor.ts';
import { doctorItem, type DoctorItem } from './doctor-report.ts';

export interface PageProbeOptions {
  baseUrl: string;
  browser: FoundBrowser;
  credentials: { email: string; password: string };
  /** Headers for the app origin only (the Vercel bypass). */
  appHeaders: Record<string, string>;
  pages: readonly PageProbe[];
  timeoutMs?: number;
}

function locate(page: Page, probe: Probe): Locator {
  if (probe.role === 'label') return page.getByLabel(probe.name, { exact: true });
  return page.getByRole(probe.role, { name: probe.name, exact: true });
}

async function probePage(page: Page, probe: PageProbe, baseUrl: string, timeout: number): Promise<DoctorItem[]> {
  const response = await page.goto(`${baseUrl}${probe.path}`).catch((error: Error) => error);
  if (response instanceof Error || (response && response.status() >= 400)) {
    const found = response instanceof Error ? response.message.split('\n')[0]! : `${response!.status()}`;
    return [doctorItem(`page ${probe.name}`, `${probe.path} opens`, found, false)];
  }
  const items: DoctorItem[] = [];
  for (const wanted of probe.find) {
    const seen = await locate(page, wanted)
      .first()
      .waitFor({ timeout })
      .then(
        () => true,
        () => false,
      );
    const where = new URL(page.url()).pathname;
    const found = seen ? 'found' : `not found on ${where}`;
    items.push(doctorItem(`${probe.name}: ${wanted.role} "${wanted.name}"`, `on ${probe.path}`, found, seen));
  }
  return items;
}

/** Opens every profile page (signed in when it needs it); one row per label or control. */
export async function probePages(options: PageProbeOptions): Promise<DoctorItem[]> {
  let browser: Browser | undefined;
  try {
    const { checksExecutablePath, args } = options.browser;
    browser = await chromium.launch({ executablePath: checksExecutablePath, args: [...args] });
    const userAgent = markedUserAgent(await browserUserAgent(browser));
    const locale = { locale: 'fr-CH', timezoneId: 'Europe/Zurich' };
    const context = await browser.newContext({ baseURL: options.baseUrl, userAgent, ...locale });
    // The bypass header goes to the app origin only, never to Supabase.
    const withBypass = { ...options.appHeaders };
    await context.route(`${new URL(options.baseUrl).origin}/**`, (route) =>
      route.continue({ headers: { ...route.request().headers(), ...withBypass } }),
    );
    // Registered last, so asked first: the probe's page views never reach Sentry, GA4 or Vercel Analytics.
    await answerBeaconsLocally(context, TELEMETRY.beacons);
    const page = await context.newPage();
    const items: DoctorItem[] = [];
    for (const pageProbe of options.pages.filter((entry) => !entry.auth)) {
      items.push(...(await probePage(page, pageProbe, options.baseUrl, options.timeoutMs ?? 5_000)));
    }
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(options.credentials.email, options.credentials.password);
    const outcome = await login.outcome().catch((error: Error) => error.message.split('\n')[0]!);
    items.push(doctorItem('UI sign-in', 'the login page leads to the dashboard', outcome, outcome === 'dashboard'));
    if (outcome !== 'dashboard') return items;
    for (const pageProbe of options.pages.filter((entry) => entry.auth)) {
      items.push(...(await probePage(page, pageProbe, options.baseUrl, options.timeoutMs ?? 5_000)));
    }
    return items;
  } catch (error) {
    return [doctorItem('browser', 'Chromium opens the app', (error as Error).message.split('\n')[0]!, false)];
  } finally {
    await browser?.close();
  }
}
