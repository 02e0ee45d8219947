/**
 * Students on the Supabase origin, through supabase-js as the synthetic user: read, search, create, update,
 * delete, and each rule Postgres holds (check constraints on names, e-mail and Swiss phone, values stored
 * trimmed, no deletion while lessons refer to a student). The French messages of each field are the SPA's
 * (ui.test.ts); here the refusal is Postgres's: 400 with the violated constraint.
 */
import assert from 'node:assert/strict';
import type { SupabaseClient } from '@supabase/supabase-js';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { bookLesson, createStudent, freshDate, zurich } from './records.ts';
import { seedId, signedInClient } from './supabase-client.ts';

interface StudentRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  created_at: string;
  updated_at: string;
}

let app: ReferenceApp;
let db: SupabaseClient;
before(async () => {
  app = await startReferenceApp();
  db = await signedInClient(app);
});
after(() => app.stop());

const valid = {
  first_name: 'Jeanne',
  last_name: 'Cuénod',
  email: 'jeanne.cuenod@example.ch',
  phone: '+41 79 123 45 67',
};
const UNKNOWN_ID = '5e1f00a3-0000-4000-8000-999999999999';

describe('reading students', () => {
  test('lists the seeded students sorted by last name (accents sorted with their letter)', async () => {
    const { data, error } = await db.from('students').select('last_name').order('last_name');
    assert.equal(error, null);
    assert.equal(data?.length, 13, '12 real-looking students and the fixture student');
    const lastNames = (data ?? []).map((student) => student.last_name as string);
    assert.deepEqual(lastNames, [...lastNames].sort(new Intl.Collator('fr-CH').compare));
    assert.ok(lastNames.includes('Synthétique'));
  });

  test('searches first name, last name and e-mail, case-insensitively (or + ilike)', async () => {
    const search = async (q: string) => {
      const pattern = `*${q}*`;
      const { data, error } = await db
        .from('students')
        .select('last_name')
        .or(`first_name.ilike.${pattern},last_name.ilike.${pattern},email.ilike.${pattern}`)
        .order('last_name');
      assert.equal(error, null);
      return (data ?? []).map((s) => s.last_name);
    };
    assert.deepEqual(await search('ROCHAT'), ['Rochat']);
    assert.deepEqual(await search('camille'), ['Rochat']);
    assert.deepEqual(await search('gmx.ch'), ['Gerber', 'Meier']);
    assert.deepEqual(await search('eleve.synth'), ['Synthétique']);
    assert.deepEqual(await search('no-such-student'), []);
  });

  test('reads one student; an unknown id is 406 PGRST116, an id that is no UUID 400 22P02', async () => {
    const one = await db
      .from('students')
      .select('id, last_name')
      .eq('id', seedId('a', 3, 0))
      .single();
    assert.deepEqual(one.data, { id: seedId('a', 3, 0), last_name: 'Rochat' });
    const missing = await db.from('students').select().eq('id', UNKNOWN_ID).single();
    assert.deepEqual([missing.status, missing.error?.code], [406, 'PGRST116']);
    const malformed = await db.from('students').select().eq('id', '1');
    assert.deepEqual([malformed.status, malformed.error?.code], [400, '22P02']);
  });
});

describe('writing students', () => {
  test('creates (201), updates (200) and deletes (200 with the row) a student; values are stored trimmed', async () => {
    const created = await db
      .from('students')
      .insert({ ...valid, first_name: '  Jeanne  ', email: ' jeanne.cuenod@example.ch ', phone: ' 079  123 45 67 ' })
      .select()
      .single();
    assert.equal(created.status, 201, JSON.stringify(created.error));
    const row = created.data as StudentRow;
    assert.deepEqual(
      [row.first_name, row.email, row.phone],
      ['Jeanne', 'jeanne.cuenod@example.ch', '079 123 45 67'],
      'names, e-mail and phone are trimmed',
    );
    assert.ok(Number.isFinite(Date.parse(row.created_at)), row.created_at);
    const updated = await db.from('students').update({ phone: '021 345 67 89' }).eq('id', row.id).select().single();
    assert.deepEqual([updated.status, updated.data?.phone], [200, '021 345 67 89']);
    assert.ok(Date.parse(updated.data?.updated_at) >= Date.parse(row.updated_at), 'updated_at moves on');
    const deleted = await db.from('students').delete().eq('id', row.id).select('id');
    assert.deepEqual([deleted.status, deleted.data], [200, [{ id: row.id }]]);
    assert.deepEqual((await db.from('students').select('id').eq('id', row.id)).data, []);
    const again = await db.from('students').delete().eq('id', row.id).select('id');
    assert.deepEqual([again.status, again.data], [200, []], 'deleting it again deletes nothing');
  });

  test('a student with lessons cannot be deleted (409 23503); without them it can', async () => {
    const id = await createStudent(db, 'Avec-Lecons');
    const lesson = await bookLesson(db, { student_id: id, starts_at: zurich(freshDate(), '10:00') });
    const refused = await db.from('students').delete().eq('id', id);
    assert.deepEqual([refused.status, refused.error?.code], [409, '23503']);
    assert.equal((await db.from('lessons').delete().eq('id', lesson.id)).status, 204);
    assert.equal((await db.from('students').delete().eq('id', id)).status, 204);
  });

  test('updating an unknown student changes nothing: 200 with no row', async () => {
    const { status, data } = await db.from('students').update(valid).eq('id', UNKNOWN_ID).select();
    assert.deepEqual([status, data], [200, []]);
  });
});

describe('validation (400 naming the rule Postgres holds)', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['an empty first name', { first_name: '   ' }, '23514', /students_first_name_check/],
    ['a missing last name', { last_name: undefined }, '23502', /"last_name"/],
    ['a last name of 81 characters', { last_name: 'x'.repeat(81) }, '23514', /students_last_name_check/],
    ['an e-mail without @', { email: 'jeanne.example.ch' }, '23514', /students_email_check/],
    ['an e-mail without a dotted domain', { email: 'jeanne@localhost' }, '23514', /students_email_check/],
    ['a French phone number', { phone: '+33 6 12 34 56 78' }, '23514', /students_phone_check/],
    ['a phone number one digit short', { phone: '079 123 45 6' }, '23514', /students_phone_check/],
    ['a phone number with dashes', { phone: '079-123-45-67' }, '23514', /students_phone_check/],
    [
      'everything but the phone missing',
      { first_name: undefined, last_name: undefined, email: undefined },
      '23502',
      /null value in column "first_name"/,
    ],
  ];
  for (const [what, change, code, message] of cases) {
    test(`refuses ${what} (${code})`, async () => {
      const { status, error } = await db.from('students').insert({ ...valid, ...change });
      assert.equal(status, 400, JSON.stringify(error));
      assert.equal(error?.code, code);
      assert.match(error?.message ?? '', message);
    });
  }

  for (const phone of ['+41 79 123 45 67', '0041 79 123 45 67', '079 123 45 67', '021 345 67 89', '+41791234567']) {
    test(`accepts the Swiss phone number ${phone}`, async () => {
      assert.equal((await db.from('students').insert({ ...valid, phone })).status, 201);
    });
  }

  test('an update is checked like an insert', async () => {
    const { status, error } = await db
      .from('students')
      .update({ email: 'nope' })
      .eq('id', seedId('a', 3, 0));
    assert.deepEqual([status, error?.code], [400, '23514']);
    const unchanged = await db
      .from('students')
      .select('email')
      .eq('id', seedId('a', 3, 0))
      .single();
    assert.equal(unchanged.data?.email, 'camille.rochat@bluewin.ch');
  });
});
