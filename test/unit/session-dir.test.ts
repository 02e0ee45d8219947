/** The run's private session folder: made once, inherited by the run's processes, never made again once removed. */
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { closeSessionDir, openSessionDir } from '../../synthetics/config/paths.ts';

test('made once (0700, in the temp folder), inherited, never made again once the run removed it', () => {
  const env: Record<string, string | undefined> = {};
  const made = openSessionDir(env);
  try {
    assert.equal(made.created, true);
    assert.equal(dirname(made.dir), tmpdir());
    assert.equal(statSync(made.dir).mode & 0o777, 0o700);
    assert.equal(env.SYNTHETICS_SESSION_DIR, made.dir);
    // A worker of the run: the same folder.
    assert.deepEqual(openSessionDir({ ...env }), { dir: made.dir, created: false });
  } finally {
    closeSessionDir(env);
  }
  // The run is ending (its entry point removed the folder): a worker still starting makes no new one.
  assert.deepEqual(openSessionDir({ ...env }), { dir: made.dir, created: false });
  assert.equal(existsSync(made.dir), false, 'no folder is made again, where nothing would remove it');
  // Not a session folder of this suite (a value set by hand): a run of its own makes its own.
  const own = { SYNTHETICS_SESSION_DIR: '/var/tmp/elsewhere' } as Record<string, string | undefined>;
  const fresh = openSessionDir(own);
  try {
    assert.equal(fresh.created, true);
    assert.notEqual(fresh.dir, '/var/tmp/elsewhere');
  } finally {
    closeSessionDir(own);
  }
});
