/**
 * Turns one Lighthouse result into our flat metrics, or into the reason it cannot be trusted.
 * Pure: Lighthouse "succeeds" in several ways that are measurement failures (NO_LCP, an audited
 * login page after a rejected session), and each must surface as a failure, never as numbers.
 */
import type { Result as LighthouseResult } from 'lighthouse';
import type { LabMetrics, Measurement } from './lab-types.ts';

type Failure = Extract<Measurement, { status: 'failed' }>;
/** What a Lighthouse result says about the run, before timing and reports are attached. */
export type ResultVerdict =
  | { status: 'measured'; metrics: LabMetrics; finalUrl: string; warnings: string[] }
  | { status: 'failed'; code: Failure['code']; reason: string };

const METRIC_AUDITS: ReadonlyArray<[keyof LabMetrics, string]> = [
  ['lcp', 'largest-contentful-paint'],
  ['cls', 'cumulative-layout-shift'],
  ['ttfb', 'server-response-time'],
  ['tbt', 'total-blocking-time'],
  ['fcp', 'first-contentful-paint'],
];

/** Every audit this reader uses: a run asks Lighthouse for these and no other (lab-settings.ts). */
export const LAB_AUDITS: readonly string[] = [...METRIC_AUDITS.map(([, auditId]) => auditId), 'resource-summary'];

/** Checks, in order: a runtime error, the page actually measured, then every metric being present. */
export function readLighthouseResult(lhr: LighthouseResult, requestedUrl: string): ResultVerdict {
  if (lhr.runtimeError) {
    const code =
      lhr.runtimeError.code === 'NO_LCP' || lhr.runtimeError.code === 'NO_FCP'
        ? lhr.runtimeError.code
        : 'RUNTIME_ERROR';
    return {
      status: 'failed',
      code,
      reason: `Lighthouse runtime error ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`,
    };
  }
  const redirect = describeRedirect(requestedUrl, lhr.finalDisplayedUrl);
  if (redirect) return { status: 'failed', code: 'REDIRECTED', reason: redirect };

  const metrics: Partial<LabMetrics> = {};
  const missing: string[] = [];
  for (const [key, auditId] of METRIC_AUDITS) {
    const value = lhr.audits[auditId]?.numericValue;
    if (typeof value === 'number' && Number.isFinite(value)) metrics[key] = value;
    else missing.push(auditId);
  }
  const network = readNetworkTotals(lhr);
  if (!network) missing.push('resource-summary');
  if (missing.length > 0 || !network) {
    const audit = lhr.audits[missing[0] ?? ''];
    const why = audit?.errorMessage ? ` (${audit.errorMessage})` : '';
    const code = missing.includes('largest-contentful-paint')
      ? 'NO_LCP'
      : missing.includes('first-contentful-paint')
        ? 'NO_FCP'
        : 'RUNTIME_ERROR';
    return { status: 'failed', code, reason: `Lighthouse produced no value for ${missing.join(', ')}${why}` };
  }
  return {
    status: 'measured',
    metrics: { ...(metrics as Omit<LabMetrics, 'transferBytes' | 'requests'>), ...network },
    finalUrl: lhr.finalDisplayedUrl,
    warnings: lhr.runWarnings.map(String),
  };
}

/**
 * Says why the measured page is not the requested one (same origin and pathname expected), or
 * returns undefined. Lighthouse silently audits wherever a redirect lands, e.g. /login.
 */
export function describeRedirect(requestedUrl: string, finalUrl: string): string | undefined {
  const asked = new URL(requestedUrl);
  let final: URL;
  try {
    final = new URL(finalUrl);
  } catch {
    return `asked for ${asked.pathname}, Lighthouse ended on an unreadable URL "${finalUrl}"`;
  }
  if (final.origin === asked.origin && final.pathname === asked.pathname) return undefined;
  const where = final.origin === asked.origin ? final.pathname : final.href;
  const hint = /\/(login|signin|sign-in|auth)\b/i.test(final.pathname) ? ' (the session was not accepted)' : '';
  return `asked for ${asked.pathname}, Lighthouse measured ${where}${hint}`;
}

/** Bytes over the wire and request count of the whole page load, from `resource-summary`. */
function readNetworkTotals(lhr: LighthouseResult): Pick<LabMetrics, 'transferBytes' | 'requests'> | undefined {
  const details = lhr.audits['resource-summary']?.details;
  if (!details || details.type !== 'table') return undefined;
  const total = details.items.find((item) => item.resourceType === 'total');
  const transferBytes = total?.transferSize;
  const requests = total?.requestCount;
  if (typeof transferBytes !== 'number' || typeof requests !== 'number') return undefined;
  return { transferBytes, requests };
}
