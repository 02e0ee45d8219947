/**
 * The janitor deletes synthetic leftovers older than an hour — and nothing else: not a recent
 * synthetic record (a run may be using it), never an untagged one however old.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { hermeticEnv, runCli } from '../helpers/run-cli.ts';
import { targetEnv } from '../helpers/suite-run.ts';

let app: ReferenceApp;
let dbFile: string;

before(async () => {
  dbFile = join(await mkdtemp(join(tmpdir(), 'viamentor-janitor-')), 'app.sqlite');
  app = await startReferenceApp({ env: { REFERENCE_APP_DB: dbFile } });
});
after(async () => app?.stop());

async function createStudent(token: string, lastName: string): Promise<number> {
  const response = await app.api<{ id: number }>(
    'POST',
    '/api/students',
    {
      first_name: 'Léa',
      last_name: lastName,
      email: `${lastName.toLowerCase()}@example.ch`,
      phone: '+41 79 123 45 67',
    },
    token,
  );
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

test('deletes old synthetic records only', async () => {
  const token = await app.signIn();
  const oldTagged = await createStudent(token, 'SYN-20261125-080000-aaaa-students');
  const recentTagged = await createStudent(token, 'SYN-20261125-090000-bbbb-students');
  const oldReal = await createStudent(token, 'Dupuis');
  const oldLookalike = await createStudent(token, 'SYN-Dupont');
  const db = new DatabaseSync(dbFile);
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
  for (const id of [oldTagged, oldReal, oldLookalike])
    db.prepare('UPDATE students SET created_at = ? WHERE id = ?').run(twoHoursAgo, id);
  db.close();

  const env = hermeticEnv(targetEnv(app));
  const dry = await runCli('synthetics/cli/janitor.ts', ['--dry-run'], env, 30_000);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, new RegExp(`would delete students/${oldTagged}\\b`));
  assert.equal(
    (await app.api('GET', `/api/students/${oldTagged}`, undefined, token)).status,
    200,
    'a dry run deletes nothing',
  );

  const run = await runCli('synthetics/cli/janitor.ts', [], env, 30_000);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /deleted 1 synthetic record\(s\) older than 60 min/);
  const status = async (id: number) => (await app.api('GET', `/api/students/${id}`, undefined, token)).status;
  assert.equal(await status(oldTagged), 404, 'an old synthetic record is deleted');
  assert.equal(await status(recentTagged), 200, 'a recent synthetic record is kept');
  assert.equal(await status(oldReal), 200, 'an untagged record is never touched');
  assert.equal(await status(oldLookalike), 200, 'a name that only looks synthetic is never touched');
  assert.doesNotMatch(run.stdout + run.stderr, new RegExp(app.password));
});
