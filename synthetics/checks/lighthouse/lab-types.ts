/**
 * What a Lighthouse lab measurement takes and gives: owned here, below measure.ts and its helpers
 * (read-result, seed-storage, write-reports, lab-settings), so none of them imports measure.ts back.
 */

export type FormFactor = 'desktop' | 'mobile';
export type Throttling = 'simulate' | 'devtools' | 'provided';
/** ms, unitless, ms, ms, ms, bytes, count. */
export interface LabMetrics {
  lcp: number;
  cls: number;
  ttfb: number;
  tbt: number;
  fcp: number;
  transferBytes: number;
  requests: number;
}
/** Playwright's storageState() format, so a journey's saved session can be measured as is. */
export interface StorageStateLike {
  cookies: Array<{
    name: string;
    value: string;
    domain: string;
    path: string;
    expires: number;
    httpOnly: boolean;
    secure: boolean;
    sameSite: 'Strict' | 'Lax' | 'None';
  }>;
  origins: Array<{ origin: string; localStorage: Array<{ name: string; value: string }> }>;
}
/** What to measure and how; `reportDir`/`reportName` say where `<name>.report.html|json` go. */
export interface MeasureOptions {
  url: string;
  formFactor: FormFactor;
  chromePath: string;
  chromeFlags: readonly string[];
  storageState?: StorageStateLike;
  extraHeaders?: Record<string, string>;
  reportDir: string;
  reportName: string;
  timeoutMs?: number;
  /** Lighthouse's throttling method (default `provided`: observed timings, see budgets.json). */
  throttling?: Throttling;
  /** Requests the page makes that must never leave the browser (default: the profile's beacons, LAB_BLOCKED_URLS). */
  blockedUrlPatterns?: readonly string[];
}
/** The outcome of one run: numbers, or why there are none (reports kept when Lighthouse produced any). */
export type Measurement =
  | {
      status: 'measured';
      metrics: LabMetrics;
      finalUrl: string;
      durationMs: number;
      reports: { html: string; json: string };
      warnings: string[];
    }
  | {
      status: 'failed';
      reason: string;
      code: 'REDIRECTED' | 'NO_LCP' | 'NO_FCP' | 'RUNTIME_ERROR' | 'CHROME_FAILED' | 'TIMEOUT';
      durationMs: number;
      reports?: { html: string; json: string };
    };
