/**
 * The job's own step timings in its summary, so the billed minutes of every run are visible: GitHub
 * bills each job rounded up to the minute, and set-up steps (the container, `npm ci`) count too.
 * Reads the run's jobs from the REST API (the job's token, `actions: read`) and prints Markdown.
 *
 * `node .github/scripts/step-durations.ts "<job name>" >> "$GITHUB_STEP_SUMMARY"` (GH_TOKEN,
 * GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID from the job). Never fails the job: exit 0.
 */
import { argv, env } from 'node:process';

/** A step as the jobs API gives it. */
export interface ApiStep {
  name: string;
  status: string;
  started_at: string | null;
  completed_at: string | null;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(0)} s`;
}

/** Pure: the table of steps with their durations, the job's total and its billed minutes. */
export function formatStepDurations(jobName: string, steps: readonly ApiStep[], now: Date): string {
  const rows = steps
    .filter((step) => step.started_at)
    .map((step) => {
      const end = step.completed_at ? Date.parse(step.completed_at) : now.getTime();
      return { name: step.name, ms: Math.max(0, end - Date.parse(step.started_at!)), running: !step.completed_at };
    });
  const first = steps.find((step) => step.started_at)?.started_at;
  const totalMs = first ? now.getTime() - Date.parse(first) : 0;
  return [
    `### Step durations — ${jobName}`,
    '',
    '| step | duration |',
    '|---|---:|',
    ...rows.map(
      (row) => `| ${row.name.replace(/\|/g, '\\|')} | ${seconds(row.ms)}${row.running ? ' (running)' : ''} |`,
    ),
    `| **job so far** | **${seconds(totalMs)}** — billed ${Math.max(1, Math.ceil(totalMs / 60_000))} min ` +
      `(rounded up) |`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const jobName = argv[2] ?? '';
  const run = `${env.GITHUB_API_URL}/repos/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  const url = `${run}/jobs?per_page=100`;
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${env.GH_TOKEN}`, accept: 'application/vnd.github+json' },
    });
    const body = (await response.json()) as { jobs?: Array<{ name: string; status: string; steps?: ApiStep[] }> };
    const job = body.jobs?.find((candidate) => candidate.name === jobName && candidate.status !== 'completed');
    console.log(
      job
        ? formatStepDurations(jobName, job.steps ?? [], new Date())
        : `_Step durations: job "${jobName}" not found (HTTP ${response.status})._\n`,
    );
  } catch (error) {
    console.log(`_Step durations unavailable: ${(error as Error).message}._\n`);
  }
}

if (import.meta.main) await main();
