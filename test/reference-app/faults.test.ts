/**
 * Every fault of the switchboard breaks exactly what it claims, leaves its neighbours alone, and
 * turning it off restores health. Browser-side faults are checked by their marker in the HTML shell
 * here (and by their effect in a browser in ui.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { bookLesson, fixtureStudentId, freshDate } from './records.ts';

let app: ReferenceApp;
before(async () => {
  app = await startReferenceApp();
});
after(() => app.stop());

async function timed(path: string, init?: RequestInit): Promise<{ ms: number; status: number; text: string }> {
  const started = performance.now();
  const response = await fetch(`${app.url}${path}`, init);
  const text = await response.text();
  return { ms: performance.now() - started, status: response.status, text };
}

const shell = async (path: string) => (await fetch(`${app.url}${path}`)).text();
const student = {
  first_name: 'Jeanne',
  last_name: 'Faute',
  email: 'jeanne.faute@example.ch',
  phone: '+41 79 123 45 67',
};

describe('the switchboard', () => {
  test('lists the seventeen faults, all off, each with a description', async () => {
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
      if (response.body.error.valid_faults) assert.equal(response.body.error.valid_faults.length, 17);
      if (body) assert.match(response.body.error.message, /login-broken, students-save-fails/);
    });
  }
});

describe('server-side faults', () => {
  test('login-broken: the token endpoint answers 500; existing sessions still work', async () => {
    const token = await app.signIn();
    await app.withFault('login-broken', async () => {
      assert.equal(
        (await app.api('POST', '/auth/v1/token?grant_type=password', { email: app.email, password: app.password }))
          .status,
        500,
      );
      assert.equal((await app.api('GET', '/auth/v1/user', undefined, token)).status, 200);
      assert.equal((await app.api('GET', '/api/students', undefined, token)).status, 200);
    });
    assert.equal(
      (await app.api('POST', '/auth/v1/token?grant_type=password', { email: app.email, password: app.password }))
        .status,
      200,
    );
  });

  test('students-save-fails: POST and PUT answer 500; reading and deleting still work', async () => {
    const created = await app.authed<{ id: number }>('POST', '/api/students', student);
    await app.withFault('students-save-fails', async () => {
      const post = await app.authed<{ error: { code: string } }>('POST', '/api/students', student);
      assert.deepEqual([post.status, post.body.error.code], [500, 'internal_error']);
      assert.equal((await app.authed('PUT', `/api/students/${created.body.id}`, student)).status, 500);
      assert.equal((await app.authed('GET', '/api/students')).status, 200);
      assert.equal((await app.authed('GET', `/api/students/${created.body.id}`)).status, 200);
      assert.equal((await app.authed('DELETE', `/api/students/${created.body.id}`)).status, 204);
      assert.equal((await app.authed('POST', '/api/lessons', {})).status, 422, 'other writes are unaffected');
    });
    assert.equal((await app.authed('POST', '/api/students', student)).status, 201);
  });

  test('booking-double-allowed: an overlapping booking is accepted', async () => {
    const date = freshDate();
    await bookLesson(app, { starts_at: `${date}T10:00` });
    await app.withFault('booking-double-allowed', async () => {
      await bookLesson(app, { starts_at: `${date}T10:00` });
    });
    const refused = await app.authed('POST', '/api/lessons', {
      student_id: await fixtureStudentId(app),
      instructor_id: 1,
      vehicle_id: 1,
      starts_at: `${date}T10:00`,
      duration_minutes: 45,
    });
    assert.equal(refused.status, 409);
  });

  test('invoice-total-wrong: VAT at 7.7 % while the rate still reads 8.1 %', async () => {
    const invoiceOne = async () => {
      const lesson = await bookLesson(app, { starts_at: `${freshDate()}T09:00` });
      return (
        await app.authed<{ vat_rate: number; vat_cents: number; total_cents: number }>('POST', '/api/invoices', {
          student_id: lesson.student_id,
          lesson_ids: [lesson.id],
        })
      ).body;
    };
    await app.withFault('invoice-total-wrong', async () => {
      const wrong = await invoiceOne();
      assert.deepEqual([wrong.vat_rate, wrong.vat_cents, wrong.total_cents], [0.081, 655, 9155]);
    });
    const healthy = await invoiceOne();
    assert.deepEqual([healthy.vat_rate, healthy.vat_cents, healthy.total_cents], [0.081, 689, 9190]);
  });

  test('health-db-down: /api/health answers 503 unhealthy; the rest of the API works', async () => {
    await app.withFault('health-db-down', async () => {
      const health = await app.api('GET', '/api/health');
      assert.deepEqual([health.status, health.body], [503, { status: 'unhealthy', database: 'error' }]);
      assert.equal((await app.authed('GET', '/api/students')).status, 200);
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

  test('api-slow: every /api response takes ≥ 2.5 s; sign-in and files do not', async () => {
    await app.withFault('api-slow', async () => {
      const [health, unknown, token, script] = await Promise.all([
        timed('/api/health'),
        timed('/api/nothing-here'),
        timed('/auth/v1/token?grant_type=password', {
          method: 'POST',
          body: JSON.stringify({ email: app.email, password: app.password }),
        }),
        timed('/js/main.js'),
      ]);
      assert.ok(health.ms >= 2500 && unknown.ms >= 2500, `API took ${health.ms} and ${unknown.ms} ms`);
      assert.equal(health.status, 200);
      assert.ok(token.ms < 1000 && script.ms < 1000, `sign-in ${token.ms} ms, script ${script.ms} ms`);
    });
    assert.ok((await timed('/api/health')).ms < 1000);
  });
});
