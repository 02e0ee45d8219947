/**
 * The faults that live on the Supabase origin each break exactly what they claim, seen through
 * supabase-js, and turning them off restores health: supabase-down, rest-slow, rls-open,
 * token-refresh-broken, and the older login-broken, students-save-fails, booking-double-allowed and
 * invoice-total-wrong, now enforced where production would fail (Auth, PostgREST, Postgres).
 */
import assert from 'node:assert/strict';
import type { SupabaseClient } from '@supabase/supabase-js';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { anonClient, freeSlot, seedId, signedInClient } from './supabase-client.ts';

let app: ReferenceApp;
let db: SupabaseClient;
before(async () => {
  app = await startReferenceApp();
  db = await signedInClient(app);
});
after(() => app.stop());

const fixture = seedId('a', 3, 12);
const booking = (startsAt: string, instructor: number) => ({
  student_id: fixture,
  instructor_id: seedId('a', 1, instructor),
  vehicle_id: seedId('a', 2, instructor),
  starts_at: startsAt,
  duration_minutes: 45,
});
const studentCount = async () => (await db.from('students').select('id', { count: 'exact', head: true })).count;

describe('faults of the Supabase origin', () => {
  test('healthy: 13 students visible, sign-in and refresh work', async () => {
    assert.equal(await studentCount(), 13);
    assert.equal((await db.auth.refreshSession()).error, null);
  });

  test(
    'supabase-down: Auth and REST answer 503; ' + 'the app origin still serves, its health says the database is down',
    async () => {
      assert.equal((await fetch(`${app.url}/api/health`)).status, 200);
      await app.withFault('supabase-down', async () => {
        const health = await fetch(`${app.url}/api/health`);
        assert.deepEqual([health.status, await health.json()], [503, { status: 'unhealthy', database: 'error' }]);
        assert.equal((await db.from('students').select('id')).status, 503);
        const { error } = await anonClient(app).auth.signInWithPassword({ email: app.email, password: app.password });
        assert.equal(error?.status, 503);
        assert.equal((await fetch(`${app.url}/login`)).status, 200);
      });
      assert.equal((await db.from('students').select('id')).status, 200);
    },
  );

  test('rest-slow: every REST and RPC answer takes ≥ 2.5 s; Auth does not', async () => {
    await app.withFault('rest-slow', async () => {
      let started = performance.now();
      await db.from('students').select('id').limit(1);
      assert.ok(performance.now() - started >= 2500, 'REST delayed');
      started = performance.now();
      await db.rpc('invoice_totals', { subtotal_cents: 100, vat_rate: 0.081 });
      assert.ok(performance.now() - started >= 2500, 'RPC delayed');
      started = performance.now();
      await db.auth.getUser();
      assert.ok(performance.now() - started < 2000, 'Auth not delayed');
    });
  });

  test("rls-open: the synthetic user sees the second tenant's rows; off again, only its own", async () => {
    await app.withFault('rls-open', async () => {
      assert.equal(await studentCount(), 15);
      assert.equal((await db.from('students').select('id').eq('last_name', 'Léman')).data?.length, 1);
    });
    assert.equal(await studentCount(), 13);
  });

  test('token-refresh-broken: refresh answers 500 while password sign-in still works', async () => {
    await app.withFault('token-refresh-broken', async () => {
      const { error } = await db.auth.refreshSession();
      assert.equal(error?.status, 500);
      assert.equal(
        (await anonClient(app).auth.signInWithPassword({ email: app.email, password: app.password })).error,
        null,
      );
    });
  });

  test(
    'login-broken: the password grant answers 500 ' + '("La connexion a échoué" in the SPA); sessions still read',
    async () => {
      await app.withFault('login-broken', async () => {
        const { error } = await anonClient(app).auth.signInWithPassword({ email: app.email, password: app.password });
        assert.equal(error?.status, 500);
        assert.equal((await db.from('students').select('id')).status, 200);
      });
    },
  );

  test('students-save-fails: inserting and updating a student answer 500; reading and deleting work', async () => {
    const created = await db
      .from('students')
      .insert({ first_name: 'Jeanne', last_name: 'Faute', email: 'jf@example.ch', phone: '079 123 45 67' })
      .select('id')
      .single();
    await app.withFault('students-save-fails', async () => {
      assert.equal(
        (
          await db
            .from('students')
            .insert({ first_name: 'X', last_name: 'Y', email: 'x@example.ch', phone: '079 123 45 67' })
        ).status,
        500,
      );
      assert.equal(
        (await db.from('students').update({ phone: '079 765 43 21' }).eq('id', created.data?.id)).status,
        500,
      );
      assert.equal((await db.from('students').select('id').eq('id', created.data?.id)).data?.length, 1);
      assert.equal((await db.from('students').delete().eq('id', created.data?.id)).status, 204);
    });
  });

  test('booking-double-allowed: an overlapping booking is accepted, and refused again once off', async () => {
    const slot = freeSlot(40, 10);
    assert.equal((await db.rpc('book_lesson', booking(slot, 2))).error, null);
    await app.withFault('booking-double-allowed', async () => {
      assert.equal((await db.rpc('book_lesson', booking(slot, 2))).error, null);
    });
    assert.equal((await db.rpc('book_lesson', booking(slot, 2))).status, 409);
  });

  test('invoice-total-wrong: VAT at 7.7 % while vat_rate still reads 0.081', async () => {
    const lesson = await db.rpc('book_lesson', booking(freeSlot(41, 10), 1));
    await app.withFault('invoice-total-wrong', async () => {
      const { data } = await db.rpc('create_invoice', { student_id: fixture, lesson_ids: [lesson.data.id] });
      assert.equal(data.vat_cents, 655);
      assert.equal(data.vat_rate, 0.081);
    });
  });
});
