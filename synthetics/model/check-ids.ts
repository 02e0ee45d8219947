/**
 * Check ids and incident keys: the one place that builds and reads them. They are a public contract
 * (summary.json, history, Slack, the README, docs/result-schema.md) and must not change:
 *
 *   uptime:<name>                  uptime:home, uptime:health
 *   journey:<name>                 journey:login
 *   security:<name>                security:tenant-isolation
 *   telemetry:<name>               telemetry:sentry
 *   a11y:<page>                    a11y:dashboard
 *   budget:<page>:<metric>         a Lighthouse lab metric on desktop (budget:home:lcp)
 *   budget:<page>:mobile-<metric>  the same on mobile (budget:home:mobile-cls)
 *   budget:<page>:journey-<metric> a web vital inside the journeys (budget:planning:journey-inp)
 *   budget:api:p95                 the p95 of the API response times
 *
 * Incident keys are a check id, `app-down`, or `latency:` / `slow:` / `regression:` before a check id.
 * Pure: strings in, strings or parts out.
 */
import { LAB_METRICS, VITAL_METRICS, type LabMetric, type VitalMetric } from './observations.ts';

/** Every kind of check, in the order the run result lists them. */
export const CHECK_KINDS = ['uptime', 'journey', 'security', 'telemetry', 'budget', 'a11y'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** A check or page name: lower-case letters, digits and dashes (budgets.json's page names, journey names). */
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Where a budget's value comes from: a Lighthouse lab run (desktop or mobile), the journeys, the API. */
export type BudgetSource = 'lab' | 'mobile' | 'journey' | 'api';

/** The parts of a check id. */
export type CheckIdParts =
  | { kind: 'uptime' | 'journey' | 'security' | 'telemetry'; name: string }
  | { kind: 'a11y'; page: string }
  | { kind: 'budget'; source: 'lab' | 'mobile'; page: string; metric: LabMetric }
  | { kind: 'budget'; source: 'journey'; page: string; metric: VitalMetric }
  | { kind: 'budget'; source: 'api'; page: 'api'; metric: 'p95' };

export type BudgetIdParts = Extract<CheckIdParts, { kind: 'budget' }>;

/** The API p95 budget: the one budget that is not a page's. */
export const API_P95_CHECK = 'budget:api:p95';

/** Builders, one per form of id. */
export const checkId = {
  uptime: (name: string): string => `uptime:${name}`,
  journey: (name: string): string => `journey:${name}`,
  security: (name: string): string => `security:${name}`,
  telemetry: (name: string): string => `telemetry:${name}`,
  a11y: (page: string): string => `a11y:${page}`,
  /** `budget:home:lcp` on desktop, `budget:home:mobile-lcp` on another form factor. */
  lab: (page: string, metric: LabMetric, formFactor: 'desktop' | 'mobile' = 'desktop'): string =>
    `budget:${page}:${budgetMetricLabel({ source: formFactor === 'desktop' ? 'lab' : 'mobile', metric })}`,
  /** `budget:<page>:journey-<metric>`: a web vital measured inside the journeys. */
  vital: (page: string, metric: VitalMetric): string => `budget:${page}:journey-${metric}`,
} as const;

/** The uptime checks whose confirmed failure means the whole application is down. */
export const APP_DOWN_CHECKS: readonly string[] = [checkId.uptime('home'), checkId.uptime('health')];

/** The third part of a budget id, as the console and the budget assertion show it: `journey-lcp`, `p95`. */
export function budgetMetricLabel(parts: Pick<BudgetIdParts, 'source' | 'metric'>): string {
  return parts.source === 'mobile' || parts.source === 'journey' ? `${parts.source}-${parts.metric}` : parts.metric;
}

/** Builds the id of its parts (the inverse of `parseCheckId`). */
export function formatCheckId(parts: CheckIdParts): string {
  if (parts.kind === 'a11y') return checkId.a11y(parts.page);
  if (parts.kind === 'budget') return `budget:${parts.page}:${budgetMetricLabel(parts)}`;
  return `${parts.kind}:${parts.name}`;
}

function parseBudget(page: string, label: string): BudgetIdParts | undefined {
  if (`budget:${page}:${label}` === API_P95_CHECK) return { kind: 'budget', source: 'api', page: 'api', metric: 'p95' };
  if (!NAME.test(page)) return undefined;
  const [, prefix, metric = ''] = /^(?:(mobile|journey)-)?(.*)$/.exec(label) ?? [];
  if (prefix === 'journey') {
    return (VITAL_METRICS as readonly string[]).includes(metric)
      ? { kind: 'budget', source: 'journey', page, metric: metric as VitalMetric }
      : undefined;
  }
  if (!(LAB_METRICS as readonly string[]).includes(metric)) return undefined;
  return { kind: 'budget', source: prefix === 'mobile' ? 'mobile' : 'lab', page, metric: metric as LabMetric };
}

/** The parts of a well-formed id; undefined for anything else (an unknown kind, a bad name, a stray `:`). */
export function parseCheckId(id: string): CheckIdParts | undefined {
  const [kind, first, second, ...rest] = id.split(':');
  if (first === undefined || rest.length > 0) return undefined;
  if (kind === 'budget') return second === undefined ? undefined : parseBudget(first, second);
  if (second !== undefined || !NAME.test(first)) return undefined;
  if (kind === 'a11y') return { kind, page: first };
  if (kind === 'uptime' || kind === 'journey' || kind === 'security' || kind === 'telemetry')
    return { kind, name: first };
  return undefined;
}

/** The kind an id names by its prefix (`journey:login` → journey); undefined when it names none. */
export function idKind(id: string): CheckKind | undefined {
  const prefix = id.split(':')[0];
  return (CHECK_KINDS as readonly string[]).includes(prefix ?? '') ? (prefix as CheckKind) : undefined;
}

/** The kind of a check for the run result: an id of no known kind is listed with the journeys. */
export function kindOf(id: string): CheckKind {
  return idKind(id) ?? 'journey';
}

/** What a check is about: a check's name (`journey:booking` → booking) or its page (`a11y:home` → home). */
export function checkName(id: string | undefined): string | undefined {
  const parts = id === undefined ? undefined : parseCheckId(id);
  if (!parts) return undefined;
  return 'name' in parts ? parts.name : parts.page;
}

/** The name of a journey check (`journey:invoice` → invoice); undefined for any other id. */
export function journeyName(id: string): string | undefined {
  const parts = parseCheckId(id);
  return parts?.kind === 'journey' ? parts.name : undefined;
}

/** The parts of a budget id; undefined for any other id. */
export function parseBudgetId(id: string): BudgetIdParts | undefined {
  const parts = parseCheckId(id);
  return parts?.kind === 'budget' ? parts : undefined;
}

/** Whether an id is a page's budget of `metric`, lab (desktop or mobile) or in the journeys: the SLO's web vitals. */
export function isPageBudgetOf(id: string, metric: LabMetric | VitalMetric): boolean {
  const budget = parseBudgetId(id);
  return budget !== undefined && budget.source !== 'api' && budget.metric === metric;
}

/** The unit a metric is shown in (model/numbers.ts formatValue): CLS has none, sizes are bytes, counts requests. */
export function unitOfMetric(metric: string): string {
  if (metric === 'cls') return '';
  if (metric === 'transferBytes') return 'bytes';
  if (metric === 'requests') return 'requests';
  return 'ms';
}

/** The unit of a budget check's values (`budget:home:mobile-cls` → none); ms for any other id. */
export function unitOfCheck(id: string): string {
  return unitOfMetric(parseBudgetId(id)?.metric ?? '');
}

/** The key of an incident that is not one check's own red: the app down, a latency, a slow journey, a regression. */
export const incidentKey = {
  appDown: 'app-down',
  latency: (checkId: string): string => `latency:${checkId}`,
  slow: (checkId: string): string => `slow:${checkId}`,
  regression: (checkId: string): string => `regression:${checkId}`,
} as const;

export type IncidentKeyParts =
  | { kind: 'app-down' }
  | { kind: 'check' | 'latency' | 'slow' | 'regression'; checkId: string };

/** The parts of an incident key: what it is about and the check it stands for; undefined when malformed. */
export function parseIncidentKey(key: string): IncidentKeyParts | undefined {
  if (key === incidentKey.appDown) return { kind: 'app-down' };
  const [, prefix, rest = ''] = /^(latency|slow|regression):(.*)$/.exec(key) ?? [];
  if (prefix)
    return parseCheckId(rest) ? { kind: prefix as 'latency' | 'slow' | 'regression', checkId: rest } : undefined;
  return parseCheckId(key) ? { kind: 'check', checkId: key } : undefined;
}

/** Builds an incident key of its parts (the inverse of `parseIncidentKey`). */
export function formatIncidentKey(parts: IncidentKeyParts): string {
  return parts.kind === 'app-down'
    ? incidentKey.appDown
    : parts.kind === 'check'
      ? parts.checkId
      : `${parts.kind}:${parts.checkId}`;
}
