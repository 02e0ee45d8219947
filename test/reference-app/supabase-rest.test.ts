/**
 * Fidelity of the PostgREST subset and of the schema's rules, exercised with supabase-js: filters,
 * embeds, counts, writes with returned rows, the single-object media type, PostgREST's error shapes,
 * tenant isolation by row-level security (the second tenant stays invisible) and the domain RPCs.
 */
import assert from 'node:assert/strict';
import type { SupabaseClient } from '@supabase/supabase-js';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { anonClient, freeSlot, SECOND_USER, seedId, signedInClient } from './supabase-client.ts';

let app: ReferenceApp;
let db: SupabaseClient;
let second: SupabaseClient;
before(async () => {
  app = await startReferenceApp();
  db = await signedInClient(app);
  second = await signedInClient(app, SECOND_USER);
});
after(() => app.stop());

const student = (last: string) => ({
  first_name: 'Fidèle',
  last_name: last,
  email: `${last.toLowerCase()}@example.ch`,
  phone: '079 123 45 67',
});

describe('reading', () => {
  test('filters, order, limit/offset and an exact count with Content-Range', async () => {
    const { data, count, error } = await db
      .from('students')
      .select('first_name, last_name', { count: 'exact' })
      .ilike('email', '*@bluewin.ch')
      .order('last_name', { ascending: false })
      .range(0, 1);
    assert.equal(error, null);
    assert.equal(count, 3);
    assert.deepEqual(
      data?.map((s) => s.last_name),
      ['Rochat', 'Dubuis'],
    );
    const some = await db.from('students').select('last_name').in('first_name', ['Noah', 'Léa']).order('last_name');
    assert.deepEqual(
      some.data?.map((s) => s.last_name),
      ['Meier', 'Monnier'],
    );
    const either = await db
      .from('students')
      .select('last_name')
      .or('last_name.eq.Keller,first_name.like.Ch*')
      .order('last_name');
    assert.deepEqual(
      either.data?.map((s) => s.last_name),
      ['Bonvin', 'Keller'],
    );
    const open = await db
      .from('invoices')
      .select('number')
      .is('paid_at', null)
      .neq('status', 'paid')
      .gte('total_cents', 1);
    assert.equal(open.data?.length, 2);
  });

  test('embeds many-to-one as objects and one-to-many as arrays', async () => {
    const { data, error } = await db
      .from('invoices')
      .select('number, student:students(first_name, last_name), invoice_lines(amount_cents)')
      .order('number')
      .limit(1)
      .single();
    assert.equal(error, null);
    assert.deepEqual(data?.student, { first_name: 'Camille', last_name: 'Rochat' });
    assert.deepEqual(data?.invoice_lines, [{ amount_cents: 8500 }, { amount_cents: 8500 }]);
  });

  test('the single-object media type answers 406 PGRST116 unless exactly one row matches', async () => {
    const { error, status } = await db.from('students').select().eq('last_name', 'Personne').single();
    assert.equal(status, 406);
    assert.equal(error?.code, 'PGRST116');
  });

  test('an unknown table answers 404 PGRST205; a bad filter 400 PGRST100', async () => {
    const missing = await db.from('pupils').select();
    assert.equal(missing.status, 404);
    assert.equal(missing.error?.code, 'PGRST205');
    const bad = await fetch(`${app.supabaseUrl}/rest/v1/students?last_name=almost.x`, {
      headers: { apikey: app.anonKey },
    });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).code, 'PGRST100');
  });
});

describe('writing', () => {
  test('insert with return=representation, update, and delete returning the rows', async () => {
    const inserted = await db.from('students').insert(student('Insertion')).select().single();
    assert.equal(inserted.status, 201);
    assert.match(inserted.data?.id ?? '', /^[0-9a-f-]{36}$/);
    const updated = await db
      .from('students')
      .update({ phone: '+41 79 111 22 33' })
      .eq('id', inserted.data?.id)
      .select();
    assert.equal(updated.data?.[0]?.phone, '+41 79 111 22 33');
    const deleted = await db.from('students').delete().eq('id', inserted.data?.id).select('id');
    assert.deepEqual(deleted.data, [{ id: inserted.data?.id }]);
  });

  test('return=minimal answers 201/204 without a body; PATCH and DELETE without filters are refused', async () => {
    const minimal = await db.from('students').insert(student('Minimale'));
    assert.equal(minimal.status, 201);
    assert.equal(minimal.data, null);
    const removed = await db.from('students').delete().eq('last_name', 'Minimale');
    assert.equal(removed.status, 204);
    const everything = await fetch(`${app.supabaseUrl}/rest/v1/students`, {
      method: 'DELETE',
      headers: {
        apikey: app.anonKey,
        authorization: `Bearer ${(await db.auth.getSession()).data.session?.access_token}`,
      },
    });
    assert.equal(everything.status, 400);
    assert.equal((await everything.json()).code, '21000');
  });

  test(
    "a constraint violation answers PostgREST's shape: " + 'a student with lessons cannot be deleted (409 23503)',
    async () => {
      const { error, status } = await db
        .from('students')
        .delete()
        .eq('id', seedId('a', 3, 0));
      assert.equal(status, 409);
      assert.equal(error?.code, '23503');
      assert.equal(typeof error?.message, 'string');
    },
  );
});

describe('tenant isolation (row-level security)', () => {
  test(
    'each user reads only its tenant: ' + "the second tenant's students are invisible to the synthetic user",
    async () => {
      const mine = await db.from('students').select('tenant_id, last_name');
      assert.equal(mine.data?.length, 13);
      assert.ok(mine.data?.every((s) => s.tenant_id === '5e1f0000-0000-4000-8000-000000000001'));
      assert.equal((await db.from('students').select().eq('last_name', 'Léman')).data?.length, 0);
      const theirs = await second.from('students').select('last_name').order('last_name');
      assert.deepEqual(
        theirs.data?.map((s) => s.last_name),
        ['Léman', 'Vaudoise'],
      );
      assert.equal((await anonClient(app).from('students').select()).data?.length, 0, 'anon sees nothing');
    },
  );

  test("a DELETE of another tenant's row succeeds with zero rows and deletes nothing", async () => {
    const hidden = seedId('b', 3, 0);
    const { data, error, status } = await db.from('students').delete().eq('id', hidden).select();
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.deepEqual(data, []);
    assert.equal((await second.from('students').select('id').eq('id', hidden)).data?.length, 1);
  });

  test('writing a row into another tenant is refused (403 42501)', async () => {
    const { error, status } = await db
      .from('students')
      .insert({ ...student('Intruse'), tenant_id: '5e1f0000-0000-4000-8000-000000000002' });
    assert.equal(status, 403);
    assert.equal(error?.code, '42501');
  });
});

describe('RPCs (the domain rules in SQL)', () => {
  const fixture = seedId('a', 3, 12);
  const booking = (startsAt: string, instructor = 0, vehicle = 0) => ({
    student_id: fixture,
    instructor_id: seedId('a', 1, instructor),
    vehicle_id: seedId('a', 2, vehicle),
    starts_at: startsAt,
    duration_minutes: 45,
  });

  test('book_lesson books a free slot and refuses an overlapping one with 409 naming the busy instructor', async () => {
    const slot = freeSlot(30, 9);
    const booked = await db.rpc('book_lesson', booking(slot));
    assert.equal(booked.error, null);
    assert.equal(new Date(booked.data.ends_at).getTime() - new Date(slot).getTime(), 45 * 60_000);
    const clash = await db.rpc('book_lesson', booking(slot, 0, 1));
    assert.equal(clash.status, 409);
    assert.equal(
      clash.error?.message,
      "Ce créneau n'est pas disponible : le moniteur Luca Bernasconi est déjà réservé.",
    );
    const vehicle = await db.rpc('book_lesson', booking(slot, 1, 0));
    assert.match(vehicle.error?.message ?? '', /le véhicule VW Golf · VD 123 456 est déjà réservé/);
  });

  test('create_invoice: VAT 8.1 % half-up, total rounded to 0.05 CHF; mark_invoice_paid once', async () => {
    const lesson = await db.rpc('book_lesson', booking(freeSlot(31, 9)));
    const invoice = await db.rpc('create_invoice', { student_id: fixture, lesson_ids: [lesson.data.id] });
    assert.equal(invoice.error, null);
    assert.deepEqual(
      [invoice.data.subtotal_cents, invoice.data.vat_cents, invoice.data.total_cents],
      [8500, 689, 9190],
    );
    assert.match(invoice.data.number, /^F-\d{4}-\d{4}$/);
    assert.equal(invoice.data.lines.length, 1);
    const again = await db.rpc('create_invoice', { student_id: fixture, lesson_ids: [lesson.data.id] });
    assert.equal(again.status, 422);
    const paid = await db.rpc('mark_invoice_paid', { invoice_id: invoice.data.id });
    assert.equal(paid.data.status, 'paid');
    const twice = await db.rpc('mark_invoice_paid', { invoice_id: invoice.data.id });
    assert.equal(twice.status, 409);
  });

  test('anon cannot call the RPCs (401); an unknown function answers 404 PGRST202', async () => {
    const anon = await anonClient(app).rpc('create_invoice', { student_id: fixture, lesson_ids: [] });
    assert.equal(anon.status, 401);
    const unknown = await db.rpc('launch_rocket', {});
    assert.equal(unknown.status, 404);
    assert.equal(unknown.error?.code, 'PGRST202');
  });
});
