/**
 * Bad requests get a 4xx JSON error — PostgREST's `{code, message, details, hint}` on the Supabase origin,
 * `{"error":{"code","message"}}` on the app origin —, a failing request gets a 500 JSON error, and neither
 * stops either origin from answering the next request. Plus the health check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';

let app: ReferenceApp;
let token: string;
before(async () => {
  app = await startReferenceApp();
  token = await app.signIn();
});
after(() => app.stop());

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function json(response: Response, what: string): Promise<Answer> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, `${what} answers JSON`);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/** A request to the Supabase origin as the synthetic user. */
async function rest(method: string, path: string, body?: BodyInit): Promise<Answer> {
  const response = await fetch(`${app.supabaseUrl}${path}`, {
    method,
    body,
    headers: { apikey: app.anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  return json(response, `${method} ${path}`);
}

/** A request to the app origin. */
async function site(method: string, path: string, body?: string): Promise<Answer> {
  return json(await fetch(`${app.url}${path}`, { method, body }), `${method} ${path}`);
}

describe('GET /api/health', () => {
  test('answers 200 healthy after a real query, never cached, without authentication', async () => {
    const response = await fetch(`${app.url}/api/health`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as Record<string, string>;
    assert.deepEqual(Object.keys(body), ['status', 'database', 'timestamp']);
    assert.deepEqual([body.status, body.database], ['healthy', 'ok']);
    assert.ok(Math.abs(Date.parse(body.timestamp ?? '') - Date.now()) < 10_000, 'timestamp is an ISO date of now');
  });
});

describe('bad requests to the Supabase origin (PostgREST shapes)', () => {
  const cases: Array<[string, string, string, string | undefined, number, string]> = [
    ['malformed JSON', 'POST', '/rest/v1/students', '{"first_name": "Jeanne",', 400, 'PGRST102'],
    ['a JSON string instead of an object', 'POST', '/rest/v1/lessons', '"hello"', 400, 'PGRST102'],
    ['an RPC with an array of arguments', 'POST', '/rest/v1/rpc/create_invoice', '[1, 2]', 400, 'PGRST102'],
    [
      'a PATCH without a body',
      'PATCH',
      '/rest/v1/students?id=eq.5e1f00a3-0000-4000-8000-000000000001',
      '',
      400,
      'PGRST102',
    ],
    ['an id that is no UUID', 'GET', '/rest/v1/students?id=eq.abc', undefined, 400, '22P02'],
    ['an unknown table', 'GET', '/rest/v1/teachers', undefined, 404, 'PGRST205'],
    ['an unknown function', 'POST', '/rest/v1/rpc/teach', '{}', 404, 'PGRST202'],
    ['a GET of a function', 'GET', '/rest/v1/rpc/invoice_totals', undefined, 405, 'PGRST101'],
  ];
  for (const [what, method, path, body, status, code] of cases) {
    test(`${what} → ${status} ${code}`, async () => {
      const response = await rest(method, path, body);
      assert.equal(response.status, status, JSON.stringify(response.body));
      assert.equal(response.body.code, code);
      assert.ok(String(response.body.message).length > 0);
    });
  }

  test('an unknown Auth route answers 404; a path outside /auth and /rest answers 404', async () => {
    assert.equal((await rest('GET', '/auth/v1/settings')).status, 404);
    assert.equal((await rest('GET', '/storage/v1/bucket')).status, 404);
  });

  test('a body over 64 KB is refused with 413', async () => {
    const big = JSON.stringify({ first_name: 'x'.repeat(70 * 1024) });
    const response = await rest('POST', '/rest/v1/students', big);
    assert.deepEqual([response.status, response.body.code], [413, 'PGRST413']);
  });

  test('a streamed body over 64 KB (no Content-Length) is refused with 413', async () => {
    const chunks = [JSON.stringify({ notes: '' }).slice(0, -2), ...Array(80).fill('x'.repeat(1024)), '"}'];
    const stream = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const response = await fetch(`${app.supabaseUrl}/rest/v1/lessons`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { apikey: app.anonKey, authorization: `Bearer ${token}` },
    } as RequestInit);
    assert.equal(response.status, 413);
  });
});

describe('bad requests to the app origin', () => {
  const cases: Array<[string, string, string, string | undefined, number, string]> = [
    ['an unknown API route', 'GET', '/api/teachers', undefined, 404, 'not_found'],
    ['a wrong method on the health function', 'DELETE', '/api/health', undefined, 405, 'method_not_allowed'],
    ['a POST to a page', 'POST', '/students', '{}', 405, 'method_not_allowed'],
    ['a missing static file', 'GET', '/js/missing.js', undefined, 404, 'not_found'],
  ];
  for (const [what, method, path, body, status, code] of cases) {
    test(`${what} → ${status} ${code}`, async () => {
      const response = await site(method, path, body);
      assert.equal(response.status, status);
      const error = response.body.error as { code: string; message: string };
      assert.equal(error.code, code);
      assert.ok(error.message.length > 0);
    });
  }

  test('405 says which methods are allowed', async () => {
    assert.equal((await site('DELETE', '/api/health')).headers.get('allow'), 'GET');
  });

  test('a request that throws answers 500 JSON and both origins keep serving', async () => {
    const failed = await site('GET', '/__faults/throw');
    const error = failed.body.error as { code: string; message: string };
    assert.deepEqual([failed.status, error.code], [500, 'internal_error']);
    assert.doesNotMatch(error.message, /deliberate/, 'internals are logged, not sent to the client');
    const [health, students] = await Promise.all([fetch(`${app.url}/api/health`), rest('GET', '/rest/v1/students')]);
    assert.deepEqual([health.status, students.status], [200, 200]);
    assert.match(app.output(), /deliberate failure from GET \/__faults\/throw/, 'the error is logged with its stack');
  });
});
