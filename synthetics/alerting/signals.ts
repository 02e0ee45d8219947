/**
 * From a run's checks (and its regressions) to alert signals: one per thing that can be an incident,
 * red, green or unknown, with its severity from the policy. Grouping happens here: when the app is
 * down (home or health confirmed red) the outage is ONE `app-down` signal carrying every red check,
 * and the checks it explains say nothing (unknown) — one incident, not one per journey. Pure.
 */
import { API_P95_CHECK, idKind, incidentKey } from '../model/check-ids.ts';
import type { CheckResult, CheckStatus } from '../model/run-result.ts';
import { ALERT_POLICY, ruleFor, type AlertPolicy, type IncidentKind, type Severity } from './alert-policy.ts';
import type { RegressionResult } from './regressions.ts';

export type SignalState = 'red' | 'green' | 'unknown';

export interface Signal {
  /** The incident key: a check id, `app-down`, `latency:<check>`, `slow:<journey>`, `regression:<check>`. */
  key: string;
  severity: Severity;
  kind: IncidentKind;
  state: SignalState;
  /** What it is about, for people: the check's title or id. */
  subject: string;
  /** Checks this signal stands for (every red check for `app-down`). */
  checkIds: string[];
  /** The first failure reason. */
  reason?: string;
  /** Report-relative evidence of the first failure (trace, screenshot). */
  evidence?: string[];
}

/** Confirmed red (failed after the in-run retry, or a measurement error); flaky is green: it paged nobody. */
export function stateOf(status: CheckStatus): SignalState {
  if (status === 'failed' || status === 'error') return 'red';
  if (status === 'skipped') return 'unknown';
  return 'green';
}

type CheckLike = Pick<CheckResult, 'id' | 'title' | 'status'> &
  Partial<Pick<CheckResult, 'error' | 'evidence' | 'actual'>>;

function signal(
  key: string,
  state: SignalState,
  subject: string,
  checkIds: string[],
  policy: AlertPolicy,
  from?: CheckLike,
): Signal {
  const rule = ruleFor(key, policy);
  return {
    key,
    severity: rule.severity,
    kind: rule.kind,
    state,
    subject,
    checkIds,
    ...(state === 'red' && from?.error ? { reason: from.error } : {}),
    ...(state === 'red' && from?.evidence?.length ? { evidence: from.evidence } : {}),
  };
}

function appDownSignal(checks: readonly CheckLike[], policy: AlertPolicy): Signal | undefined {
  const uptime = checks.filter((check) => policy.appDownChecks.includes(check.id));
  const known = uptime.filter((check) => stateOf(check.status) !== 'unknown');
  if (known.length === 0) return undefined;
  const down = known.filter((check) => stateOf(check.status) === 'red');
  if (down.length === 0)
    return signal(
      incidentKey.appDown,
      'green',
      'application',
      known.map((check) => check.id),
      policy,
    );
  const alsoRed = checks.filter(
    (check) =>
      !policy.appDownChecks.includes(check.id) &&
      stateOf(check.status) === 'red' &&
      idKind(check.id) !== 'budget' &&
      idKind(check.id) !== 'a11y',
  );
  return signal(
    incidentKey.appDown,
    'red',
    'application',
    [...down, ...alsoRed].map((check) => check.id),
    policy,
    down[0],
  );
}

/** The extra signals of one check: a slow (degraded) journey, an API p95 past the P1 threshold. */
function derivedSignals(check: CheckLike, state: SignalState, policy: AlertPolicy): Signal[] {
  const out: Signal[] = [];
  if (idKind(check.id) === 'journey') {
    const slow = check.status === 'degraded' ? 'red' : state === 'green' ? 'green' : 'unknown';
    out.push(
      signal(
        incidentKey.slow(check.id),
        slow,
        check.title,
        [check.id],
        policy,
        check.status === 'degraded' ? check : undefined,
      ),
    );
  }
  if (check.id === API_P95_CHECK && check.actual !== undefined) {
    const latency = state === 'unknown' ? 'unknown' : check.actual > policy.latencyP1Ms ? 'red' : 'green';
    const reason = `API p95 ${Math.round(check.actual)} ms > ${policy.latencyP1Ms} ms`;
    out.push(
      signal(incidentKey.latency(check.id), latency, 'API p95', [check.id], policy, { ...check, error: reason }),
    );
  }
  return out;
}

/** Every signal of a run. Regressions add `regression:<check>` signals (unknown without a baseline). */
export function deriveSignals(
  checks: readonly CheckLike[],
  regressions: readonly RegressionResult[] = [],
  policy: AlertPolicy = ALERT_POLICY,
): Signal[] {
  const appDown = appDownSignal(checks, policy);
  const outage = appDown?.state === 'red';
  const signals: Signal[] = appDown ? [appDown] : [];
  for (const check of checks) {
    if (policy.appDownChecks.includes(check.id)) continue;
    const own = stateOf(check.status);
    const state: SignalState = outage ? 'unknown' : own;
    signals.push(signal(check.id, state, check.title, [check.id], policy, check));
    signals.push(
      ...derivedSignals(check, state, policy).map((derived) =>
        outage ? { ...derived, state: 'unknown' as const } : derived,
      ),
    );
  }
  for (const regression of regressions) {
    const state: SignalState =
      outage || regression.status === 'no-baseline' ? 'unknown' : regression.status === 'regression' ? 'red' : 'green';
    signals.push(
      signal(incidentKey.regression(regression.checkId), state, regression.checkId, [regression.checkId], policy, {
        id: regression.checkId,
        title: regression.checkId,
        status: 'failed',
        error: regression.message,
      }),
    );
  }
  return signals;
}
