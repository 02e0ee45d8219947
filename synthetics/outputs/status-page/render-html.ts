/**
 * The status page as one self-contained HTML file: no CDN, no network — Chart.js is inlined, the
 * data is a JSON block — so it opens from `reports/status/index.html` as well as from GitHub Pages.
 * Pure: model and Chart.js source in, HTML out; every text escaped.
 */
import {
  formatDateTime,
  formatDuration,
  formatHour,
  formatMetric,
  formatPercent,
  escapeHtml as esc,
} from './format.ts';
import { CHART_SCRIPT, PAGE_CSS } from './page-assets.ts';
import type { CheckRow, IncidentRow, StatusModel } from './status-model.ts';

const OVERALL_TEXT: Record<StatusModel['overall'], string> = {
  operational: 'All systems operational',
  degraded: 'Degraded: an important journey is failing',
  outage: 'Major outage',
  'no-data': 'No scheduled run recorded yet',
};

/** Inline `<script>` content must not close its own element. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

/** JSON safe inside `<script type="application/json">`. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function availabilitySection(model: StatusModel): string {
  const cards = model.availability.map(
    (window) => `
    <div class="card" id="availability-${window.days}d">
      <div class="label">Availability · ${esc(window.label)}</div>
      <div class="value">${formatPercent(window.value)}</div>
      <div class="muted">${window.downtimeMinutes} min down · ${window.runs} runs</div>
    </div>`,
  );
  return (
    `<h2>Uptime</h2><div class="cards">${cards.join('')}</div>
  <p class="muted">Time-weighted: each scheduled ` +
    `run stands for the time until the next one (at most twice the ${model.scheduleMinutes}-minute schedule); a ` +
    `run where the home page or the health endpoint was confirmed down counts that time as downtime.</p>`
  );
}

function sloSection(model: StatusModel): string {
  const slo = model.slo;
  const mark = (met: boolean | undefined) =>
    met === undefined ? '—' : met ? '<span class="met">✓ met</span>' : '<span class="missed">✗ missed</span>';
  const left = Math.max(0, Math.min(1, slo.budgetLeftMinutes / slo.budgetMinutes));
  const overspent =
    slo.budgetLeftMinutes < 0 ? ` · overspent by ${Math.round(-slo.budgetLeftMinutes * 10) / 10} min` : '';
  const rows: Array<[string, string, string, boolean | undefined]> = [
    ['Availability', formatPercent(slo.availability), '≥ 99.900 %', slo.met.availability],
    ['API response time p95', formatMetric(slo.p95ResponseMs, 'ms'), '≤ 500 ms', slo.met.p95ResponseMs],
    ['LCP p75', formatMetric(slo.p75.lcp, 'ms'), '≤ 2500 ms', slo.met.lcp],
    ['CLS p75', formatMetric(slo.p75.cls, ''), '≤ 0.1', slo.met.cls],
    ['TTFB p75', formatMetric(slo.p75.ttfb, 'ms'), '≤ 600 ms', slo.met.ttfb],
  ];
  const meterStyle = `width:${(left * 100).toFixed(1)}%;${left < 0.25 ? 'background:var(--bad)' : ''}`;
  const downtime = `${slo.downtimeMinutes} min of downtime in ${slo.runs} runs (${slo.downRuns} down)${overspent}`;
  const sloRows = rows.map(
    ([name, value, target, met]) =>
      `<tr><td>${name}</td><td class="num">${value}</td><td class="num">${target}</td><td>${mark(met)}</td></tr>`,
  );
  return `<h2>SLO and error budget · ${slo.windowDays} days</h2>
  <div class="cards">
    <div class="card" id="error-budget"><div class="label">Error budget left</div>
      <div class="value">${Math.max(0, slo.budgetLeftMinutes)} / ${slo.budgetMinutes} min</div>
      <div class="meter"><span style="${meterStyle}"></span></div>
      <div class="muted">${downtime}</div></div>
  </div>
  <table id="slo"><thead><tr><th>objective</th><th>measured</th><th>target</th><th>met</th></tr></thead><tbody>
  ${sloRows.join('')}
  </tbody></table>`;
}

function incidentRows(rows: readonly IncidentRow[], resolved: boolean): string {
  return rows
    .map((incident) => {
      const checks = incident.checks.map((check) => `<code>${esc(check)}</code>`).join(' ');
      const reason = incident.reason ? `<div class="reason">${esc(incident.reason)}</div>` : '';
      const flaps = incident.flaps ? ` · unstable (${incident.flaps}×)` : '';
      const about = `<div class="muted"><code>${esc(incident.key)}</code> · ${checks}</div>${reason}`;
      return `<tr data-incident="${esc(incident.key)}">
    <td><span class="sev ${incident.severity}">${incident.severity}</span></td>
    <td><strong>${esc(incident.subject)}</strong>${about}</td>
    <td class="num">${formatDateTime(incident.since)}</td>
    ${resolved ? `<td class="num">${incident.resolvedAt ? formatDateTime(incident.resolvedAt) : '—'}</td>` : ''}
    <td class="num">${formatDuration(incident.durationMs)}${flaps}</td></tr>`;
    })
    .join('');
}

function incidentsSection(model: StatusModel): string {
  const openHead = '<thead><tr><th>severity</th><th>incident</th><th>since</th><th>lasting</th></tr></thead>';
  const recentHead =
    '<thead><tr><th>severity</th><th>incident</th><th>started</th><th>resolved</th><th>lasted</th></tr></thead>';
  const open = model.openIncidents.length
    ? `<table id="open-incidents">${openHead}<tbody>${incidentRows(model.openIncidents, false)}</tbody></table>`
    : '<p id="open-incidents">No open incident.</p>';
  const recent = model.recentIncidents.length
    ? `<table id="recent-incidents">${recentHead}<tbody>${incidentRows(model.recentIncidents, true)}</tbody></table>`
    : '<p id="recent-incidents">No incident in the last 30 days.</p>';
  return `<h2>Open incidents</h2>${open}<h2>Resolved incidents · 30 days</h2>${recent}`;
}

function trendsSection(model: StatusModel): string {
  const charts = model.trends.map((series) => {
    const measured = series.values.some((value) => value !== null);
    const body = measured
      ? `<div class="box"><canvas id="chart-${series.key}" role="img" aria-label="${esc(series.title)}, hourly, ` +
        `last ${model.trendDays} days"></canvas></div>`
      : '<p class="muted">No measurement in this period.</p>';
    return (
      `<div class="chart" data-trend="${series.key}"><h3>${esc(series.title)}</h3>${body}<div ` +
      `class="muted">Hourly ${series.percentile === 95 ? 'p95' : 'p75'} of the ${esc(series.source)}; dashed: ` +
      `the SLO.</div></div>`
    );
  });
  return `<h2>Trends · last ${model.trendDays} days</h2><div class="charts">${charts.join('')}</div>`;
}

function checkRow(row: CheckRow): string {
  const reason = row.state === 'green' ? '' : esc(row.error ?? '');
  const name = `<span class="dot ${row.state}"></span><code>${esc(row.id)}</code>`;
  return `<tr data-check="${esc(row.id)}"><td>${name}</td><td>${esc(row.status)}</td>
    ${row.uptime.map((share) => `<td class="num">${formatPercent(share, 2)}</td>`).join('')}
    <td class="num">${formatDateTime(row.at)}</td><td class="reason">${reason}</td></tr>`;
}

function checksSection(model: StatusModel): string {
  const head =
    '<thead><tr><th>check</th><th>last status</th><th>24 h</th><th>7 d</th><th>30 d</th><th>last ' +
    'seen</th><th>reason</th></tr></thead>';
  const main = model.checks.filter((row) => row.kind !== 'budget');
  const budgets = model.checks.filter((row) => row.kind === 'budget');
  const open = budgets.some((row) => row.state === 'red') ? ' open' : '';
  const budgetTable = `<table id="budgets">${head}<tbody>${budgets.map(checkRow).join('')}</tbody></table>`;
  const summary = `<summary>Performance budgets (${budgets.length})</summary>`;
  const budgetDetails = `<details${open}>${summary}${budgetTable}</details>`;
  return `<h2>Checks</h2><table id="checks">${head}<tbody>${main.map(checkRow).join('')}</tbody></table>
  ${budgets.length ? budgetDetails : ''}`;
}

/** The whole page. `chartJs` is Chart.js's UMD build (inlined: the page needs no network). */
export function renderStatusPage(model: StatusModel, chartJs: string): string {
  const data = {
    trends: model.trends.map((series) => ({
      key: series.key,
      title: series.title,
      unit: series.unit,
      target: series.target,
      labels: series.buckets.map(formatHour),
      values: series.values,
    })),
  };
  const last = model.lastRunAt ? `last scheduled run ${formatDateTime(model.lastRunAt)}` : 'no scheduled run yet';
  const generated = formatDateTime(model.generatedAt);
  const stale =
    model.stale && model.lastRunAt
      ? `<div class="stale">The last scheduled run is more than ${2 * model.scheduleMinutes} minutes old: ` +
        'the monitor itself may be stopped (see the Actions tab).</div>'
      : '';
  const about =
    `Viamentor Synthetics — synthetic monitoring: uptime every ${model.scheduleMinutes} minutes, ` +
    'journeys, Lighthouse budgets.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Viamentor status</title><style>${PAGE_CSS}</style></head>
<body data-charts="pending"><main>
<h1>Viamentor status</h1>
<div class="muted">${esc(model.target)} · ${last} · generated ${generated} (Europe/Zurich)</div>
<div class="banner ${model.overall}" id="overall">${OVERALL_TEXT[model.overall]}</div>
${stale}
${availabilitySection(model)}
${incidentsSection(model)}
${sloSection(model)}
${trendsSection(model)}
${checksSection(model)}
<p class="muted">${about}</p>
</main>
<script type="application/json" id="status-data">${inlineJson(data)}</script>
<script>${inlineScript(chartJs)}</script>
<script>${inlineScript(CHART_SCRIPT)}</script>
</body></html>
`;
}
