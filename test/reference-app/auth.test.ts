/**
 * Sign-in and sessions, over real HTTP, shaped like Supabase Auth: the token grant, the user
 * endpoint, logout, refresh, and every way a Bearer token can be refused by the API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';

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
}

const signIn = (body: unknown) =>
  app.api<TokenBody & { error?: string; error_description?: string }>(
    'POST',
    '/auth/v1/token?grant_type=password',
    body,
  );

function decodeJwtPart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('POST /auth/v1/token', () => {
  test('signs in with the synthetic user and returns a supabase-js session', async () => {
    const { status, body } = await signIn({ email: app.email, password: app.password });
    assert.equal(status, 200);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 3600);
    assert.ok(Math.abs(body.expires_at - (Date.now() / 1000 + 3600)) < 5, 'expires_at is now + TTL, in seconds');
    assert.ok(body.refresh_token.length > 20);
    assert.deepEqual(Object.keys(body.user).sort(), ['email', 'id', 'user_metadata']);
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

  test('accepts the e-mail in any case', async () => {
    assert.equal((await signIn({ email: app.email.toUpperCase(), password: app.password })).status, 200);
  });

  const refusals: Array<[string, unknown, string]> = [
    ['a wrong password', { email: 'synthetic@viamentor.test', password: 'wrong' }, 'invalid_grant'],
    ['an unknown e-mail', { email: 'nobody@viamentor.test', password: 'viamentor-synthetic' }, 'invalid_grant'],
    ['a missing password', { email: 'synthetic@viamentor.test' }, 'invalid_request'],
    ['a missing e-mail', { password: 'viamentor-synthetic' }, 'invalid_request'],
    ['an empty body', undefined, 'invalid_request'],
    ['a password of the wrong type', { email: 'synthetic@viamentor.test', password: 12345 }, 'invalid_request'],
  ];
  for (const [what, body, error] of refusals) {
    test(`refuses ${what} with 400 ${error}`, async () => {
      const response = await signIn(body);
      assert.equal(response.status, 400);
      assert.equal(response.body.error, error);
      if (error === 'invalid_grant') assert.equal(response.body.error_description, 'Invalid login credentials');
    });
  }

  test('refuses malformed JSON and an unknown grant type with 400', async () => {
    const malformed = await fetch(`${app.url}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      body: '{"email":',
    });
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as { error: string }).error, 'invalid_request');
    const grant = await app.api<{ error: string }>('POST', '/auth/v1/token?grant_type=magic', { email: app.email });
    assert.deepEqual([grant.status, grant.body.error], [400, 'unsupported_grant_type']);
  });

  test('exchanges a refresh token once for a new session', async () => {
    const { body } = await signIn({ email: app.email, password: app.password });
    const refresh = (token: string) =>
      app.api<TokenBody>('POST', '/auth/v1/token?grant_type=refresh_token', { refresh_token: token });
    const renewed = await refresh(body.refresh_token);
    assert.equal(renewed.status, 200);
    assert.equal((await app.api('GET', '/api/students', undefined, renewed.body.access_token)).status, 200);
    assert.equal((await refresh(body.refresh_token)).status, 400, 'a refresh token is single-use');
  });
});

describe('sessions', () => {
  test('GET /auth/v1/user returns the signed-in user, 401 without a token', async () => {
    const token = await app.signIn();
    const user = await app.api<{ email: string }>('GET', '/auth/v1/user', undefined, token);
    assert.deepEqual([user.status, user.body.email], [200, app.email]);
    const anonymous = await app.api<{ error: string }>('GET', '/auth/v1/user');
    assert.deepEqual([anonymous.status, anonymous.body.error], [401, 'invalid_token']);
  });

  test('logout answers 204 and revokes that token (and only that one)', async () => {
    const token = await app.signIn();
    const other = await app.signIn();
    assert.equal((await app.api('POST', '/auth/v1/logout', undefined, token)).status, 204);
    assert.equal((await app.api('GET', '/api/students', undefined, token)).status, 401);
    assert.equal((await app.api('GET', '/auth/v1/user', undefined, token)).status, 401);
    assert.equal(
      (await app.api('GET', '/api/students', undefined, other)).status,
      200,
      'another session is unaffected',
    );
    assert.equal(
      (await app.api('POST', '/auth/v1/logout', undefined, token)).status,
      401,
      'a revoked token cannot log out again',
    );
  });

  const badTokens: Array<[string, (good: string) => Record<string, string>]> = [
    ['no Authorization header', () => ({})],
    ['a non-Bearer scheme', (good) => ({ authorization: `Basic ${good}` })],
    ['a malformed token', () => ({ authorization: 'Bearer not-a-jwt' })],
    [
      'a tampered payload',
      (good) => {
        const [header, , signature] = good.split('.');
        const forged = Buffer.from(
          JSON.stringify({ sub: 'x', email: 'x', session_id: 'x', exp: 4_102_444_800 }),
        ).toString('base64url');
        return { authorization: `Bearer ${header}.${forged}.${signature}` };
      },
    ],
    ['a wrong signature', (good) => ({ authorization: `Bearer ${good.slice(0, -4)}AAAA` })],
  ];
  for (const [what, headers] of badTokens) {
    test(`the API answers 401 JSON for ${what}`, async () => {
      const response = await fetch(`${app.url}/api/students`, { headers: headers(await app.signIn()) });
      assert.equal(response.status, 401);
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'unauthorized');
      assert.ok(body.error.message.length > 0);
    });
  }
});

describe('token expiry (REFERENCE_APP_TOKEN_TTL=1)', () => {
  let shortLived: ReferenceApp;
  before(async () => {
    shortLived = await startReferenceApp({ env: { REFERENCE_APP_TOKEN_TTL: '1' } });
  });
  after(() => shortLived.stop());

  test('a token works until expires_at, then the API answers 401', async () => {
    const { body } = await shortLived.api<TokenBody>('POST', '/auth/v1/token?grant_type=password', {
      email: shortLived.email,
      password: shortLived.password,
    });
    assert.equal(body.expires_in, 1);
    assert.equal((await shortLived.api('GET', '/api/students', undefined, body.access_token)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, body.expires_at * 1000 - Date.now() + 50));
    const expired = await shortLived.api<{ error: { message: string } }>(
      'GET',
      '/api/students',
      undefined,
      body.access_token,
    );
    assert.equal(expired.status, 401);
    assert.match(expired.body.error.message, /expirée/);
  });
});
