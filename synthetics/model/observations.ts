/**
 * What the checks observed, as plain data: the watchers' attachments (web vitals, axe scans, API
 * timings, visits, telemetry beacons) and the Lighthouse stage's runs. Produced by checks/, judged
 * by result/. Pure types.
 */

/** The metrics a Lighthouse lab run measures (and budgets.json may budget). */
export const LAB_METRICS = ['lcp', 'cls', 'ttfb', 'tbt', 'fcp', 'transferBytes', 'requests'] as const;
export type LabMetric = (typeof LAB_METRICS)[number];

/** The web vitals measured inside the journeys' own page loads (Google's web-vitals library). */
export const VITAL_METRICS = ['lcp', 'cls', 'ttfb', 'fcp', 'inp'] as const;
export type VitalMetric = (typeof VITAL_METRICS)[number];

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

/** What the suite keeps of an axe violation: enough to act on, nothing more. */
export interface A11yViolation {
  rule: string;
  impact: Impact | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/** A web-vitals value of one hard navigation (`path` is the document's path). */
export interface VitalObservation {
  path: string;
  metric: VitalMetric;
  value: number;
}

/** One axe scan of a page once it settled. */
export interface AxeObservation {
  path: string;
  violations: A11yViolation[];
}

/** An API response (app `/api/*`, Supabase, further API origins) and how long it took. */
export interface ApiTimingObservation {
  method: string;
  path: string;
  status: number;
  ms: number;
}

/** Every page path the check visited, with how it got there (hard load or client-side route). */
export interface VisitObservation {
  path: string;
  navigation: 'hard' | 'soft';
}

/**
 * A telemetry beacon the page sent (Sentry, GA4, Vercel …), answered in the browser and never
 * forwarded: which profile beacon it matched, the page that sent it, the host it was addressed to,
 * and its event names (GA4's `en`).
 */
export interface TelemetryObservation {
  beacon: string;
  page: string;
  host: string;
  events: string[];
}

export const OBSERVATION_ATTACHMENTS = {
  vitals: 'observations-vitals',
  axe: 'observations-axe',
  api: 'observations-api',
  visits: 'observations-visits',
  telemetry: 'observations-telemetry',
  lighthouse: 'observations-lighthouse',
} as const;

/** One Lighthouse run of one page, as the Lighthouse stage attaches it. */
export interface LighthouseObservation {
  page: string;
  formFactor: 'desktop' | 'mobile';
  metrics?: Partial<Record<LabMetric, number>>;
  /** Set when the run produced no measurement (a redirect to login, NO_LCP, a crash …). */
  failure?: string;
}

export interface Observations {
  vitals: VitalObservation[];
  axe: AxeObservation[];
  api: ApiTimingObservation[];
  lighthouse: LighthouseObservation[];
  telemetry: TelemetryObservation[];
  visits: VisitObservation[];
}
