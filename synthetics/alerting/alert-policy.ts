/**
 * The alert policy in one place (docs/monitoring-policy.md, from the plan's section 7): how severe each check is,
 * which checks mean "the application is down", when an incident opens and resolves (flap damping),
 * how often an open one is recalled, and where each severity goes. A new severity rule is one line
 * in `rules`; the first matching pattern wins.
 */
import { APP_DOWN_CHECKS } from '../model/check-ids.ts';
import { TELEMETRY } from '../target/viamentor.ts';

export type Severity = 'P0' | 'P1' | 'P2';
/** What kind of trouble an incident is: picks its title and its runbook (docs/monitoring-policy.md#runbooks). */
export const INCIDENT_KINDS = [
  'app-down',
  'login',
  'journey',
  'latency',
  'performance',
  'regression',
  'accessibility',
  'security',
  'telemetry',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
/** `alerts`: a Slack message now (#viamentor-alerts). `digest`: listed in the daily digest only. */
export type Route = 'alerts' | 'digest';

export interface SeverityRule {
  /** Matches an incident key: a check id, `app-down`, `latency:…`, `slow:…` or `regression:…`. */
  pattern: RegExp;
  severity: Severity;
  kind: IncidentKind;
}

export interface AlertPolicy {
  rules: readonly SeverityRule[];
  /** Checks whose confirmed failure means the whole application is down: one grouped P0. */
  appDownChecks: readonly string[];
  /**
   * API p95 above this is a P1 (docs/monitoring-policy.md: "Slow Response — p95 latency > 2s"); the 500 ms SLO
   * is a P2 budget.
   */
  latencyP1Ms: number;
  /**
   * Flap damping, in runs (each failing run already confirmed by a retry inside it): `open` consecutive
   * red runs open an incident, `resolve` consecutive green runs resolve it.
   */
  thresholds: Record<Severity, { open: number; resolve: number }>;
  /** Reminder interval while an incident stays red; null = none (P2 goes to the digest). */
  remindEveryMinutes: Record<Severity, number | null>;
  route: Record<Severity, Route>;
  /** The response time the policy promises, shown in messages. */
  respondWithin: Record<Severity, string>;
}

export const ALERT_POLICY: AlertPolicy = {
  // Over the keys model/check-ids.ts builds: check ids, `app-down`, `latency:`, `slow:`, `regression:` + a check id.
  rules: [
    { pattern: /^app-down$/, severity: 'P0', kind: 'app-down' },
    { pattern: /^journey:login$/, severity: 'P0', kind: 'login' },
    // One tenant reading another's rows is a breach, whatever else works.
    { pattern: /^security:/, severity: 'P0', kind: 'security' },
    { pattern: /^latency:/, severity: 'P1', kind: 'latency' },
    { pattern: /^regression:/, severity: 'P2', kind: 'regression' },
    { pattern: /^(budget|slow):/, severity: 'P2', kind: 'performance' },
    { pattern: /^a11y:/, severity: 'P2', kind: 'accessibility' },
    // A beacon missing (errors or analytics gone dark): the target profile says how severe (P1).
    { pattern: /^telemetry:/, severity: TELEMETRY.severity, kind: 'telemetry' },
    { pattern: /^journey:/, severity: 'P1', kind: 'journey' },
    // Anything else that can fail (a new uptime check, a new kind of check) is a P1 until placed here.
    { pattern: /./, severity: 'P1', kind: 'journey' },
  ],
  appDownChecks: APP_DOWN_CHECKS,
  latencyP1Ms: 2000,
  thresholds: {
    // Pages at once (login broken, app down): damping is on the way out — two green runs to resolve.
    P0: { open: 1, resolve: 2 },
    // Can wait one more run (< 4 h response): damping is on the way in — two red runs to open.
    P1: { open: 2, resolve: 1 },
    // Silent (digest only): track exactly what the last run saw.
    P2: { open: 1, resolve: 1 },
  },
  remindEveryMinutes: { P0: 60, P1: 240, P2: null },
  route: { P0: 'alerts', P1: 'alerts', P2: 'digest' },
  respondWithin: { P0: '15 min', P1: '4 h', P2: '24 h' },
};

/** The rule for an incident key (the catch-all rule guarantees one). */
export function ruleFor(key: string, policy: AlertPolicy = ALERT_POLICY): SeverityRule {
  return policy.rules.find((rule) => rule.pattern.test(key)) ?? { pattern: /./, severity: 'P1', kind: 'journey' };
}
