/**
 * The run result as the console shows it: the checks table, the budgets table (page, metric,
 * budget, aggregate, every value, verdict — failures first), the reasons of what is not green,
 * and where the reports are.
 */
import { budgetMetricLabel, parseBudgetId, unitOfCheck } from '../model/check-ids.ts';
import type { CheckResult, CheckStatus, RunSummary } from '../model/run-result.ts';
import { formatValue } from '../model/numbers.ts';

const MARK: Record<CheckStatus, string> = {
  passed: '✔ passed',
  failed: '✘ FAILED',
  flaky: '~ flaky',
  skipped: '- skipped',
  degraded: '! degraded',
  error: '✘ ERROR',
};
const GREEN: readonly CheckStatus[] = ['passed', 'flaky'];

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A plain-text table with padded columns. */
export function formatTable(header: readonly string[], rows: readonly string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)];
}

function budgetRows(budgets: readonly CheckResult[]): string[][] {
  const ordered = [...budgets].sort((a, b) => Number(GREEN.includes(a.status)) - Number(GREEN.includes(b.status)));
  return ordered.map((check) => {
    const parts = parseBudgetId(check.id);
    const [page, metric] = parts ? [parts.page, budgetMetricLabel(parts)] : [check.id, ''];
    const unit = unitOfCheck(check.id);
    return [
      page,
      metric,
      `<= ${formatValue(check.expected, unit)}`,
      formatValue(check.actual, unit),
      (check.values ?? [])
        .map((value) => formatValue(value, unit))
        .join(', ')
        .slice(0, 60),
      MARK[check.status],
    ];
  });
}

/** Renders the whole console summary of a run. */
export function formatConsoleSummary(summary: RunSummary): string {
  const budgets = summary.checks.filter((check) => check.kind === 'budget');
  const others = summary.checks.filter((check) => check.kind !== 'budget');
  const out = [
    '',
    `Viamentor synthetics — run ${summary.runId} against ${summary.target.baseUrl}` +
      (summary.target.bundled ? ' (bundled reference app)' : ''),
    '',
    ...formatTable(
      ['check', 'status', 'time', 'attempts'],
      others.map((check) => [check.id, MARK[check.status], seconds(check.durationMs), String(check.attempts)]),
    ),
    '',
  ];
  if (budgets.length)
    out.push(...formatTable(['page', 'metric', 'budget', 'actual', 'all values', 'verdict'], budgetRows(budgets)), '');
  const notGreen = summary.checks.filter((check) => !GREEN.includes(check.status) && check.error);
  for (const check of notGreen) {
    out.push(`${check.id}: ${check.error}`);
    for (const path of check.evidence ?? []) out.push(`    evidence: ${path}`);
  }
  for (const warning of summary.warnings) out.push(`warning: ${warning}`);
  const counted = (Object.entries(summary.counts) as Array<[CheckStatus, number]>)
    .filter(([status, count]) => count > 0 || status === 'passed' || status === 'failed')
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  out.push(
    `${notGreen.length || summary.warnings.length ? '\n' : ''}` +
      `Verdict: ${summary.verdict.toUpperCase()} — ${counted} in ${seconds(summary.durationMs)}`,
    `Reports: ${summary.reports.dir}/summary.json · ${summary.reports.html} · ${summary.reports.junit}`,
    '',
  );
  return out.join('\n');
}
