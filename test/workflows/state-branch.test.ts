/**
 * The history's home between scheduled runs: `.github/scripts/state-branch.sh` against a real git
 * remote (a bare repository). Restore, persist with `[skip ci]`, and what happens when two writers
 * overlap: histories are merged line by line, incident states incident by incident, and a clash on one
 * incident is refused, never overwritten.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';

const SCRIPT = resolve('.github/scripts/state-branch.sh');

function run(command: string, args: string[], cwd: string): { code: number | null; out: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' },
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

function git(cwd: string, ...args: string[]): string {
  const result = run('git', args, cwd);
  assert.equal(result.code, 0, `git ${args.join(' ')}: ${result.out}`);
  return result.out.trim();
}

const state = (cwd: string, ...args: string[]) => run('bash', [SCRIPT, ...args], cwd);

describe('the synthetics-state branch', () => {
  let root: string;
  let origin: string;
  const clone = async (name: string) => {
    const dir = join(root, name);
    git(root, 'clone', '--quiet', origin, dir);
    return dir;
  };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'viamentor-state-'));
    git(root, 'init', '--quiet', '--bare', '--initial-branch=main', 'origin.git');
    origin = `file://${join(root, 'origin.git')}`;
    const seed = await clone('seed');
    await writeFile(join(seed, 'README.md'), 'suite\n');
    git(seed, 'add', 'README.md');
    git(seed, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'init');
    git(seed, 'push', '--quiet', 'origin', 'main');
  });

  test('starts empty when the branch does not exist, then persists a commit marked [skip ci]', async () => {
    const a = await clone('first');
    const restored = state(a, 'restore', '.state');
    assert.equal(restored.code, 0, restored.out);
    assert.match(restored.out, /no branch synthetics-state yet/);
    await writeFile(join(a, '.state', 'runs.jsonl'), '{"run":1}\n');
    await writeFile(join(a, '.state', 'incidents.json'), '{"v":1,"incidents":[]}\n');
    await writeFile(join(a, '.state', '.lock'), 'held');
    const persisted = state(a, 'persist', '.state', 'synthetics: run 1');
    assert.equal(persisted.code, 0, persisted.out);
    assert.equal(
      git(root, '--git-dir=origin.git', 'log', '-1', '--format=%s', 'synthetics-state'),
      'synthetics: run 1 [skip ci]',
    );
    assert.deepEqual(
      git(root, '--git-dir=origin.git', 'ls-tree', '--name-only', 'synthetics-state').split('\n'),
      ['incidents.json', 'runs.jsonl'],
      'the lock file stays out',
    );
    assert.equal(
      git(root, '--git-dir=origin.git', 'log', '-1', '--format=%s', 'main'),
      'init',
      'the default branch is untouched',
    );
  });

  test('restores what the previous run persisted, and commits nothing when nothing changed', async () => {
    const b = await clone('second');
    assert.equal(state(b, 'restore', '.state').code, 0);
    assert.equal(await readFile(join(b, '.state', 'runs.jsonl'), 'utf8'), '{"run":1}\n');
    const unchanged = state(b, 'persist', '.state', 'synthetics: run 1 again');
    assert.match(unchanged.out, /nothing changed/);
    assert.equal(git(root, '--git-dir=origin.git', 'rev-list', '--count', 'synthetics-state'), '1');
  });

  test('two overlapping writers: both runs are kept when only the history changed', async () => {
    const [a, b] = [await clone('overlap-a'), await clone('overlap-b')];
    state(a, 'restore', '.state');
    state(b, 'restore', '.state');
    await appendFile(join(b, '.state', 'runs.jsonl'), '{"run":"b"}\n');
    assert.equal(state(b, 'persist', '.state', 'synthetics: run b').code, 0);
    await appendFile(join(a, '.state', 'runs.jsonl'), '{"run":"a"}\n');
    const late = state(a, 'persist', '.state', 'synthetics: run a');
    assert.equal(late.code, 0, late.out);
    assert.match(late.out, /push rejected \(attempt 1\)/);
    const runs = git(root, '--git-dir=origin.git', 'show', 'synthetics-state:runs.jsonl').split('\n');
    assert.deepEqual([...runs].sort(), ['{"run":"a"}', '{"run":"b"}', '{"run":1}']);
  });

  const incidentState = (...keys: Array<[string, number]>) => {
    const incidents = keys.map(([key, redStreak]) => ({ key, target: 't', redStreak }));
    return `${JSON.stringify({ v: 1, incidents, recent: [], outbox: [] })}\n`;
  };

  test('two overlapping writers that changed different incidents (a core run, a lab run): both kept', async () => {
    const [a, b] = [await clone('merge-a'), await clone('merge-b')];
    state(a, 'restore', '.state');
    state(b, 'restore', '.state');
    await writeFile(join(b, '.state', 'incidents.json'), incidentState(['budget:home:lcp', 1]));
    assert.equal(state(b, 'persist', '.state', 'synthetics: lab run').code, 0);
    await writeFile(join(a, '.state', 'incidents.json'), incidentState(['app-down', 1]));
    const late = state(a, 'persist', '.state', 'synthetics: core run');
    assert.equal(late.code, 0, late.out);
    assert.match(late.out, /incident states merged \(2 incidents/);
    const merged = JSON.parse(git(root, '--git-dir=origin.git', 'show', 'synthetics-state:incidents.json')) as {
      incidents: Array<{ key: string }>;
    };
    assert.deepEqual(merged.incidents.map((incident) => incident.key).sort(), ['app-down', 'budget:home:lcp']);
  });

  test('two overlapping writers that changed the same incident: the late one refuses to overwrite', async () => {
    const [a, b] = [await clone('clash-a'), await clone('clash-b')];
    state(a, 'restore', '.state');
    state(b, 'restore', '.state');
    await writeFile(join(b, '.state', 'incidents.json'), incidentState(['app-down', 2]));
    assert.equal(state(b, 'persist', '.state', 'synthetics: run b2').code, 0);
    await writeFile(join(a, '.state', 'incidents.json'), incidentState(['app-down', 3]));
    const late = state(a, 'persist', '.state', 'synthetics: run a2');
    assert.equal(late.code, 1);
    assert.match(late.out, /both changed the same incident: not overwriting it/);
    assert.equal(
      git(root, '--git-dir=origin.git', 'show', 'synthetics-state:incidents.json'),
      incidentState(['app-down', 2]).trim(),
    );
  });

  test('a remote it cannot read stops the run instead of starting from an empty state', async () => {
    const c = await clone('unreachable');
    git(c, 'remote', 'set-url', 'origin', `file://${join(root, 'gone.git')}`);
    const restored = state(c, 'restore', '.state');
    assert.equal(restored.code, 1);
    assert.match(restored.out, /cannot read synthetics-state from origin/);
    assert.doesNotMatch(restored.out, /starting with an empty state/);
  });

  test('authenticates with STATE_TOKEN when given (the checkout keeps no credentials)', async () => {
    const d = await clone('token');
    const restored = run('bash', [SCRIPT, 'restore', '.state'], d);
    assert.equal(restored.code, 0);
    const withToken = spawnSync('bash', [SCRIPT, 'restore', '.state-token'], {
      cwd: d,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', STATE_TOKEN: 'not-a-real-token', GIT_TRACE: '0' },
    });
    assert.equal(withToken.status, 0, withToken.stderr);
    assert.doesNotMatch(`${withToken.stdout}${withToken.stderr}`, /not-a-real-token/);
    assert.ok(existsSync(join(d, '.state-token', 'runs.jsonl')));
  });

  test('refuses a usage it does not know', () => {
    assert.equal(state(root, 'sync').code, 2);
    assert.ok(!existsSync(join(root, '.state')));
  });
});
