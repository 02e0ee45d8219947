/**
 * The status page's own CSS and in-page script. The script reads the page's data (a JSON block)
 * and draws one Chart.js line chart per trend, with the SLO's limit as a dashed line; it marks
 * `<body data-charts="…">` when done so a browser test (or a person) can tell the charts were drawn.
 */

export const PAGE_CSS = `
:root { --ok: #1a7f37; --warn: #b08800; --bad: #cf222e; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; \
background: #fff; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 12px; border-bottom: 1px solid \
var(--line); padding-bottom: 6px; }
.muted { color: var(--muted); font-size: 13px; }
.banner { margin: 16px 0; padding: 14px 18px; border-radius: 8px; font-weight: 600; font-size: 17px; color: #fff; }
.banner.operational { background: var(--ok); } .banner.degraded { background: var(--warn); } .banner.outage { \
background: var(--bad); } .banner.no-data { background: var(--muted); }
.stale { margin: 8px 0; padding: 8px 12px; border-left: 4px solid var(--warn); background: #fff8c5; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; background: var(--bg); }
.card .value { font-size: 26px; font-weight: 700; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 13px; }
.meter { height: 8px; background: #e6e9ed; border-radius: 4px; overflow: hidden; margin-top: 8px; }
.meter > span { display: block; height: 100%; background: var(--ok); }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; vertical-align: \
baseline; }
.dot.green { background: var(--ok); } .dot.red { background: var(--bad); } .dot.unknown { background: #afb8c1; }
.sev { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 700; color: #fff; }
.sev.P0 { background: var(--bad); } .sev.P1 { background: var(--warn); } .sev.P2 { background: var(--ok); }
td:first-child { white-space: nowrap; }
.met { color: var(--ok); font-weight: 600; } .missed { color: var(--bad); font-weight: 600; }
.reason { color: var(--muted); font-size: 12px; max-width: 420px; overflow-wrap: anywhere; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
.chart { border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
.chart h3 { font-size: 14px; margin: 0 0 8px; } .chart .box { position: relative; height: 220px; }
details summary { cursor: pointer; color: var(--muted); margin: 8px 0; }
`;

/** Runs in the page, after Chart.js: one chart per trend of the embedded data. */
export const CHART_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('status-data').textContent);
  var drawn = 0;
  data.trends.forEach(function (series) {
    var canvas = document.getElementById('chart-' + series.key);
    if (!canvas || typeof Chart === 'undefined') return;
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: series.labels,
        datasets: [
          { label: series.title, data: series.values, borderColor: '#0969da', backgroundColor: \
'rgba(9,105,218,.12)', fill: true, spanGaps: true, pointRadius: 0, borderWidth: 2, tension: 0.2 },
          { label: 'SLO ' + series.target + (series.unit ? ' ' + series.unit : ''), data: series.labels.map(function \
() { return series.target; }), borderColor: '#cf222e', borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5, fill: \
false }
        ]
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, interaction: { mode: 'index', intersect: \
false },
        scales: { x: { ticks: { maxTicksLimit: 6, maxRotation: 0, autoSkipPadding: 16 } }, y: { beginAtZero: true, \
title: { display: Boolean(series.unit), text: series.unit } } },
        plugins: { legend: { labels: { boxWidth: 12 } } }
      }
    });
    drawn += 1;
  });
  document.body.setAttribute('data-charts', String(drawn));
})();
`;
