/**
 * Lessons on the Supabase origin, through supabase-js as the synthetic user: booking with `book_lesson`,
 * the overlap rule of Postgres (an instructor or a vehicle already booked), what the columns accept, the
 * filters a client reads them with, cancellation and deletion. (The exact 409 messages of a clash on the
 * same slot are proven in supabase-rest.test.ts.)
 */
import assert from 'node:assert/strict';
import type { SupabaseClient } from '@supabase/supabase-js';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import {
  bookLesson,
  FIXTURE_STUDENT,
  freshDate,
  instructor,
  sameInstant,
  vehicle,
  zurich,
  type LessonRow,
} from './records.ts';
import { seedId, signedInClient } from './supabase-client.ts';

let app: ReferenceApp;
let db: SupabaseClient;
before(async () => {
  app = await startReferenceApp();
  db = await signedInClient(app);
});
after(() => app.stop());

const book = (args: Record<string, unknown>) =>
  db.rpc('book_lesson', {
    student_id: FIXTURE_STUDENT,
    instructor_id: instructor(0),
    vehicle_id: vehicle(0),
    duration_minutes: 45,
    ...args,
  });

describe('instructors and vehicles', () => {
  test('lists the three instructors and the three vehicles with Swiss plates', async () => {
    const instructors = await db.from('instructors').select('first_name, last_name');
    assert.deepEqual((instructors.data ?? []).map((i) => `${i.first_name} ${i.last_name}`).sort(), [
      'Luca Bernasconi',
      'Marc Dubois',
      'Sophie Favre',
    ]);
    const vehicles = await db.from('vehicles').select('model, plate').order('id');
    assert.deepEqual(
      (vehicles.data ?? []).map((v) => `${v.model} · ${v.plate}`),
      ['VW Golf · VD 123 456', 'Toyota Yaris · GE 482 913', 'Škoda Fabia · FR 35 217'],
    );
  });
});

describe('booking', () => {
  test('books a lesson with its end time, trimmed remark and status; the names come with embeds', async () => {
    const date = freshDate();
    const { data, error } = await book({
      starts_at: zurich(date, '09:15'),
      duration_minutes: 90,
      notes: '  Autoroute  ',
    });
    assert.equal(error, null);
    const lesson = data as LessonRow;
    assert.ok(sameInstant(lesson.starts_at, zurich(date, '09:15')), lesson.starts_at);
    assert.ok(sameInstant(lesson.ends_at, zurich(date, '10:45')), lesson.ends_at);
    assert.deepEqual([lesson.status, lesson.notes], ['booked', 'Autoroute']);
    const full = await db
      .from('lessons')
      .select('students(first_name, last_name), instructors(first_name, last_name), vehicles(model, plate)')
      .eq('id', lesson.id)
      .single();
    assert.deepEqual(full.data, {
      students: { first_name: 'Élève', last_name: 'Synthétique' },
      instructors: { first_name: 'Luca', last_name: 'Bernasconi' },
      vehicles: { model: 'VW Golf', plate: 'VD 123 456' },
    });
  });

  test('refuses an instructor booked in a partly overlapping slot (409 PT409, slot_unavailable)', async () => {
    const date = freshDate();
    await bookLesson(db, { starts_at: zurich(date, '10:00'), duration_minutes: 90 });
    const refused = await book({ starts_at: zurich(date, '11:00'), vehicle_id: vehicle(1) });
    assert.equal(refused.status, 409);
    assert.deepEqual([refused.error?.code, refused.error?.hint], ['PT409', 'slot_unavailable']);
    assert.equal(
      refused.error?.message,
      "Ce créneau n'est pas disponible : le moniteur Luca Bernasconi est déjà réservé.",
    );
  });

  test('refuses a vehicle already booked in a partly overlapping slot', async () => {
    const date = freshDate();
    await bookLesson(db, { starts_at: zurich(date, '10:00') });
    const refused = await book({ starts_at: zurich(date, '09:30'), instructor_id: instructor(1) });
    assert.equal(refused.status, 409);
    assert.equal(
      refused.error?.message,
      "Ce créneau n'est pas disponible : le véhicule VW Golf · VD 123 456 est déjà réservé.",
    );
  });

  test('accepts back-to-back lessons and other instructors and vehicles at the same time', async () => {
    const date = freshDate();
    await bookLesson(db, { starts_at: zurich(date, '10:00') });
    assert.equal((await book({ starts_at: zurich(date, '10:45') })).error, null, 'starting when the other ends');
    assert.equal((await book({ starts_at: zurich(date, '09:15') })).error, null, 'ending when the other starts');
    const other = await book({
      starts_at: zurich(date, '10:00'),
      instructor_id: instructor(1),
      vehicle_id: vehicle(1),
    });
    assert.equal(other.error, null);
  });

  test('a cancelled lesson frees its slot', async () => {
    const date = freshDate();
    const lesson = await bookLesson(db, { starts_at: zurich(date, '14:00') });
    const cancelled = await db.from('lessons').update({ status: 'cancelled' }).eq('id', lesson.id).select('status');
    assert.deepEqual([cancelled.status, cancelled.data], [200, [{ status: 'cancelled' }]]);
    assert.equal((await book({ starts_at: zurich(date, '14:00') })).error, null);
    const rebooked = await db.from('lessons').update({ status: 'booked' }).eq('id', lesson.id);
    assert.equal(rebooked.status, 409, 'booking the cancelled one again would overlap');
  });

  const UNKNOWN = '5e1f00a3-0000-4000-8000-999999999999';
  const invalid: Array<[string, Record<string, unknown>, number, string]> = [
    ['no student', { student_id: null }, 400, '23502'],
    ['an unknown student', { student_id: UNKNOWN }, 409, '23503'],
    ['a student id that is no UUID', { student_id: '1' }, 400, '22P02'],
    ['an unknown instructor', { instructor_id: UNKNOWN }, 409, '23503'],
    ['no vehicle', { vehicle_id: null }, 400, '23502'],
    ['a 60-minute lesson', { duration_minutes: 60 }, 400, '23514'],
    ['an impossible date', { starts_at: '2031-02-30T10:00:00+01:00' }, 400, '22008'],
    ['a 501-character remark', { notes: 'x'.repeat(501) }, 400, '23514'],
  ];
  for (const [what, change, status, code] of invalid) {
    test(`refuses ${what} (${status} ${code})`, async () => {
      const response = await book({ starts_at: zurich(freshDate(), '08:00'), ...change });
      assert.deepEqual([response.status, response.error?.code], [status, code], JSON.stringify(response.error));
    });
  }

  test('a remark of 500 characters is accepted', async () => {
    const { error } = await book({ starts_at: zurich(freshDate(), '08:00'), notes: 'x'.repeat(500) });
    assert.equal(error, null);
  });
});

describe('listing, cancelling and deleting', () => {
  test('filters by day, student, remark and status, in chronological order', async () => {
    const date = freshDate();
    const late = await bookLesson(db, { starts_at: zurich(date, '16:00'), notes: 'Parcage en ville' });
    const early = await bookLesson(db, { starts_at: zurich(date, '08:00'), notes: 'Autoroute' });
    const list = async (filter: (query: ReturnType<typeof dayQuery>) => ReturnType<typeof dayQuery>) => {
      const { data, error } = await filter(dayQuery(date)).order('starts_at');
      assert.equal(error, null);
      return (data ?? []).map((lesson) => lesson.id);
    };
    assert.deepEqual(await list((q) => q.eq('status', 'booked')), [early.id, late.id]);
    assert.deepEqual(await list((q) => q.ilike('notes', '*PARCAGE*')), [late.id]);
    await db.from('lessons').update({ status: 'cancelled' }).eq('id', early.id);
    assert.deepEqual(await list((q) => q.eq('status', 'booked')), [late.id], 'the planning shows booked lessons only');
    assert.deepEqual(await list((q) => q), [early.id, late.id]);
    assert.deepEqual(await list((q) => q.eq('status', 'cancelled')), [early.id]);
    const uninvoiced = await db
      .from('lessons')
      .select('id, invoice_lines(id)')
      .eq('student_id', FIXTURE_STUDENT)
      .eq('status', 'booked');
    assert.ok(uninvoiced.data?.some((l) => l.id === late.id && l.invoice_lines.length === 0));
    const others = await db
      .from('lessons')
      .select('id')
      .eq('student_id', seedId('a', 3, 0));
    assert.ok(!others.data?.some((l) => l.id === late.id));
  });

  test('rejects bad filters with 400', async () => {
    const bad: Array<[string, string]> = [
      ['starts_at=gte.2031-13-01', '22008'],
      ['student_id=eq.abc', '22P02'],
      ['status=almost.booked', 'PGRST100'],
      ['colour=eq.red', '42703'],
    ];
    for (const [query, code] of bad) {
      const response = await fetch(`${app.supabaseUrl}/rest/v1/lessons?${query}`, {
        headers: { apikey: app.anonKey, authorization: `Bearer ${await accessToken()}` },
      });
      assert.equal(response.status, 400, query);
      assert.equal(((await response.json()) as { code: string }).code, code, query);
    }
  });

  test('deletes a lesson (200 with the row); then it is gone and nothing more is deleted or changed', async () => {
    const lesson = await bookLesson(db, { starts_at: zurich(freshDate(), '12:00') });
    const deleted = await db.from('lessons').delete().eq('id', lesson.id).select('id');
    assert.deepEqual(deleted.data, [{ id: lesson.id }]);
    assert.equal((await db.from('lessons').select().eq('id', lesson.id).single()).status, 406);
    assert.deepEqual((await db.from('lessons').update({ status: 'cancelled' }).eq('id', lesson.id).select()).data, []);
    assert.deepEqual((await db.from('lessons').delete().eq('id', lesson.id).select()).data, []);
  });
});

function dayQuery(date: string) {
  return db.from('lessons').select('id').gte('starts_at', zurich(date, '00:00')).lt('starts_at', zurich(date, '23:59'));
}

async function accessToken(): Promise<string> {
  return (await db.auth.getSession()).data.session?.access_token ?? '';
}
