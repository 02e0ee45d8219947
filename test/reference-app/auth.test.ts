/**
 * Sign-in and tokens on the Supabase origin's Auth, at the wire level (supabase-auth.test.ts covers what
 * supabase-js makes of it: error codes, refresh rotation, logout scopes): the token grant's body and JWT,
 * refusals of a malformed request, and every way a Bearer token is refused by REST — plus a real expiry
 * with REFERENCE_APP_TOKEN_TTL=1.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { signedInClient } from './supabase-client.ts';

let app: ReferenceApp;
before(async () => {
  app = await startReferenceApp();
});
after(() => app.stop());

interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: { id: string; email: string; user_metadata: { display_name: string } };
  code?: number;
  error_code?: string;
  msg?: string;
}

/** A raw call of the Supabase origin with the anon key (and a token when given). */
async function call<T>(
  target: ReferenceApp,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { apikey: target.anonKey, 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${target.supabaseUrl}${path}`, {
    method,
    headers,
    body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

const signIn = (body: unknown, target = app) =>
  call<TokenBody>(target, 'POST', '/auth/v1/token?grant_type=password', body);
const readStudents = (token: string, target = app) =>
  call<unknown[]>(target, 'GET', '/rest/v1/students?select=id', undefined, token);

function decodeJwtPart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('POST /auth/v1/token', () => {
  test('signs in with the synthetic user and returns a session as GoTrue does', async () => {
    const { status, body } = await signIn({ email: app.email, password: app.password });
    assert.equal(status, 200);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 3600);
    assert.ok(Math.abs(body.expires_at - (Date.now() / 1000 + 3600)) < 5, 'expires_at is now + TTL, in seconds');
    assert.ok(body.refresh_token.length > 20);
    assert.equal(body.user.email, 'synthetic@viamentor.test');
    assert.equal(body.user.user_metadata.display_name, 'Moniteur Synthétique');
  });

  test('issues a real HS256 JWT with sub, email and exp', async () => {
    const { body } = await signIn({ email: app.email, password: app.password });
    const [header, payload, signature] = body.access_token.split('.');
    assert.deepEqual(decodeJwtPart(header), { alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwtPart(payload);
    assert.equal(claims.sub, body.user.id);
    assert.equal(claims.email, app.email);
    assert.equal(claims.exp, body.expires_at);
    assert.equal(Buffer.from(signature ?? '', 'base64url').length, 32, 'an HMAC-SHA256 signature');
  });

  test('accepts the e-mail in any case and with surrounding spaces', async () => {
    assert.equal((await signIn({ email: ` ${app.email.toUpperCase()} `, password: app.password })).status, 200);
  });

  const refusals: Array<[string, unknown]> = [
    ['a missing password', { email: 'synthetic@viamentor.test' }],
    ['a missing e-mail', { password: 'viamentor-synthetic' }],
    ['an empty body', undefined],
    ['a password of the wrong type', { email: 'synthetic@viamentor.test', password: 12345 }],
  ];
  for (const [what, body] of refusals) {
    test(`refuses ${what} with 400 validation_failed`, async () => {
      const response = await signIn(body);
      assert.deepEqual([response.status, response.body.error_code], [400, 'validation_failed']);
    });
  }

  test('refuses malformed JSON and an unknown grant type with 400', async () => {
    assert.equal((await signIn('{"email":')).status, 400);
    const grant = await call<TokenBody>(app, 'POST', '/auth/v1/token?grant_type=magic', { email: app.email });
    assert.deepEqual([grant.status, grant.body.msg], [400, 'unsupported_grant_type']);
  });

  test('a refreshed session reads data with its new access token', async () => {
    const { body } = await signIn({ email: app.email, password: app.password });
    const renewed = await call<TokenBody>(app, 'POST', '/auth/v1/token?grant_type=refresh_token', {
      refresh_token: body.refresh_token,
    });
    assert.equal(renewed.status, 200);
    const read = await readStudents(renewed.body.access_token);
    assert.deepEqual([read.status, read.body.length], [200, 13]);
  });

  test('GET /auth/v1/user answers the signed-in user, 401 no_authorization without a token', async () => {
    const { body } = await signIn({ email: app.email, password: app.password });
    const user = await call<{ email: string }>(app, 'GET', '/auth/v1/user', undefined, body.access_token);
    assert.deepEqual([user.status, user.body.email], [200, app.email]);
    const anonymous = await call<TokenBody>(app, 'GET', '/auth/v1/user');
    assert.deepEqual([anonymous.status, anonymous.body.error_code], [401, 'no_authorization']);
  });
});

describe('Bearer tokens on REST', () => {
  test('without Authorization (or with another scheme) the request runs as anon: 200 and no row', async () => {
    const token = (await signIn({ email: app.email, password: app.password })).body.access_token;
    for (const headers of [{}, { authorization: `Basic ${token}` }] as Array<Record<string, string>>) {
      const response = await fetch(`${app.supabaseUrl}/rest/v1/students?select=id`, {
        headers: { apikey: app.anonKey, ...headers },
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), []);
    }
  });

  const badTokens: Array<[string, (good: string) => string]> = [
    ['a malformed token', () => 'not-a-jwt'],
    [
      'a tampered payload',
      (good) => {
        const [header, , signature] = good.split('.');
        const forged = Buffer.from(
          JSON.stringify({ sub: 'x', role: 'authenticated', session_id: 'x', exp: 4_102_444_800 }),
        ).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
    ],
    ['a wrong signature', (good) => `${good.slice(0, -4)}AAAA`],
  ];
  for (const [what, forge] of badTokens) {
    test(`${what} is refused with 401 PGRST301`, async () => {
      const good = (await signIn({ email: app.email, password: app.password })).body.access_token;
      const response = await readStudents(forge(good));
      assert.equal(response.status, 401);
      assert.equal((response.body as unknown as { code: string }).code, 'PGRST301');
    });
  }
});

describe('token expiry (REFERENCE_APP_TOKEN_TTL=1)', () => {
  let shortLived: ReferenceApp;
  before(async () => {
    shortLived = await startReferenceApp({ env: { REFERENCE_APP_TOKEN_TTL: '1' } });
  });
  after(() => shortLived.stop());

  test('a token reads data until expires_at, then REST answers 401 PGRST303', async () => {
    const client = await signedInClient(shortLived);
    const session = (await client.auth.getSession()).data.session;
    assert.equal(session?.expires_in, 1);
    const token = session?.access_token ?? '';
    assert.equal((await readStudents(token, shortLived)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, (session?.expires_at ?? 0) * 1000 - Date.now() + 50));
    const expired = await readStudents(token, shortLived);
    assert.equal(expired.status, 401);
    assert.equal((expired.body as unknown as { code: string }).code, 'PGRST303');
  });
});
