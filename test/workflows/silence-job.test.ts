/**
 * The `silence` job of synthetics.yml (workflow_dispatch, tier "silence"): only by hand, its inputs
 * reach the script as environment variables (never spliced into it), no secret but the state token
 * on the two state steps, the same state-branch restore/persist as the run jobs — and its script,
 * run as the job runs it, sets, lists and clears a silence in the incident state.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  if: string;
  permissions: Record<string, string>;
  concurrency: { group: string };
  steps: Step[];
}

const workflow = parse(readFileSync('.github/workflows/synthetics.yml', 'utf8')) as {
  jobs: Record<string, Job & { if?: string }>;
};
const job = workflow.jobs.silence!;
const script = job.steps.find((step) => step.run?.includes('npm run --silent silence'))!;

/** The test's environment without anything that would point the CLI elsewhere (no .env, no target). */
function hermetic(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SYNTHETICS_ENV_FILE: 'none' };
  for (const name of Object.keys(env)) if (/^(SILENCE_|BASE_URL$|SYNTHETICS_NOW$)/.test(name)) delete env[name];
  return env;
}

/** Runs the job's script with bash, as the runner does, in a state folder of its own. */
function runScript(inputs: Record<string, string>, stateDir: string) {
  const summary = join(stateDir, 'summary.md');
  const env: NodeJS.ProcessEnv = { ...hermetic(), HISTORY_PATH: stateDir, GITHUB_STEP_SUMMARY: summary };
  for (const name of ['SILENCE_FOR', 'SILENCE_REASON', 'SILENCE_CHECK', 'SILENCE_CLEAR'])
    env[name] = inputs[name] ?? '';
  const result = spawnSync('bash', ['-e', '-c', script.run!], { encoding: 'utf8', env, timeout: 60_000 });
  const state = JSON.parse(readFileSync(join(stateDir, 'incidents.json'), 'utf8').toString() || '{}') as {
    silences?: Array<{ id: string; checks?: string; reason: string; until: string }>;
  };
  return { ...result, summary: readFileSync(summary, 'utf8'), state };
}

describe('synthetics.yml: the silence job', () => {
  test('only by hand, with tier "silence"; the monitoring jobs do not run then', () => {
    assert.equal(job.if, "github.event_name == 'workflow_dispatch' && inputs.tier == 'silence'");
    assert.match(workflow.jobs.run!.if!, /inputs\.tier != 'silence'/);
    assert.match(workflow.jobs.digest!.if!, /inputs\.tier == 'digest'/);
    assert.deepEqual(job.permissions, { contents: 'write' });
  });

  test('the state branch is restored first and persisted after, each with the token on its own step only', () => {
    const runs = job.steps.map((step) => step.run ?? step.uses ?? '');
    const restore = runs.findIndex((run) => run.includes('state-branch.sh restore "$HISTORY_PATH"'));
    const silence = runs.findIndex((run) => run.includes('npm run --silent silence'));
    const persist = runs.findIndex((run) => run.includes('state-branch.sh persist "$HISTORY_PATH"'));
    assert.ok(restore >= 0 && restore < silence && silence < persist, `${restore} < ${silence} < ${persist}`);
    for (const [index, step] of job.steps.entries()) {
      const secrets = Object.values(step.env ?? {}).filter((value) => value.includes('secrets.'));
      assert.deepEqual(
        secrets,
        index === restore || index === persist ? ['${{ secrets.GITHUB_TOKEN }}'] : [],
        step.name ?? step.uses,
      );
    }
    assert.match(job.steps[persist]!.if!, /inputs\.silence_for != '' \|\| inputs\.silence_clear != ''/);
  });

  test('the inputs reach the script as environment variables, never spliced into it', () => {
    assert.doesNotMatch(script.run!, /\$\{\{/);
    assert.deepEqual(script.env, {
      SILENCE_FOR: '${{ inputs.silence_for }}',
      SILENCE_REASON: '${{ inputs.silence_reason }}',
      SILENCE_CHECK: '${{ inputs.silence_check }}',
      SILENCE_CLEAR: '${{ inputs.silence_clear }}',
    });
  });

  test('its script sets a silence (listed in the job summary), then clears it', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'viamentor-silence-job-'));
    const reason = 'Supabase upgrade; $(touch pwned) `id`';
    const set = runScript({ SILENCE_FOR: '30m', SILENCE_REASON: reason, SILENCE_CHECK: 'uptime:*' }, stateDir);
    assert.equal(set.status, 0, set.stderr);
    const [silence] = set.state.silences ?? [];
    assert.ok(silence, 'a silence in the incident state');
    assert.equal(silence.reason, reason, 'the reason is data, never run by the shell');
    assert.equal(silence.checks, 'uptime:*');
    assert.match(set.summary, new RegExp(`## Silences in force[\\s\\S]*${silence.id}.*uptime:\\*`));
    const cleared = runScript({ SILENCE_CLEAR: silence.id }, stateDir);
    assert.equal(cleared.status, 0, cleared.stderr);
    assert.ok(Date.parse(cleared.state.silences![0]!.until) <= Date.now(), 'ended now');
    assert.match(cleared.summary, /No silence in force/);
  });

  test('a duration without a reason fails the step (exit 2), so nothing is persisted', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'viamentor-silence-job-'));
    const result = spawnSync('bash', ['-e', '-c', script.run!], {
      encoding: 'utf8',
      env: { ...hermetic(), HISTORY_PATH: stateDir, GITHUB_STEP_SUMMARY: join(stateDir, 's.md'), SILENCE_FOR: '1h' },
      timeout: 60_000,
    });
    assert.equal(result.status, 2, result.stdout + result.stderr);
    assert.match(result.stdout + result.stderr, /--reason is required with --for/);
  });
});
