/**
 * `/api/lessons` over real HTTP: booking, the overlap rule (instructor or vehicle already booked),
 * filters, cancellation and deletion.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { bookLesson, fixtureStudentId, freshDate, type LessonBody } from './records.ts';

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

let app: ReferenceApp;
let studentId: number;
before(async () => {
  app = await startReferenceApp();
  studentId = await fixtureStudentId(app);
});
after(() => app.stop());

const book = (body: Record<string, unknown>) =>
  app.authed<LessonBody & ErrorBody>('POST', '/api/lessons', {
    student_id: studentId,
    instructor_id: 1,
    vehicle_id: 1,
    duration_minutes: 45,
    ...body,
  });

describe('instructors and vehicles', () => {
  test('lists the three instructors and the three vehicles with Swiss plates', async () => {
    const instructors = await app.authed<Array<{ name: string }>>('GET', '/api/instructors');
    assert.deepEqual(instructors.body.map((i) => i.name).sort(), ['Luca Bernasconi', 'Marc Dubois', 'Sophie Favre']);
    const vehicles = await app.authed<Array<{ id: number; label: string }>>('GET', '/api/vehicles');
    assert.deepEqual(
      vehicles.body.map((v) => v.label),
      ['VW Golf · VD 123 456', 'Toyota Yaris · GE 482 913', 'Škoda Fabia · FR 35 217'],
    );
  });
});

describe('booking', () => {
  test('books a lesson (201) with its end time, names and status', async () => {
    const date = freshDate();
    const { status, body } = await book({ starts_at: `${date}T09:15`, duration_minutes: 90, notes: '  Autoroute  ' });
    assert.equal(status, 201);
    assert.equal(body.starts_at, `${date}T09:15`);
    assert.equal(body.ends_at, `${date}T10:45`);
    assert.deepEqual([body.status, body.notes, body.invoice_id], ['booked', 'Autoroute', null]);
    const full = body as unknown as Record<string, unknown>;
    assert.deepEqual(
      [full.student_name, full.instructor_name, full.vehicle_label],
      ['Élève Synthétique', 'Luca Bernasconi', 'VW Golf · VD 123 456'],
    );
  });

  test('refuses an instructor who is already booked in an overlapping slot', async () => {
    const date = freshDate();
    await bookLesson(app, { starts_at: `${date}T10:00`, instructor_id: 1, vehicle_id: 1, duration_minutes: 90 });
    const refused = await book({ starts_at: `${date}T11:00`, instructor_id: 1, vehicle_id: 2 });
    assert.equal(refused.status, 409);
    assert.deepEqual(refused.body.error, {
      code: 'slot_unavailable',
      message: "Ce créneau n'est pas disponible : le moniteur Luca Bernasconi est déjà réservé.",
    });
  });

  test('refuses a vehicle that is already booked in an overlapping slot', async () => {
    const date = freshDate();
    await bookLesson(app, { starts_at: `${date}T10:00`, instructor_id: 1, vehicle_id: 1 });
    const refused = await book({ starts_at: `${date}T09:30`, instructor_id: 2, vehicle_id: 1 });
    assert.equal(refused.status, 409);
    assert.equal(
      refused.body.error.message,
      "Ce créneau n'est pas disponible : le véhicule VW Golf · VD 123 456 est déjà réservé.",
    );
  });

  test('accepts back-to-back lessons and other instructors and vehicles at the same time', async () => {
    const date = freshDate();
    await bookLesson(app, { starts_at: `${date}T10:00`, instructor_id: 1, vehicle_id: 1 });
    assert.equal((await book({ starts_at: `${date}T10:45` })).status, 201, 'starting when the other ends');
    assert.equal((await book({ starts_at: `${date}T09:15` })).status, 201, 'ending when the other starts');
    assert.equal((await book({ starts_at: `${date}T10:00`, instructor_id: 2, vehicle_id: 2 })).status, 201);
  });

  test('a cancelled lesson frees its slot', async () => {
    const date = freshDate();
    const lesson = await bookLesson(app, { starts_at: `${date}T14:00` });
    const cancelled = await app.authed<LessonBody>('POST', `/api/lessons/${lesson.id}/cancel`);
    assert.deepEqual([cancelled.status, cancelled.body.status], [200, 'cancelled']);
    assert.equal((await book({ starts_at: `${date}T14:00` })).status, 201);
    const again = await app.authed<ErrorBody>('POST', `/api/lessons/${lesson.id}/cancel`);
    assert.deepEqual([again.status, again.body.error.code], [409, 'already_cancelled']);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['no student', { student_id: undefined }, 'student_id'],
    ['an unknown student', { student_id: 99_999 }, 'student_id'],
    ['a student id as a string', { student_id: '1' }, 'student_id'],
    ['an unknown instructor', { instructor_id: 42 }, 'instructor_id'],
    ['no vehicle', { vehicle_id: null }, 'vehicle_id'],
    ['a 60-minute lesson', { duration_minutes: 60 }, 'duration_minutes'],
    ['an impossible date', { starts_at: '2031-02-30T10:00' }, 'starts_at'],
    ['a date without a time', { starts_at: '2031-02-03' }, 'starts_at'],
    ['a 501-character remark', { notes: 'x'.repeat(501) }, 'notes'],
  ];
  for (const [what, change, field] of invalid) {
    test(`refuses ${what} (422 on ${field})`, async () => {
      const response = await book({ starts_at: `${freshDate()}T08:00`, ...change });
      assert.equal(response.status, 422);
      assert.ok(response.body.error.fields?.[field], JSON.stringify(response.body));
    });
  }
});

describe('listing, cancelling and deleting', () => {
  test('filters by date, student, notes and status, in chronological order', async () => {
    const date = freshDate();
    const late = await bookLesson(app, { starts_at: `${date}T16:00`, notes: 'Parcage en ville' });
    const early = await bookLesson(app, { starts_at: `${date}T08:00`, notes: 'Autoroute' });
    const list = async (query: string) =>
      (await app.authed<LessonBody[]>('GET', `/api/lessons?${query}`)).body.map((l) => l.id);
    assert.deepEqual(await list(`date=${date}`), [early.id, late.id]);
    assert.deepEqual(await list(`date=${date}&q=PARCAGE`), [late.id]);
    await app.authed('POST', `/api/lessons/${early.id}/cancel`);
    assert.deepEqual(await list(`date=${date}`), [late.id], 'cancelled lessons are hidden by default');
    assert.deepEqual(await list(`date=${date}&status=all`), [early.id, late.id]);
    assert.deepEqual(await list(`date=${date}&status=cancelled`), [early.id]);
    assert.ok((await list(`student_id=${studentId}&uninvoiced=true`)).includes(late.id));
    assert.ok(!(await list('student_id=1')).includes(late.id));
  });

  test('rejects bad filters with 400', async () => {
    for (const query of ['date=2031-13-01', 'date=tomorrow', 'student_id=abc', 'status=maybe']) {
      const response = await app.authed<ErrorBody>('GET', `/api/lessons?${query}`);
      assert.deepEqual([response.status, response.body.error.code], [400, 'invalid_query'], query);
    }
  });

  test('deletes a lesson (204); unknown ids are 404', async () => {
    const lesson = await bookLesson(app, { starts_at: `${freshDate()}T12:00` });
    assert.equal((await app.authed('DELETE', `/api/lessons/${lesson.id}`)).status, 204);
    assert.equal((await app.authed('GET', `/api/lessons/${lesson.id}`)).status, 404);
    assert.equal((await app.authed('POST', `/api/lessons/${lesson.id}/cancel`)).status, 404);
    assert.equal((await app.authed('DELETE', `/api/lessons/${lesson.id}`)).status, 404);
  });
});
