/** The history on disk: append, retention, overlapping runs, corrupt and truncated files. */
import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { withFileLock } from '../../synthetics/outputs/file-lock.ts';
import {
  historyPaths,
  loadHistory,
  recordRun,
  readRuns,
  type HistoryPaths,
} from '../../synthetics/outputs/history-store.ts';
import { emptyState } from '../../synthetics/alerting/alert-state.ts';
import { INCIDENT_KINDS } from '../../synthetics/alerting/alert-policy.ts';
import { decideAlerts } from '../../synthetics/alerting/incidents.ts';
import { deriveSignals } from '../../synthetics/alerting/signals.ts';
import { parseAlertState } from '../../synthetics/outputs/alert-state-file.ts';
import { toRunRecord } from '../../synthetics/alerting/run-record.ts';
import { at, summaryOf } from '../helpers/alerting-fixtures.ts';
import { joinRegex } from '../helpers/join-regex.ts';

async function freshPaths(): Promise<HistoryPaths> {
  return historyPaths(join(await mkdtemp(join(tmpdir(), 'viamentor-history-')), 'history'));
}

const record = (runId: string, minute: number) => toRunRecord(summaryOf(runId), 'monitor', at(minute));
const keep = (_earlier: unknown, state: ReturnType<typeof emptyState>) => ({ state, result: undefined });

async function lines(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').filter(Boolean);
}

describe('history store', () => {
  test('an open incident of every kind the policy knows is read back from the state file', () => {
    const signals = deriveSignals([{ id: 'security:tenant-isolation', title: 'leak', status: 'failed' }]);
    const [leak] = decideAlerts(signals, [], at(0), { runId: 'r1', target: 'https://x.test' }).incidents;
    assert.equal(leak?.kind, 'security');
    const incidents = INCIDENT_KINDS.map((kind) => ({ ...leak!, key: `k-${kind}`, kind }));
    const read = parseAlertState(JSON.stringify({ ...emptyState(), incidents }));
    assert.deepEqual(
      read.incidents.map((incident) => incident.kind),
      [...INCIDENT_KINDS],
    );
  });

  test('HISTORY_PATH is a folder (default reports/history) or the .jsonl file itself', () => {
    assert.deepEqual(historyPaths(undefined), {
      runs: 'reports/history/runs.jsonl',
      state: 'reports/history/incidents.json',
      lock: 'reports/history/.lock',
    });
    assert.deepEqual(historyPaths('/ci/cache/viamentor.jsonl'), {
      runs: '/ci/cache/viamentor.jsonl',
      state: '/ci/cache/viamentor.incidents.json',
      lock: '/ci/cache/viamentor.jsonl.lock',
    });
  });

  test('each run appends one line; the decision sees the earlier runs only', async () => {
    const paths = await freshPaths();
    const seen: number[] = [];
    for (let i = 0; i < 3; i += 1)
      await recordRun(
        paths,
        record(`r${i}`, i * 15),
        at(i * 15),
        (earlier, state) => (seen.push(earlier.length), { state, result: undefined }),
      );
    assert.deepEqual(seen, [0, 1, 2]);
    assert.deepEqual(
      (await lines(paths.runs)).map((line) => JSON.parse(line).runId),
      ['r0', 'r1', 'r2'],
    );
    assert.deepEqual(JSON.parse(await readFile(paths.state, 'utf8')), emptyState());
  });

  test('overlapping runs: every run is recorded, none twice, no line interleaved', async () => {
    const paths = await freshPaths();
    await Promise.all(Array.from({ length: 12 }, (_, i) => recordRun(paths, record(`r${i}`, i), at(i), keep)));
    const ids = (await lines(paths.runs)).map((line) => JSON.parse(line).runId).sort();
    assert.deepEqual(ids, Array.from({ length: 12 }, (_, i) => `r${i}`).sort());
    assert.deepEqual(
      (await readdir(join(paths.runs, '..'))).filter((name) => name.endsWith('.tmp') || name === '.lock'),
      [],
      'no temp file or lock left',
    );
  });

  test(
    'a lock left by a crashed run is taken over; a lock held too long: nothing written, the run kept for the ' +
      'next one',
    async () => {
      const paths = await freshPaths();
      await mkdir(join(paths.lock, '..'), { recursive: true });
      await writeFile(paths.lock, '999999 crashed');
      const old = new Date(Date.now() - 120_000);
      await utimes(paths.lock, old, old);
      assert.deepEqual((await recordRun(paths, record('r0', 0), at(0), keep)).warnings, []);
      await writeFile(paths.lock, '999999 busy');
      await assert.rejects(recordRun(paths, record('r1', 15), at(15), keep, { waitMs: 200 }), (error: Error) => {
        assert.equal(error.name, 'HistoryLockedError');
        assert.match(
          error.message,
          joinRegex([
            /^the history is locked by another run \(.*\.lock\); waited 0 s: not recorded now — kept in/,
            / .*runs\.jsonl\.pending-r1-\w+, recorded by the next run$/,
          ]),
        );
        return true;
      });
      assert.deepEqual(
        (await lines(paths.runs)).map((line) => JSON.parse(line).runId),
        ['r0'],
        'no write without the lock',
      );
      await rm(paths.lock);
      const seen: string[][] = [];
      await recordRun(
        paths,
        record('r2', 30),
        at(30),
        (earlier, state) => (seen.push(earlier.map((run) => run.runId)), { state, result: undefined }),
      );
      assert.deepEqual(seen, [['r0', 'r1']], 'the next run sees the kept run before its own');
      assert.deepEqual(
        (await lines(paths.runs)).map((line) => JSON.parse(line).runId),
        ['r0', 'r1', 'r2'],
      );
      assert.deepEqual(
        (await readdir(join(paths.runs, '..'))).filter((name) => name.includes('.pending-')),
        [],
      );
    },
  );

  test('a stale lock with many waiters: taken over by one at a time, every run recorded once', async () => {
    const paths = await freshPaths();
    await mkdir(join(paths.lock, '..'), { recursive: true });
    await writeFile(paths.lock, JSON.stringify({ id: 'dead', host: hostname(), pid: 999_999 }));
    await Promise.all(Array.from({ length: 8 }, (_, i) => recordRun(paths, record(`w${i}`, i), at(i), keep)));
    const ids = (await lines(paths.runs)).map((line) => JSON.parse(line).runId).sort();
    assert.deepEqual(
      ids,
      Array.from({ length: 8 }, (_, i) => `w${i}`),
    );
  });

  test('the lock is owned: a holder never removes a lock that is no longer its own', async () => {
    const paths = await freshPaths();
    await mkdir(join(paths.lock, '..'), { recursive: true });
    await withFileLock(paths.lock, async () => writeFile(paths.lock, JSON.stringify({ id: 'someone-else' })));
    assert.equal(JSON.parse(await readFile(paths.lock, 'utf8')).id, 'someone-else');
  });

  test('retention: runs older than 90 days are dropped when the next run is recorded', async () => {
    const paths = await freshPaths();
    await recordRun(paths, record('old', -91 * 1440), at(-91 * 1440), keep);
    await recordRun(paths, record('recent', -89 * 1440), at(-89 * 1440), keep);
    await recordRun(paths, record('now', 0), at(0), keep);
    assert.deepEqual(
      (await lines(paths.runs)).map((line) => JSON.parse(line).runId),
      ['recent', 'now'],
    );
  });

  test(
    'a corrupt line and a truncated last line: reported, readable runs kept, original saved, this run ' + 'recorded',
    async () => {
      const paths = await freshPaths();
      await recordRun(paths, record('r0', 0), at(0), keep);
      await appendFile(paths.runs, 'this is not json\n{"v":1,"runId":"wrong shape"}\n');
      await appendFile(
        paths.runs,
        `${JSON.stringify(record('r1', 15))}\n${JSON.stringify(record('r2', 30)).slice(0, 50)}`,
      );
      const result = await recordRun(paths, record('r3', 45), at(45), keep);
      assert.equal(result.warnings.length, 1);
      assert.match(
        result.warnings[0]!,
        joinRegex([
          /runs\.jsonl: 3 unreadable line\(s\) skipped \(line 2: Unexpected token .*; line 3: not a run record;/,
          / line 5: .*\); 2 run\(s\) kept, the original saved as .*runs\.jsonl\.corrupt-\d{8}T\d{6}; this run is/,
          / recorded$/,
        ]),
      );
      assert.deepEqual(
        (await lines(paths.runs)).map((line) => JSON.parse(line).runId),
        ['r0', 'r1', 'r3'],
      );
      const aside = (await readdir(join(paths.runs, '..'))).filter((name) => name.includes('.corrupt-'));
      assert.equal(aside.length, 1);
      assert.match(await readFile(join(paths.runs, '..', aside[0]!), 'utf8'), /this is not json/);
      const again = await recordRun(paths, record('r4', 60), at(60), keep);
      assert.deepEqual(again.warnings, [], 'recovered: the next run reads a clean history');
    },
  );

  test('a binary-garbage history never crashes', async () => {
    const paths = await freshPaths();
    await mkdir(join(paths.runs, '..'), { recursive: true });
    await writeFile(paths.runs, Buffer.from([0, 159, 146, 150, 10, 255, 254]));
    const result = await recordRun(paths, record('r0', 0), at(0), keep);
    assert.match(result.warnings[0]!, /2 unreadable line\(s\) skipped/);
    assert.deepEqual(
      result.records.map((run) => run.runId),
      ['r0'],
    );
  });

  test('an unreadable incident state: reported, saved aside, started afresh', async () => {
    const paths = await freshPaths();
    await recordRun(paths, record('r0', 0), at(0), keep);
    await writeFile(paths.state, '{"v":1,"incidents":[{"key":');
    const result = await recordRun(paths, record('r1', 15), at(15), (_earlier, state) => ({ state, result: state }));
    assert.deepEqual(result.result, emptyState());
    assert.match(
      result.warnings[0]!,
      joinRegex([
        /incident state .*incidents\.json unreadable \(.*\): started afresh — incidents still red open again; the/,
        / original saved as .*incidents\.json\.corrupt-/,
      ]),
    );
  });

  test('a decision that throws still records the run', async () => {
    const paths = await freshPaths();
    await assert.rejects(
      recordRun(paths, record('r0', 0), at(0), () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.deepEqual(
      (await readRuns(paths, at(1))).records.map((run) => run.runId),
      ['r0'],
    );
  });

  test('loadHistory (digest, slo) reads without changing anything', async () => {
    const paths = await freshPaths();
    await recordRun(paths, record('r0', 0), at(0), keep);
    await appendFile(paths.runs, 'garbage\n');
    const before = await readFile(paths.runs, 'utf8');
    const loaded = await loadHistory(paths, at(5));
    assert.deepEqual(
      loaded.records.map((run) => run.runId),
      ['r0'],
    );
    assert.match(loaded.warnings[0]!, /1 unreadable line\(s\) skipped/);
    assert.equal(await readFile(paths.runs, 'utf8'), before);
  });
});
