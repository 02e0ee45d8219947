/**
 * `/api/invoices` over real HTTP: lines at the tariff, VAT and 5-centime rounding as a table of
 * cases worked out by hand, numbering, the billing rules, payment and deletion.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { bookLesson, createStudent, fixtureStudentId, freshDate, type LessonBody } from './records.ts';

interface InvoiceBody {
  id: number;
  number: string;
  student_id: number;
  status: string;
  notes: string;
  subtotal_cents: number;
  vat_rate: number;
  vat_cents: number;
  total_cents: number;
  paid_at: string | null;
  lines: Array<{ lesson_id: number; description: string; amount_cents: number }>;
}
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

/** Books one lesson per duration, on one fresh day, one after the other from 08:00. */
async function bookDurations(durations: Array<45 | 90>, student = studentId): Promise<LessonBody[]> {
  const date = freshDate();
  const lessons: LessonBody[] = [];
  for (const [index, duration] of durations.entries()) {
    lessons.push(
      await bookLesson(app, {
        student_id: student,
        starts_at: `${date}T${String(8 + 2 * index).padStart(2, '0')}:00`,
        duration_minutes: duration,
      }),
    );
  }
  return lessons;
}

const invoice = (lessonIds: number[], extra: Record<string, unknown> = {}) =>
  app.authed<InvoiceBody & ErrorBody>('POST', '/api/invoices', {
    student_id: studentId,
    lesson_ids: lessonIds,
    ...extra,
  });

describe('invoice totals', () => {
  // VAT = subtotal × 8.1 % rounded half-up to the centime; total = subtotal + VAT rounded half-up to 0.05.
  const cases: Array<{ durations: Array<45 | 90>; subtotal: number; vat: number; total: number }> = [
    { durations: [45], subtotal: 8500, vat: 689, total: 9190 }, // 688.5 → 689; 91.89 → 91.90
    { durations: [90], subtotal: 16_500, vat: 1337, total: 17_835 }, // 1336.5 → 1337; 178.37 → 178.35
    { durations: [45, 45], subtotal: 17_000, vat: 1377, total: 18_375 }, // 183.77 → 183.75
    { durations: [45, 90], subtotal: 25_000, vat: 2025, total: 27_025 }, // exact
    { durations: [90, 90, 90], subtotal: 49_500, vat: 4010, total: 53_510 }, // 4009.5 → 4010; 535.10
    { durations: [45, 45, 45], subtotal: 25_500, vat: 2066, total: 27_565 }, // 2065.5 → 2066; 275.66 → 275.65
    { durations: [90, 90], subtotal: 33_000, vat: 2673, total: 35_675 }, // 356.73 → 356.75
  ];
  for (const { durations, subtotal, vat, total } of cases) {
    test(`${durations.join(' + ')} min: subtotal ${subtotal}, VAT ${vat}, total ${total} centimes`, async () => {
      const lessons = await bookDurations(durations);
      const { status, body } = await invoice(lessons.map((lesson) => lesson.id));
      assert.equal(status, 201, JSON.stringify(body));
      assert.deepEqual(
        [body.subtotal_cents, body.vat_rate, body.vat_cents, body.total_cents],
        [subtotal, 0.081, vat, total],
      );
      assert.deepEqual(
        body.lines.map((line) => line.amount_cents),
        durations.map((d) => (d === 45 ? 8500 : 16_500)),
      );
    });
  }
});

describe('generating invoices', () => {
  test('one line per lesson, in time order, described "Leçon de conduite 45 min · dd.mm.yyyy hh:mm"', async () => {
    const [first, second] = await bookDurations([45, 90]);
    const { body } = await invoice([second?.id ?? 0, first?.id ?? 0], { notes: 'Facture test' });
    const [year, month, day] = (first?.starts_at ?? '').slice(0, 10).split('-');
    assert.deepEqual(
      body.lines.map((line) => line.description),
      [
        `Leçon de conduite 45 min · ${day}.${month}.${year} 08:00`,
        `Leçon de conduite 90 min · ${day}.${month}.${year} 10:00`,
      ],
    );
    assert.deepEqual([body.status, body.notes, body.paid_at], ['open', 'Facture test', null]);
    assert.match(body.number, /^F-\d{4}-\d{4}$/);
  });

  test('numbers invoices F-YYYY-NNNN in sequence, after the seeded ones', async () => {
    const numbers = [];
    for (let i = 0; i < 2; i += 1) numbers.push((await invoice([(await bookDurations([45]))[0]?.id ?? 0])).body.number);
    const [a, b] = numbers.map((number) => Number(number.slice(7)));
    assert.equal((b ?? 0) - (a ?? 0), 1);
    assert.ok((a ?? 0) > 3, 'the three seeded invoices keep their numbers');
  });

  test('a lesson is billed once: the second invoice is refused with 422', async () => {
    const [lesson] = await bookDurations([45]);
    assert.equal((await invoice([lesson?.id ?? 0])).status, 201);
    const again = await invoice([lesson?.id ?? 0]);
    assert.equal(again.status, 422);
    assert.match(again.body.error.message, /déjà facturée/);
    const listed = await app.authed<LessonBody>('GET', `/api/lessons/${lesson?.id}`);
    assert.notEqual(listed.body.invoice_id, null);
  });

  const refusals: Array<[string, () => Promise<Record<string, unknown>>, string]> = [
    ['no lesson', async () => ({ lesson_ids: [] }), 'Sélectionnez au moins une leçon.'],
    ['lesson ids of the wrong type', async () => ({ lesson_ids: 'all' }), 'Sélectionnez au moins une leçon.'],
    ['an unknown lesson', async () => ({ lesson_ids: [99_999] }), 'Leçon 99999 introuvable.'],
    [
      'a cancelled lesson',
      async () => {
        const [lesson] = await bookDurations([45]);
        await app.authed('POST', `/api/lessons/${lesson?.id}/cancel`);
        return { lesson_ids: [lesson?.id] };
      },
      'est annulée',
    ],
    [
      "another student's lesson",
      async () => {
        const [lesson] = await bookDurations([45], await createStudent(app, 'Autre-Eleve'));
        return { lesson_ids: [lesson?.id] };
      },
      "n'appartient pas à cet élève",
    ],
    ['an unknown student', async () => ({ student_id: 99_999, lesson_ids: [1] }), 'Certains champs sont invalides.'],
  ];
  for (const [what, body, message] of refusals) {
    test(`refuses ${what} with 422`, async () => {
      const response = await app.authed<ErrorBody>('POST', '/api/invoices', {
        student_id: studentId,
        ...(await body()),
      });
      assert.equal(response.status, 422);
      assert.equal(response.body.error.code, 'validation_failed');
      assert.ok(
        response.body.error.message.includes(message) ||
          Object.values(response.body.error.fields ?? {}).includes(message),
        JSON.stringify(response.body),
      );
    });
  }
});

describe('paying and deleting', () => {
  test('marks an invoice paid once (200, then 409)', async () => {
    const { body } = await invoice((await bookDurations([45])).map((lesson) => lesson.id));
    const paid = await app.authed<InvoiceBody>('POST', `/api/invoices/${body.id}/pay`);
    assert.equal(paid.status, 200);
    assert.equal(paid.body.status, 'paid');
    assert.ok(paid.body.paid_at && Math.abs(Date.parse(paid.body.paid_at) - Date.now()) < 10_000);
    const again = await app.authed<ErrorBody>('POST', `/api/invoices/${body.id}/pay`);
    assert.deepEqual([again.status, again.body.error.code], [409, 'already_paid']);
  });

  test('deleting an invoice (even paid) frees its lessons, which can then be deleted', async () => {
    const lessons = await bookDurations([45, 90]);
    const { body } = await invoice(
      lessons.map((lesson) => lesson.id),
      { notes: 'à supprimer' },
    );
    const blocked = await app.authed<ErrorBody>('DELETE', `/api/lessons/${lessons[0]?.id}`);
    assert.deepEqual([blocked.status, blocked.body.error.code], [409, 'lesson_invoiced']);
    assert.equal(
      (await app.authed('POST', `/api/lessons/${lessons[0]?.id}/cancel`)).status,
      409,
      'an invoiced lesson cannot be cancelled',
    );
    await app.authed('POST', `/api/invoices/${body.id}/pay`);
    assert.equal((await app.authed('DELETE', `/api/invoices/${body.id}`)).status, 204);
    assert.equal((await app.authed('GET', `/api/invoices/${body.id}`)).status, 404);
    const uninvoiced = await app.authed<LessonBody[]>('GET', `/api/lessons?student_id=${studentId}&uninvoiced=true`);
    for (const lesson of lessons)
      assert.ok(
        uninvoiced.body.some((l) => l.id === lesson.id),
        'the lesson is billable again',
      );
    for (const lesson of lessons) assert.equal((await app.authed('DELETE', `/api/lessons/${lesson.id}`)).status, 204);
  });

  test('lists invoices newest first without lines, filtered by notes with ?q=', async () => {
    const { body } = await invoice(
      (await bookDurations([45])).map((lesson) => lesson.id),
      { notes: 'Recherche SYN-42' },
    );
    const all = await app.authed<InvoiceBody[]>('GET', '/api/invoices');
    assert.equal(all.body[0]?.id, body.id);
    assert.equal(all.body[0]?.lines, undefined);
    const found = await app.authed<InvoiceBody[]>('GET', '/api/invoices?q=syn-42');
    assert.deepEqual(
      found.body.map((i) => i.id),
      [body.id],
    );
  });
});
