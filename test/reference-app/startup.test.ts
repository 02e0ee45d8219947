/**
 * How the reference app starts and stops: the printed lines, the environment variables, the
 * switchboard that exists only in test mode, refusals of a bad configuration, and a fresh database per start.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import {
  referenceAppEnv,
  spawnReferenceApp,
  startReferenceApp,
  stopProcess,
  waitForUrl,
  type ReferenceApp,
  type StartOptions,
} from '../helpers/reference-app.ts';
import { FAULT_NAMES } from '../../reference-app/src/faults.ts';
import { anonClient, signedInClient } from './supabase-client.ts';

/** Starts the app and returns what it printed, its URL and a stop function. */
async function launch(options: StartOptions, args: string[] = []) {
  const { child, output } = spawnReferenceApp(referenceAppEnv(options), args);
  const url = await waitForUrl(child, output);
  return { child, url, output, stop: () => stopProcess(child) };
}

/** Runs the app with a configuration it must refuse; returns its exit code and output. */
async function refusedStart(options: StartOptions): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnReferenceApp(referenceAppEnv(options));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output: output() };
}

/** The Supabase CLI's local anon key: the reference app signs the same claims with the same default secret. */
const WELL_KNOWN_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9' +
  '.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

describe('start-up', () => {
  test('prints the documented lines, without the switchboard by default', async (t) => {
    const started = performance.now();
    const app = await launch({ faults: false });
    try {
      const supabaseUrl = /^SUPABASE_URL=(\S+)$/m.exec(app.output())?.[1] ?? '';
      const health = await fetch(`${app.url}/api/health`);
      assert.equal(health.status, 200);
      const auth = await fetch(`${supabaseUrl}/auth/v1/health`, { headers: { apikey: WELL_KNOWN_ANON_KEY } });
      assert.equal(auth.status, 200);
      // Start-up time is reported, not asserted: speed targets are measured by `npm run bench`, never by a timed test.
      t.diagnostic(`first 200 of both origins ${Math.round(performance.now() - started)} ms after the start`);
      assert.equal(
        app.output(),
        [
          `Viamentor reference app listening on ${app.url}`,
          '  synthetic user: synthetic@viamentor.test / viamentor-synthetic',
          '  fault switchboard: off',
          `BASE_URL=${app.url}`,
          `SUPABASE_URL=${supabaseUrl}`,
          `SUPABASE_ANON_KEY=${WELL_KNOWN_ANON_KEY}`,
          'SYNTHETIC_EMAIL=synthetic@viamentor.test',
          'SYNTHETIC_PASSWORD=viamentor-synthetic',
          '',
        ].join('\n'),
      );
      assert.match(supabaseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(app.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await app.stop();
    }
    assert.doesNotMatch(app.output(), /Warning/, 'nothing more is printed, not even on the way out');
  });

  test('outside test mode the switchboard is absent: /__faults is 404 like any unknown path', async () => {
    const app = await launch({ faults: false, env: { REFERENCE_APP_FAULT: '' } });
    try {
      for (const [method, path] of [
        ['GET', '/__faults'],
        ['POST', '/__faults'],
        ['GET', '/__faults/throw'],
      ]) {
        const response = await fetch(`${app.url}${path}`, {
          method,
          body: method === 'POST' ? '{"fault":"home-blank","enabled":true}' : undefined,
        });
        assert.equal(response.status, 404, `${method} ${path}`);
        assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'not_found');
      }
      assert.match(await (await fetch(`${app.url}/`)).text(), /<script type="module"/, 'and nothing was broken');
    } finally {
      await app.stop();
    }
  });

  test('--faults turns test mode on, and REFERENCE_APP_FAULT enables faults from the start', async () => {
    const app = await launch({ faults: false, env: { REFERENCE_APP_FAULT: 'home-blank, api-slow' } }, ['--faults']);
    try {
      assert.match(app.output(), /^ {2}fault switchboard: on at \/__faults \(enabled: home-blank, api-slow\)$/m);
      const { faults } = (await (await fetch(`${app.url}/__faults`)).json()) as {
        faults: Array<{ name: string; enabled: boolean }>;
      };
      assert.deepEqual(
        faults.filter((fault) => fault.enabled).map((fault) => fault.name),
        ['home-blank', 'api-slow'],
      );
    } finally {
      await app.stop();
    }
  });

  test('a password from REFERENCE_APP_PASSWORD is used but never printed', async () => {
    const app = await startReferenceApp({
      env: { REFERENCE_APP_EMAIL: 'moniteur@ecole.test', REFERENCE_APP_PASSWORD: 's3cret-Pa55' },
    });
    try {
      assert.match(
        app.output(),
        /^ {2}synthetic user: moniteur@ecole\.test \/ \(password from REFERENCE_APP_PASSWORD\)$/m,
      );
      assert.doesNotMatch(app.output(), /s3cret/);
      assert.match(app.output(), /^SYNTHETIC_PASSWORD=\(password from REFERENCE_APP_PASSWORD\)$/m);
      assert.match(app.output(), /fault switchboard: on at \/__faults \(enabled: none\)/);
      assert.ok(await app.signIn());
      const wrong = await anonClient(app).auth.signInWithPassword({
        email: 'synthetic@viamentor.test',
        password: 'viamentor-synthetic',
      });
      assert.equal(wrong.error?.status, 400, 'the default credentials no longer work');
    } finally {
      await app.stop();
    }
  });

  test('a generic HOST variable is ignored: the app stays on loopback', async () => {
    const app = await launch({ env: { HOST: '0.0.0.0' } });
    try {
      assert.match(app.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await app.stop();
    }
  });

  test('SIGINT and SIGTERM stop it cleanly with exit code 0', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const app = await launch({});
      await fetch(`${app.url}/api/health`);
      const exited = once(app.child, 'exit');
      app.child.kill(signal);
      const [code] = (await exited) as [number | null];
      assert.equal(code, 0, `${signal} → exit 0`);
    }
  });
});

describe('refused configurations (exit code 2, one line)', () => {
  const cases: Array<[string, StartOptions, RegExp]> = [
    [
      'an unknown fault',
      { env: { REFERENCE_APP_FAULT: 'disk-full' } },
      new RegExp(`unknown fault disk-full \\(valid: ${FAULT_NAMES.join(', ')}\\)`),
    ],
    [
      'a fault without test mode',
      { faults: false, env: { REFERENCE_APP_FAULT: 'js-error' } },
      /REFERENCE_APP_FAULT needs the fault switchboard/,
    ],
    ['a port that is not a number', { env: { PORT: 'http' } }, /PORT=http is not an integer between 0 and 65535/],
    [
      'a switchboard on a non-loopback interface',
      { env: { REFERENCE_APP_HOST: '0.0.0.0' } },
      /REFERENCE_APP_HOST=0\.0\.0\.0 is not a loopback/,
    ],
    [
      'a short JWT secret',
      { env: { REFERENCE_APP_JWT_SECRET: 'too-short-s3cret' } },
      /REFERENCE_APP_JWT_SECRET must be at least 32 characters long \(value not shown\)/,
    ],
    ['a zero token lifetime', { env: { REFERENCE_APP_TOKEN_TTL: '0' } }, /REFERENCE_APP_TOKEN_TTL=0/],
  ];
  for (const [what, options, message] of cases) {
    test(`refuses ${what}`, async () => {
      const { code, output } = await refusedStart(options);
      assert.equal(code, 2);
      assert.equal(output.trimEnd().split('\n').length, 1, `one line: ${output}`);
      assert.match(output, message);
    });
  }
});

describe('the database', () => {
  test('each start begins from the seed: nothing written by an earlier process remains', async () => {
    const count = async (app: ReferenceApp) => {
      const db = await signedInClient(app);
      return (await db.from('students').select('id', { count: 'exact', head: true })).count;
    };
    const first = await startReferenceApp();
    try {
      const db = await signedInClient(first);
      const added = await db.from('students').insert({
        first_name: 'Persistante',
        last_name: 'Test',
        email: 'p@example.ch',
        phone: '079 123 45 67',
      });
      assert.equal(added.status, 201);
      assert.equal(await count(first), 14);
    } finally {
      await first.stop();
    }
    const next = await startReferenceApp();
    try {
      assert.equal(await count(next), 13, 'back to the seed');
    } finally {
      await next.stop();
    }
  });
});
