/**
 * Bad requests get a 4xx JSON error `{"error":{"code","message"}}`, a failing request gets a 500
 * JSON error, and neither stops the server from answering the next request. Plus the health check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';

interface ErrorBody {
  error: { code: string; message: string };
}

let app: ReferenceApp;
let token: string;
before(async () => {
  app = await startReferenceApp();
  token = await app.signIn();
});
after(() => app.stop());

async function raw(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: ErrorBody; headers: Headers }> {
  const response = await fetch(`${app.url}${path}`, {
    method,
    body,
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, `${method} ${path} answers JSON`);
  return { status: response.status, body: (await response.json()) as ErrorBody, headers: response.headers };
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

describe('bad requests', () => {
  const cases: Array<[string, string, string, string | undefined, number, string]> = [
    ['malformed JSON', 'POST', '/api/students', '{"first_name": "Jeanne",', 400, 'invalid_json'],
    ['a JSON array instead of an object', 'POST', '/api/students', '[1, 2]', 400, 'invalid_body'],
    ['a JSON string instead of an object', 'POST', '/api/lessons', '"hello"', 400, 'invalid_body'],
    ['no body at all', 'POST', '/api/invoices', undefined, 400, 'invalid_body'],
    [
      'wrong field types',
      'POST',
      '/api/lessons',
      '{"student_id": "one", "duration_minutes": "45"}',
      422,
      'validation_failed',
    ],
    ['an unknown API route', 'GET', '/api/teachers', undefined, 404, 'not_found'],
    ['a non-numeric id', 'GET', '/api/students/abc', undefined, 404, 'not_found'],
    ['an unknown id', 'GET', '/api/invoices/123456', undefined, 404, 'not_found'],
    ['an unknown auth route', 'GET', '/auth/v1/settings', undefined, 404, 'not_found'],
    ['a wrong method on a collection', 'DELETE', '/api/students', undefined, 405, 'method_not_allowed'],
    ['a wrong method on an item', 'PATCH', '/api/lessons/1', undefined, 405, 'method_not_allowed'],
    ['a POST to a page', 'POST', '/students', '{}', 405, 'method_not_allowed'],
    ['a missing static file', 'GET', '/js/missing.js', undefined, 404, 'not_found'],
  ];
  for (const [what, method, path, body, status, code] of cases) {
    test(`${what} → ${status} ${code}`, async () => {
      const response = await raw(method, path, body);
      assert.equal(response.status, status);
      assert.equal(response.body.error.code, code);
      assert.ok(response.body.error.message.length > 0);
    });
  }

  test('405 says which methods are allowed', async () => {
    const response = await raw('PATCH', '/api/students/1');
    assert.equal(response.headers.get('allow'), 'GET, PUT, DELETE');
  });

  test('a body over 64 KB is refused with 413', async () => {
    const big = JSON.stringify({ first_name: 'x'.repeat(70 * 1024) });
    const response = await raw('POST', '/api/students', big, { 'content-type': 'application/json' });
    assert.deepEqual([response.status, response.body.error.code], [413, 'payload_too_large']);
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
    const response = await fetch(`${app.url}/api/lessons`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { authorization: `Bearer ${token}` },
    } as RequestInit);
    assert.equal(response.status, 413);
  });

  test('a request that throws answers 500 JSON and the server keeps serving', async () => {
    const failed = await raw('GET', '/__faults/throw');
    assert.deepEqual([failed.status, failed.body.error.code], [500, 'internal_error']);
    assert.doesNotMatch(failed.body.error.message, /deliberate/, 'internals are logged, not sent to the client');
    const [health, students] = await Promise.all([
      fetch(`${app.url}/api/health`),
      app.api('GET', '/api/students', undefined, token),
    ]);
    assert.deepEqual([health.status, students.status], [200, 200]);
    assert.match(app.output(), /deliberate failure from GET \/__faults\/throw/, 'the error is logged with its stack');
  });
});
