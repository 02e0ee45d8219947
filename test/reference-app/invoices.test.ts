/**
 * Invoices on the Supabase origin, through supabase-js as the synthetic user: `create_invoice` (lines at
 * the tariff, VAT 8.1 % half-up to the centime, total half-up to 5 centimes — a table of cases worked out
 * by hand), the arithmetic of `invoice_totals` alone, numbering, the billing rules, `mark_invoice_paid`,
 * and deleting an invoice.
 */
import assert from 'node:assert/strict';
import type { SupabaseClient } from '@supabase/supabase-js';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { bookLesson, createStudent, FIXTURE_STUDENT, freshDate, zurich, type LessonRow } from './records.ts';
import { signedInClient } from './supabase-client.ts';

interface InvoiceBody {
  id: string;
  number: string;
  student_id: string;
  status: string;
  notes: string;
  subtotal_cents: number;
  vat_rate: number;
  vat_cents: number;
  total_cents: number;
  paid_at: string | null;
  lines: Array<{ lesson_id: string; description: string; amount_cents: number }>;
}

let app: ReferenceApp;
let db: SupabaseClient;
before(async () => {
  app = await startReferenceApp();
  db = await signedInClient(app);
});
after(() => app.stop());

/** Books one lesson per duration, on one fresh day, one after the other from 08:00 (Zurich). */
async function bookDurations(durations: Array<45 | 90>, student = FIXTURE_STUDENT): Promise<LessonRow[]> {
  const date = freshDate();
  const lessons: LessonRow[] = [];
  for (const [index, duration] of durations.entries()) {
    const time = `${String(8 + 2 * index).padStart(2, '0')}:00`;
    lessons.push(
      await bookLesson(db, { student_id: student, starts_at: zurich(date, time), duration_minutes: duration }),
    );
  }
  return lessons;
}

const invoice = async (lessonIds: unknown, extra: Record<string, unknown> = {}) => {
  const { data, error, status } = await db.rpc('create_invoice', {
    student_id: FIXTURE_STUDENT,
    lesson_ids: lessonIds,
    ...extra,
  });
  return { status, error, body: data as InvoiceBody };
};

describe('invoice totals (create_invoice)', () => {
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
      const { status, body, error } = await invoice(lessons.map((lesson) => lesson.id));
      assert.equal(status, 200, JSON.stringify(error));
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

describe('invoice_totals: the arithmetic alone, in integer centimes', () => {
  const totals = async (subtotal: number, rate: number) => {
    const { data, error } = await db.rpc('invoice_totals', { subtotal_cents: subtotal, vat_rate: rate });
    assert.equal(error, null);
    return (data as Array<{ vat_cents: number; total_cents: number }>)[0];
  };
  const cases: Array<[string, number, number, number, number]> = [
    ['8.1 % of CHF 85.00 is 6.885 → 6.89 (half-up)', 8500, 0.081, 689, 9190],
    ['just under half a centime rounds down', 8500, 0.08099999, 688, 9190],
    ['8.1 % of CHF 165.00 is 13.365 → 13.37', 16_500, 0.081, 1337, 17_835],
    ['7.7 % (the old rate) of CHF 85.00 is 6.545 → 6.55', 8500, 0.077, 655, 9155],
    ['12 × 90 min: 2140.38 → 2140.40', 198_000, 0.081, 16_038, 214_040],
    ['no VAT on nothing', 0, 0.081, 0, 0],
  ];
  for (const [what, subtotal, rate, vat, total] of cases) {
    test(`${what}: VAT ${vat}, total ${total}`, async () => {
      assert.deepEqual(await totals(subtotal, rate), { vat_cents: vat, total_cents: total });
    });
  }
  // Without VAT the total is the subtotal rounded to 5 centimes, half-up: …5 stays, 6–7 down, 8–9 up.
  const rounding: Array<[number, number]> = [
    [18_375, 18_375],
    [18_376, 18_375],
    [18_377, 18_375],
    [18_378, 18_380],
    [18_379, 18_380],
    [18_380, 18_380],
    [2, 0],
    [3, 5],
  ];
  for (const [cents, expected] of rounding) {
    test(`${cents} centimes round to ${expected}`, async () => {
      assert.equal((await totals(cents, 0))?.total_cents, expected);
    });
  }
});

describe('generating invoices', () => {
  test('one line per lesson, in time order, described "Leçon de conduite 45 min · dd.mm.yyyy hh:mm"', async () => {
    const [first, second] = await bookDurations([45, 90]);
    const { body } = await invoice([second?.id, first?.id], { notes: '  Facture test ' });
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
    for (let i = 0; i < 2; i += 1) numbers.push((await invoice([(await bookDurations([45]))[0]?.id])).body.number);
    const [a, b] = numbers.map((number) => Number(number.slice(7)));
    assert.equal((b ?? 0) - (a ?? 0), 1);
    assert.ok((a ?? 0) > 3, 'the three seeded invoices keep their numbers');
  });

  test('a lesson is billed once: the second invoice is refused with 422', async () => {
    const [lesson] = await bookDurations([45]);
    assert.equal((await invoice([lesson?.id])).status, 200);
    const again = await invoice([lesson?.id]);
    assert.deepEqual([again.status, again.error?.code], [422, 'PT422']);
    assert.match(again.error?.message ?? '', /déjà facturée/);
    const billed = await db.from('lessons').select('invoice_lines(invoice_id)').eq('id', lesson?.id).single();
    assert.equal(billed.data?.invoice_lines.length, 1);
  });

  const UNKNOWN = '5e1f00a4-0000-4000-8000-999999999999';
  const refusals: Array<[string, () => Promise<Record<string, unknown>>, number, string]> = [
    ['no lesson', async () => ({ lesson_ids: [] }), 422, 'Sélectionnez au moins une leçon.'],
    ['lesson ids of the wrong type', async () => ({ lesson_ids: 'all' }), 400, 'malformed array literal'],
    ['an unknown lesson', async () => ({ lesson_ids: [UNKNOWN] }), 422, 'inconnue'],
    [
      'a cancelled lesson',
      async () => {
        const [lesson] = await bookDurations([45]);
        await db.from('lessons').update({ status: 'cancelled' }).eq('id', lesson?.id);
        return { lesson_ids: [lesson?.id] };
      },
      422,
      'annulée',
    ],
    [
      "another student's lesson",
      async () => {
        const [lesson] = await bookDurations([45], await createStudent(db, 'Autre-Eleve'));
        return { lesson_ids: [lesson?.id] };
      },
      422,
      "d'un autre élève",
    ],
    [
      'an unknown student',
      async () => ({ student_id: UNKNOWN, lesson_ids: [(await bookDurations([45]))[0]?.id] }),
      422,
      "d'un autre élève",
    ],
  ];
  for (const [what, args, status, message] of refusals) {
    test(`refuses ${what} with ${status}`, async () => {
      const { student_id = FIXTURE_STUDENT, lesson_ids, ...rest } = await args();
      const response = await invoice(lesson_ids, { student_id, ...rest });
      assert.equal(response.status, status, JSON.stringify(response.error));
      assert.ok(response.error?.message.includes(message), JSON.stringify(response.error));
    });
  }

  test('a remark of 501 characters is refused (400 23514)', async () => {
    const response = await invoice([(await bookDurations([45]))[0]?.id], { notes: 'x'.repeat(501) });
    assert.deepEqual([response.status, response.error?.code], [400, '23514']);
  });
});

describe('paying and deleting', () => {
  test('marks an invoice paid once (200, then 409 already_paid); an unknown invoice is 404', async () => {
    const { body } = await invoice((await bookDurations([45])).map((lesson) => lesson.id));
    const paid = await db.rpc('mark_invoice_paid', { invoice_id: body.id });
    assert.equal(paid.status, 200);
    assert.equal(paid.data.status, 'paid');
    assert.ok(paid.data.paid_at && Math.abs(Date.parse(paid.data.paid_at) - Date.now()) < 10_000);
    const again = await db.rpc('mark_invoice_paid', { invoice_id: body.id });
    assert.deepEqual([again.status, again.error?.hint], [409, 'already_paid']);
    const unknown = await db.rpc('mark_invoice_paid', { invoice_id: '5e1f00a5-0000-4000-8000-999999999999' });
    assert.deepEqual([unknown.status, unknown.error?.code], [404, 'PT404']);
  });

  test('deleting an invoice (even paid) frees its lessons, which can then be deleted', async () => {
    const lessons = await bookDurations([45, 90]);
    const { body } = await invoice(
      lessons.map((lesson) => lesson.id),
      { notes: 'à supprimer' },
    );
    const blocked = await db.from('lessons').delete().eq('id', lessons[0]?.id);
    assert.deepEqual([blocked.status, blocked.error?.code], [409, '23503'], 'an invoiced lesson cannot be deleted');
    const cancel = await db.from('lessons').update({ status: 'cancelled' }).eq('id', lessons[0]?.id);
    assert.deepEqual([cancel.status, cancel.error?.hint], [409, 'lesson_invoiced'], 'nor cancelled');
    await db.rpc('mark_invoice_paid', { invoice_id: body.id });
    const deleted = await db.from('invoices').delete().eq('id', body.id).select('id');
    assert.deepEqual(deleted.data, [{ id: body.id }]);
    assert.deepEqual((await db.from('invoice_lines').select('id').eq('invoice_id', body.id)).data, []);
    const freed = await db
      .from('lessons')
      .select('id, invoice_lines(id)')
      .in(
        'id',
        lessons.map((lesson) => lesson.id),
      );
    assert.ok(freed.data?.length === 2 && freed.data.every((l) => l.invoice_lines.length === 0), 'billable again');
    for (const lesson of lessons) assert.equal((await db.from('lessons').delete().eq('id', lesson.id)).status, 204);
  });

  test('lists invoices newest first, filtered by remark with ilike', async () => {
    const { body } = await invoice(
      (await bookDurations([45])).map((lesson) => lesson.id),
      { notes: 'Recherche SYN-42' },
    );
    const all = await db.from('invoices').select('id').order('created_at', { ascending: false });
    assert.equal(all.data?.[0]?.id, body.id);
    const found = await db.from('invoices').select('id').ilike('notes', '*syn-42*');
    assert.deepEqual(found.data, [{ id: body.id }]);
  });
});
