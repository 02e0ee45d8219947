/**
 * The fault switchboard: named, deliberate breakages that prove each check of the suite can fail.
 * Each fault breaks exactly one thing; the code that honours it asks `isOn(name)` at request time,
 * so toggling takes effect on the next request or page load.
 */

const FAULT_DEFINITIONS = [
  { name: 'login-broken', description: 'POST /auth/v1/token (password grant) answers 500.' },
  { name: 'students-save-fails', description: 'Saving a student (POST/PATCH /rest/v1/students) answers 500.' },
  {
    name: 'booking-double-allowed',
    description: 'The instructor/vehicle overlap check (Postgres trigger) is off: a slot can be double-booked.',
  },
  {
    name: 'invoice-total-wrong',
    description: 'create_invoice uses 7.7 % VAT while the page still says "TVA 8,1 %".',
  },
  { name: 'health-db-down', description: 'The database query of GET /api/health fails: 503.' },
  { name: 'home-blank', description: 'GET / answers 200 with an empty shell (no script, nothing rendered).' },
  { name: 'js-error', description: 'The students list page throws an uncaught TypeError after rendering.' },
  { name: 'search-ignored', description: 'The students list ignores its search box: typing filters nothing.' },
  { name: 'slow-ttfb', description: 'Every HTML document response is delayed by 1.5 s.' },
  { name: 'layout-shift', description: 'After load, a tall banner is inserted above the main content on every page.' },
  { name: 'slow-lcp', description: 'The hero image of the landing page is delayed by 3 s.' },
  { name: 'a11y-regression', description: 'The "Date" input of the planning page loses its accessible name.' },
  {
    name: 'api-slow',
    description:
      'Every /api/* response of the app origin (its serverless functions) and every REST/RPC response is delayed ' +
      'by 2.5 s (for the SPA, which reads through Supabase, the same as rest-slow).',
  },
  { name: 'supabase-down', description: 'The Supabase origin answers 503 to every Auth and REST request.' },
  { name: 'rest-slow', description: 'Every REST and RPC response of the Supabase origin is delayed by 2.5 s.' },
  { name: 'rls-open', description: "Row-level security is off: a signed-in user sees every tenant's rows." },
  { name: 'token-refresh-broken', description: 'POST /auth/v1/token?grant_type=refresh_token answers 500.' },
  {
    name: 'telemetry-missing',
    description: 'The SPA does not start its Sentry SDK: no Sentry envelope is sent (GA4 and Vercel still are).',
  },
] as const;

/** The name of one fault, as used by the switchboard, REFERENCE_APP_FAULT and the README. */
export type FaultName = (typeof FAULT_DEFINITIONS)[number]['name'];

/** One row of `GET /__faults`. */
export interface FaultState {
  name: FaultName;
  enabled: boolean;
  description: string;
}

/** Every valid fault name, in the order the switchboard lists them. */
export const FAULT_NAMES: readonly FaultName[] = FAULT_DEFINITIONS.map((fault) => fault.name);

/** Faults the browser must know about: the server injects them into the HTML shell. */
export const BROWSER_FAULTS: readonly FaultName[] = [
  'js-error',
  'search-ignored',
  'layout-shift',
  'a11y-regression',
  'telemetry-missing',
];

/** Delays (ms) of the slow faults, shared by the server and the README/tests. */
export const FAULT_DELAYS_MS = { 'slow-ttfb': 1500, 'slow-lcp': 3000, 'api-slow': 2500, 'rest-slow': 2500 } as const;

/** Narrows untrusted input (env, request body) to a fault name. */
export function isFaultName(value: unknown): value is FaultName {
  return typeof value === 'string' && (FAULT_NAMES as readonly string[]).includes(value);
}

/** Holds which faults are on. Outside test mode every fault reads as off and nothing can turn one on. */
export class FaultSwitchboard {
  readonly testMode: boolean;
  readonly #enabled = new Set<FaultName>();

  constructor(testMode: boolean, initiallyEnabled: readonly FaultName[] = []) {
    this.testMode = testMode;
    if (testMode) initiallyEnabled.forEach((name) => this.#enabled.add(name));
  }

  isOn(name: FaultName): boolean {
    return this.testMode && this.#enabled.has(name);
  }

  set(name: FaultName, enabled: boolean): void {
    if (!this.testMode) throw new Error('the fault switchboard is off (start with REFERENCE_APP_FAULTS=1)');
    if (enabled) this.#enabled.add(name);
    else this.#enabled.delete(name);
  }

  list(): FaultState[] {
    return FAULT_DEFINITIONS.map(({ name, description }) => ({ name, enabled: this.isOn(name), description }));
  }

  enabledNames(): FaultName[] {
    return FAULT_NAMES.filter((name) => this.isOn(name));
  }
}
