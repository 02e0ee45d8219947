/** The run result as the console shows it: one row per check, failures explained under the table. */
import type { CheckStatus, RunSummary } from '../result/types.ts';

const MARK: Record<CheckStatus, string> = {
  passed: '✔ passed',
  failed: '✘ FAILED',
  flaky: '~ flaky',
  skipped: '- skipped',
  degraded: '! degraded',
  error: '✘ ERROR',
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Renders the summary table, the reasons of failures and warnings, and where the reports are. */
export function formatConsoleSummary(summary: RunSummary): string {
  const rows = summary.checks.map((check) => [check.id, MARK[check.status], seconds(check.durationMs), String(check.attempts)]);
  const header = ['check', 'status', 'time', 'attempts'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const out = [
    '',
    `Viamentor synthetics — run ${summary.runId} against ${summary.target.baseUrl}${summary.target.bundled ? ' (bundled reference app)' : ''}`,
    '',
    line(header),
    line(widths.map((width) => '─'.repeat(width))),
    ...rows.map(line),
    '',
  ];
  const failures = summary.checks.filter((check) => check.status !== 'passed' && check.status !== 'flaky' && check.error);
  for (const check of failures) {
    out.push(`${check.id}: ${check.error ?? 'failed'}`);
    for (const path of check.evidence ?? []) out.push(`    evidence: ${path}`);
  }
  for (const warning of summary.warnings) out.push(`warning: ${warning}`);
  const counted = (Object.entries(summary.counts) as Array<[CheckStatus, number]>)
    .filter(([status, count]) => count > 0 || ['passed', 'failed'].includes(status))
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  out.push(
    `${failures.length || summary.warnings.length ? '\n' : ''}Verdict: ${summary.verdict.toUpperCase()} — ${counted} in ${seconds(summary.durationMs)}`,
    `Reports: ${summary.reports.dir}/summary.json · ${summary.reports.html} · ${summary.reports.junit}`,
    '',
  );
  return out.join('\n');
}
