/**
 * The janitor deletes synthetic leftovers older than an hour — and nothing else: not a recent
 * synthetic record (a run may be using it), never an untagged one however old.
 *
 * test-lane: shared — no timing is measured.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SupabaseClient } from '@supabase/supabase-js';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { hermeticEnv, runCli } from '../helpers/run-cli.ts';
import { targetEnv } from '../helpers/suite-run.ts';
import { signedInClient } from '../reference-app/supabase-client.ts';

let app: ReferenceApp;
let db: SupabaseClient;

before(async () => {
  app = await startReferenceApp();
  db = await signedInClient(app);
});
after(async () => app?.stop());

async function createStudent(lastName: string): Promise<string> {
  const { data, error } = await db
    .from('students')
    .insert({
      first_name: 'Léa',
      last_name: lastName,
      email: `${lastName.toLowerCase()}@example.ch`,
      phone: '+41 79 123 45 67',
    })
    .select('id')
    .single();
  assert.equal(error, null);
  return (data as { id: string }).id;
}

const exists = async (id: string) => ((await db.from('students').select('id').eq('id', id)).data ?? []).length === 1;

test('deletes old synthetic records only', async () => {
  const oldTagged = await createStudent('SYN-20261125-080000-aaaa-students');
  const recentTagged = await createStudent('SYN-20261125-090000-bbbb-students');
  const oldReal = await createStudent('Dupuis');
  const oldLookalike = await createStudent('SYN-Dupont');
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
  for (const id of [oldTagged, oldReal, oldLookalike]) {
    assert.equal((await db.from('students').update({ created_at: twoHoursAgo }).eq('id', id)).error, null);
  }

  const env = hermeticEnv(targetEnv(app));
  const dry = await runCli('synthetics/cli/janitor.ts', ['--dry-run'], env, 30_000);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, new RegExp(`would delete students/${oldTagged}\\b`));
  assert.ok(await exists(oldTagged), 'a dry run deletes nothing');

  const run = await runCli('synthetics/cli/janitor.ts', [], env, 30_000);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /deleted 1 synthetic record\(s\) older than 60 min/);
  assert.equal(await exists(oldTagged), false, 'an old synthetic record is deleted');
  assert.ok(await exists(recentTagged), 'a recent synthetic record is kept');
  assert.ok(await exists(oldReal), 'an untagged record is never touched');
  assert.ok(await exists(oldLookalike), 'a name that only looks synthetic is never touched');
  assert.doesNotMatch(run.stdout + run.stderr, new RegExp(app.password));
});
