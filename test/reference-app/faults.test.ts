/**
 * Every fault of the switchboard breaks exactly what it claims, leaves its neighbours alone, and turning it
 * off restores health — each where production would fail: the Supabase origin's Auth and REST (seen through
 * supabase-js), Postgres itself (`fault_on()` in SQL), or the app origin (health function, HTML, files).
 * Browser-side faults are checked by their marker in the HTML shell here (and by their effect in a browser in
 * ui.test.ts and ui-faults.test.ts).
 */
import assert from 'node:assert/strict';
import type { SupabaseClient } from '@supabase/supabase-js';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { bookLesson, FIXTURE_STUDENT, freshDate, instructor, vehicle, zurich } from './records.ts';
import { anonClient, signedInClient } from './supabase-client.ts';

let app: ReferenceApp;
let db: SupabaseClient;
before(async () => {
  app = await startReferenceApp();
  db = await signedInClient(app);
});
after(() => app.stop());

async function timed(path: string, init?: RequestInit): Promise<{ ms: number; status: number; text: string }> {
  const started = performance.now();
  const response = await fetch(`${app.url}${path}`, init);
  const text = await response.text();
  return { ms: performance.now() - started, status: response.status, text };
}

/** How long an action took, in ms. */
async function elapsed(action: () => PromiseLike<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

const shell = async (path: string) => (await fetch(`${app.url}${path}`)).text();
const student = (last: string) => ({
  first_name: 'Jeanne',
  last_name: last,
  email: `${last.toLowerCase()}@example.ch`,
  phone: '+41 79 123 45 67',
});
const studentCount = async () => (await db.from('students').select('id', { count: 'exact', head: true })).count;
const signInStatus = async () =>
  (await anonClient(app).auth.signInWithPassword({ email: app.email, password: app.password })).error?.status ?? 200;

describe('the switchboard', () => {
  test('lists the eighteen faults, all off, each with a description', async () => {
    const { body } = await app.api<{ faults: Array<{ name: string; enabled: boolean; description: string }> }>(
      'GET',
      '/__faults',
    );
    assert.deepEqual(
      body.faults.map((fault) => fault.name),
      [
        'login-broken',
        'students-save-fails',
        'booking-double-allowed',
        'invoice-total-wrong',
        'health-db-down',
        'home-blank',
        'js-error',
        'search-ignored',
        'slow-ttfb',
        'layout-shift',
        'slow-lcp',
        'a11y-regression',
        'api-slow',
        'supabase-down',
        'rest-slow',
        'rls-open',
        'token-refresh-broken',
        'telemetry-missing',
      ],
    );
    assert.ok(body.faults.every((fault) => !fault.enabled && fault.description.length > 10));
  });

  test('a toggle answers the new list', async () => {
    const on = await app.api<{ faults: Array<{ name: string; enabled: boolean }> }>('POST', '/__faults', {
      fault: 'js-error',
      enabled: true,
    });
    assert.equal(on.status, 200);
    assert.deepEqual(
      on.body.faults.filter((f) => f.enabled).map((f) => f.name),
      ['js-error'],
    );
    await app.setFault('js-error', false);
    assert.ok((await app.faults()).every((fault) => !fault.enabled));
  });

  test(
    'refuses anything but Content-Type: application/json with 415, ' + 'so a cross-site form cannot flip a fault',
    async () => {
      const body = JSON.stringify({ fault: 'js-error', enabled: true });
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        const response = await fetch(`${app.url}/__faults`, { method: 'POST', headers, body });
        assert.equal(response.status, 415, `Content-Type ${type}`);
      }
      assert.ok((await app.faults()).every((fault) => !fault.enabled));
    },
  );

  for (const [what, body] of [
    ['an unknown fault', { fault: 'disk-full', enabled: true }],
    ['a non-boolean switch', { fault: 'js-error', enabled: 'yes' }],
    ['an empty body', ''],
  ] as const) {
    test(`refuses ${what} with 400 listing the valid names`, async () => {
      const response = await app.api<{ error: { code: string; message: string; valid_faults?: string[] } }>(
        'POST',
        '/__faults',
        body,
      );
      assert.equal(response.status, 400);
      if (response.body.error.valid_faults) assert.equal(response.body.error.valid_faults.length, 18);
      if (body) assert.match(response.body.error.message, /login-broken, students-save-fails/);
    });
  }
});

describe('faults of the Supabase origin (Auth and REST)', () => {
  test('healthy: 13 students visible, sign-in and refresh work', async () => {
    assert.equal(await studentCount(), 13);
    assert.equal(await signInStatus(), 200);
    assert.equal((await db.auth.refreshSession()).error, null);
  });

  test('login-broken: the password grant answers 500; existing sessions still read and refresh', async () => {
    await app.withFault('login-broken', async () => {
      assert.equal(await signInStatus(), 500);
      assert.equal((await db.auth.getUser()).error, null);
      assert.equal((await db.from('students').select('id')).status, 200);
      assert.equal((await db.auth.refreshSession()).error, null, 'refresh is another grant');
    });
    assert.equal(await signInStatus(), 200);
  });

  test('token-refresh-broken: refresh answers 500 while password sign-in still works', async () => {
    // A client of its own: supabase-js drops the session whose refresh failed with a 500.
    const refreshing = await signedInClient(app);
    await app.withFault('token-refresh-broken', async () => {
      const { error } = await refreshing.auth.refreshSession();
      assert.equal(error?.status, 500);
      assert.equal(await signInStatus(), 200);
    });
    assert.equal((await (await signedInClient(app)).auth.refreshSession()).error, null);
  });

  test(
    'supabase-down: Auth and REST answer 503; ' + 'the app origin still serves, its health says the database is down',
    async () => {
      assert.equal((await fetch(`${app.url}/api/health`)).status, 200);
      await app.withFault('supabase-down', async () => {
        const health = await fetch(`${app.url}/api/health`);
        assert.deepEqual([health.status, await health.json()], [503, { status: 'unhealthy', database: 'error' }]);
        assert.equal((await db.from('students').select('id')).status, 503);
        assert.equal((await db.rpc('invoice_totals', { subtotal_cents: 100, vat_rate: 0.081 })).status, 503);
        assert.equal(await signInStatus(), 503);
        assert.equal((await fetch(`${app.url}/login`)).status, 200);
      });
      assert.equal((await db.from('students').select('id')).status, 200);
    },
  );

  test('students-save-fails: inserting and updating a student answer 500; reads and other writes work', async () => {
    const created = await db.from('students').insert(student('Faute')).select('id').single();
    await app.withFault('students-save-fails', async () => {
      const insert = await db.from('students').insert(student('Autre'));
      assert.equal(insert.status, 500);
      assert.equal(
        (await db.from('students').update({ phone: '079 765 43 21' }).eq('id', created.data?.id)).status,
        500,
      );
      assert.equal((await db.from('students').select('id').eq('id', created.data?.id)).data?.length, 1);
      assert.equal((await db.from('students').delete().eq('id', created.data?.id)).status, 204);
      await bookLesson(db, { starts_at: zurich(freshDate(), '10:00') });
    });
    assert.equal((await db.from('students').insert(student('Apres'))).status, 201);
  });

  test("rls-open: the synthetic user sees the second tenant's rows; off again, only its own", async () => {
    const own = (await studentCount()) ?? 0;
    await app.withFault('rls-open', async () => {
      assert.equal(await studentCount(), own + 2, "the second tenant's two students too");
      assert.equal((await db.from('students').select('id').eq('last_name', 'Léman')).data?.length, 1);
    });
    assert.equal(await studentCount(), own);
  });
});

describe('faults in Postgres (fault_on)', () => {
  test('booking-double-allowed: an overlapping booking is accepted, and refused again once off', async () => {
    const slot = zurich(freshDate(), '10:00');
    await bookLesson(db, { starts_at: slot });
    await app.withFault('booking-double-allowed', async () => {
      await bookLesson(db, { starts_at: slot });
    });
    const refused = await db.rpc('book_lesson', {
      student_id: FIXTURE_STUDENT,
      instructor_id: instructor(0),
      vehicle_id: vehicle(0),
      starts_at: slot,
      duration_minutes: 45,
    });
    assert.equal(refused.status, 409);
  });

  test('invoice-total-wrong: VAT at 7.7 % while vat_rate still reads 0.081', async () => {
    const invoiceOne = async () => {
      const lesson = await bookLesson(db, { starts_at: zurich(freshDate(), '09:00') });
      const { data } = await db.rpc('create_invoice', { student_id: FIXTURE_STUDENT, lesson_ids: [lesson.id] });
      return [data.vat_rate, data.vat_cents, data.total_cents];
    };
    await app.withFault('invoice-total-wrong', async () => {
      assert.deepEqual(await invoiceOne(), [0.081, 655, 9155]);
    });
    assert.deepEqual(await invoiceOne(), [0.081, 689, 9190]);
  });
});

describe('faults of the app origin', () => {
  test('health-db-down: /api/health answers 503 unhealthy; Supabase itself works', async () => {
    await app.withFault('health-db-down', async () => {
      const health = await app.api('GET', '/api/health');
      assert.deepEqual([health.status, health.body], [503, { status: 'unhealthy', database: 'error' }]);
      assert.equal((await db.from('students').select('id')).status, 200);
    });
    assert.equal((await app.api('GET', '/api/health')).status, 200);
  });

  test('home-blank: / is a 200 empty shell; other pages are unaffected', async () => {
    await app.withFault('home-blank', async () => {
      const home = await timed('/');
      assert.equal(home.status, 200);
      assert.match(home.text, /<div id="root"><\/div>/);
      assert.match(home.text, /<title>Viamentor<\/title>/);
      assert.doesNotMatch(home.text, /<script/);
      assert.match(await shell('/login'), /<script type="module"/);
    });
    assert.match(await shell('/'), /<script type="module"/);
  });
});

describe('browser-side faults (announced in the HTML shell)', () => {
  for (const name of ['js-error', 'layout-shift', 'a11y-regression']) {
    test(`${name}: the shell announces it to the SPA while on, and only then`, async () => {
      await app.withFault(name, async () => {
        for (const path of ['/', '/students', '/planning']) {
          assert.match(
            await shell(path),
            new RegExp(`<script>window.__VIAMENTOR_FAULTS__ = \\["${name}"\\];</script>`),
          );
        }
      });
      assert.doesNotMatch(await shell('/students'), /__VIAMENTOR_FAULTS__/);
    });
  }

  test('several browser-side faults are announced together', async () => {
    await app.withFault('js-error', () =>
      app.withFault('a11y-regression', async () => {
        assert.match(await shell('/'), /__VIAMENTOR_FAULTS__ = \["js-error","a11y-regression"\]/);
      }),
    );
  });
});

describe('slow faults', () => {
  test('slow-ttfb: every HTML document takes ≥ 1.5 s; the API does not', async () => {
    await app.withFault('slow-ttfb', async () => {
      const [home, deep, health] = await Promise.all([timed('/'), timed('/students/1'), timed('/api/health')]);
      assert.ok(home.ms >= 1500 && deep.ms >= 1500, `documents took ${home.ms} and ${deep.ms} ms`);
      assert.ok(health.ms < 1000, `the API took ${health.ms} ms`);
    });
    assert.ok((await timed('/')).ms < 1000);
  });

  test('slow-lcp: the hero image takes ≥ 3 s; the page and other files do not', async () => {
    await app.withFault('slow-lcp', async () => {
      const [hero, page, icon] = await Promise.all([
        timed('/assets/hero.png'),
        timed('/'),
        timed('/assets/favicon.svg'),
      ]);
      assert.ok(hero.ms >= 3000, `the hero took ${hero.ms} ms`);
      assert.ok(page.ms < 1000 && icon.ms < 1000, `page ${page.ms} ms, icon ${icon.ms} ms`);
    });
    assert.ok((await timed('/assets/hero.png')).ms < 1000);
  });

  test("api-slow: the app origin's /api and every REST answer take ≥ 2.5 s; Auth and files do not", async () => {
    await app.withFault('api-slow', async () => {
      const [health, unknown, rest, token, script] = await Promise.all([
        timed('/api/health'),
        timed('/api/nothing-here'),
        elapsed(() => db.from('students').select('id').limit(1)),
        elapsed(signInStatus),
        timed('/js/main.js'),
      ]);
      assert.ok(health.ms >= 2500 && unknown.ms >= 2500, `API took ${health.ms} and ${unknown.ms} ms`);
      assert.deepEqual([health.status, unknown.status], [200, 404]);
      assert.ok(rest >= 2500, `REST took ${rest} ms`);
      assert.ok(token < 1000 && script.ms < 1000, `sign-in ${token} ms, script ${script.ms} ms`);
    });
    assert.ok((await timed('/api/health')).ms < 1000);
  });

  test('rest-slow: every REST and RPC answer takes ≥ 2.5 s; Auth and the app origin do not', async () => {
    await app.withFault('rest-slow', async () => {
      const [rest, rpc, user, page] = await Promise.all([
        elapsed(() => db.from('students').select('id').limit(1)),
        elapsed(() => db.rpc('invoice_totals', { subtotal_cents: 100, vat_rate: 0.081 })),
        elapsed(() => db.auth.getUser()),
        timed('/students'),
      ]);
      assert.ok(rest >= 2500 && rpc >= 2500, `REST ${rest} ms, RPC ${rpc} ms`);
      assert.ok(user < 2000 && page.ms < 1000, `Auth ${user} ms, page ${page.ms} ms`);
    });
    assert.ok((await elapsed(() => db.from('students').select('id').limit(1))) < 1000);
  });
});
