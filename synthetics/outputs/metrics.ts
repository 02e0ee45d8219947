/**
 * `metrics.prom`: the run as Prometheus text exposition (format 0.0.4) — every family with `# HELP`
 * and `# TYPE`, label names that never change (`target`, `check`, `kind`, `severity`), times in
 * seconds. Scraped from the published report or pushed to a Pushgateway. Pure.
 */
import { API_P95_CHECK } from '../model/check-ids.ts';
import type { RunSummary } from '../model/run-result.ts';
import type { AlertingSection } from './alerting-report.ts';

/** The prefix of every metric name. */
export const METRIC_PREFIX = 'viamentor_synthetics';

type Labels = Record<string, string>;
interface Family {
  name: string;
  help: string;
  samples: Array<{ labels: Labels; value: number }>;
}

/** A label value with `\`, `"` and newlines escaped as the format requires. */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return String(value);
}

function render(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families.filter((candidate) => candidate.samples.length > 0)) {
    const name = `${METRIC_PREFIX}_${family.name}`;
    lines.push(`# HELP ${name} ${family.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} gauge`);
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels)
        .map(([key, value]) => `${key}="${escapeLabel(value)}"`)
        .join(',');
      lines.push(`${name}{${labels}} ${formatValue(sample.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const UP = new Set(['passed', 'flaky', 'degraded']);
const SEVERITIES = ['P0', 'P1', 'P2'] as const;

/** The metrics of one run (its checks, budgets, open incidents and the run itself). */
export function formatMetrics(summary: RunSummary, alerting: AlertingSection | undefined): string {
  const target = summary.target.baseUrl;
  const checks = summary.checks;
  const budgets = checks.filter(
    (check) => check.kind === 'budget' && check.actual !== undefined && check.expected !== undefined,
  );
  const p95 = checks.find((check) => check.id === API_P95_CHECK)?.actual;
  const open = (alerting?.incidents.open ?? []).filter((incident) => incident.status === 'open');
  const of = (check: { id: string; kind: string }) => ({ target, check: check.id, kind: check.kind });
  return render([
    {
      name: 'check_up',
      help: '1 when the check passed (flaky or degraded included), 0 when it failed, errored or could not run.',
      samples: checks.map((check) => ({ labels: of(check), value: UP.has(check.status) ? 1 : 0 })),
    },
    {
      name: 'check_duration_seconds',
      help: 'How long the check took in this run, retries included.',
      samples: checks.map((check) => ({ labels: of(check), value: check.durationMs / 1000 })),
    },
    {
      name: 'budget_value',
      help: 'The measured value of a budget (ms for times, bytes for weight, a count for requests, unitless for CLS).',
      samples: budgets.map((check) => ({ labels: { target, check: check.id }, value: check.actual! })),
    },
    {
      name: 'budget_limit',
      help: 'The budget a measured value must stay at or under, in the same unit as budget_value.',
      samples: budgets.map((check) => ({ labels: { target, check: check.id }, value: check.expected! })),
    },
    {
      name: 'api_p95_seconds',
      help: 'The 95th percentile of the API calls the journeys made in this run.',
      samples: p95 === undefined ? [] : [{ labels: { target }, value: p95 / 1000 }],
    },
    {
      name: 'open_incidents',
      help: 'Incidents open after this run, by severity.',
      samples: alerting
        ? SEVERITIES.map((severity) => ({
            labels: { target, severity },
            value: open.filter((incident) => incident.severity === severity).length,
          }))
        : [],
    },
    {
      name: 'silences_active',
      help: 'Silences and maintenance windows in force during this run.',
      samples: alerting?.silences ? [{ labels: { target }, value: alerting.silences.active.length }] : [],
    },
    {
      name: 'run_success',
      help: '1 when every check of the run is green, 0 otherwise.',
      samples: [{ labels: { target }, value: summary.verdict === 'pass' ? 1 : 0 }],
    },
    {
      name: 'run_duration_seconds',
      help: 'How long the run took, from its start to its result.',
      samples: [{ labels: { target }, value: summary.durationMs / 1000 }],
    },
    {
      name: 'run_timestamp_seconds',
      help: 'When the run ended, in seconds since the epoch.',
      samples: [{ labels: { target }, value: Date.parse(summary.endedAt) / 1000 }],
    },
  ]);
}
