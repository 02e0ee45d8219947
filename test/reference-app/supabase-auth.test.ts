/**
 * Fidelity of the Supabase Auth subset, exercised with supabase-js itself: password and refresh grants,
 * GoTrue's error codes, the apikey gateway, expired tokens, and logout scopes (access tokens stay valid
 * until they expire, as in Supabase; the session and its refresh token end at once).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { anonClient, signedInClient } from './supabase-client.ts';

let app: ReferenceApp;
before(async () => {
  app = await startReferenceApp();
});
after(() => app.stop());

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));

/** A token signed with the default (public, local-development) secret, as an attacker or an old session could hold. */
function signedToken(claims: object): string {
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const unsigned = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = createHmac('sha256', 'super-secret-jwt-token-with-at-least-32-characters-long')
    .update(unsigned)
    .digest('base64url');
  return `${unsigned}.${signature}`;
}

/** supabase-js turns GoTrue's 403 session_not_found into an AuthSessionMissingError. */
const SESSION_ENDED = 'AuthSessionMissingError';

const rest = (path: string, headers: Record<string, string>) =>
  fetch(`${app.supabaseUrl}/rest/v1/${path}`, { headers });

describe('sign-in', () => {
  test('a password grant returns a session whose access token carries sub, role, aud, exp and session_id', async () => {
    const { data, error } = await anonClient(app).auth.signInWithPassword({ email: app.email, password: app.password });
    assert.equal(error, null);
    const claims = claimsOf(data.session?.access_token ?? '');
    assert.equal(claims.sub, data.user?.id);
    assert.equal(claims.role, 'authenticated');
    assert.equal(claims.aud, 'authenticated');
    assert.equal(typeof claims.session_id, 'string');
    assert.ok(claims.exp > Date.now() / 1000 + 3000, 'one hour of validity');
    assert.equal(data.user?.user_metadata.display_name, 'Moniteur Synthétique');
  });

  for (const [what, email, password] of [
    ['a wrong password', undefined, 'wrong-password'],
    ['an unknown e-mail', 'nobody@viamentor.test', 'x'],
  ]) {
    test(`${what} is refused with 400 invalid_credentials`, async () => {
      const { data, error } = await anonClient(app).auth.signInWithPassword({
        email: email ?? app.email,
        password: password ?? '',
      });
      assert.equal(data.session, null);
      assert.equal(error?.status, 400);
      assert.equal(error?.code, 'invalid_credentials');
      assert.equal(error?.message, 'Invalid login credentials');
    });
  }

  test('the anon key is a JWT with role anon; without an apikey both services answer 401', async () => {
    assert.equal(claimsOf(app.anonKey).role, 'anon');
    const token = await fetch(`${app.supabaseUrl}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: app.email, password: app.password }),
    });
    assert.equal(token.status, 401);
    const students = await rest('students', {});
    assert.equal(students.status, 401);
    assert.equal((await students.json()).message, 'No API key found in request');
    assert.equal((await rest('students', { apikey: 'not-a-key' })).status, 401);
  });

  test('CORS: a preflight from another origin is allowed and Content-Range is exposed', async () => {
    const preflight = await fetch(`${app.supabaseUrl}/rest/v1/students`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:4310',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'apikey, authorization, prefer',
      },
    });
    assert.equal(preflight.status, 200);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /apikey/);
    const get = await rest('students?select=id', { apikey: app.anonKey });
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /Content-Range/);
  });
});

describe('tokens', () => {
  test('an expired access token: REST answers 401 PGRST303, /user answers 403 bad_jwt', async () => {
    const client = await signedInClient(app);
    const { data } = await client.auth.getSession();
    const expired = signedToken({
      ...claimsOf(data.session?.access_token ?? ''),
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    const response = await rest('students?select=id', { apikey: app.anonKey, authorization: `Bearer ${expired}` });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).code, 'PGRST303');
    const { error } = await anonClient(app).auth.getUser(expired);
    assert.equal(error?.status, 403);
  });

  test('a token signed with another secret is refused', async () => {
    const forged = `${app.anonKey.split('.').slice(0, 2).join('.')}.${Buffer.from('forged').toString('base64url')}`;
    assert.equal(
      (await rest('students?select=id', { apikey: app.anonKey, authorization: `Bearer ${forged}` })).status,
      401,
    );
  });

  test('refresh rotates the refresh token: the new one works, the old one is refused as already used', async () => {
    const client = await signedInClient(app);
    const before = (await client.auth.getSession()).data.session;
    const { data, error } = await client.auth.refreshSession();
    assert.equal(error, null);
    assert.notEqual(data.session?.refresh_token, before?.refresh_token);
    const reuse = await anonClient(app).auth.refreshSession({ refresh_token: before?.refresh_token ?? '' });
    assert.equal(reuse.error?.status, 400);
    assert.equal(reuse.error?.code, 'refresh_token_already_used');
  });
});

describe('logout scopes', () => {
  test('GoTrue answers 403 session_not_found for a token whose session ended', async () => {
    const client = await signedInClient(app);
    const token = (await client.auth.getSession()).data.session?.access_token;
    await client.auth.signOut({ scope: 'local' });
    const response = await fetch(`${app.supabaseUrl}/auth/v1/user`, {
      headers: { apikey: app.anonKey, authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 403);
    assert.equal((await response.json()).error_code, 'session_not_found');
  });

  test(
    'local: this session ends (user and refresh refused) ' + 'while its access token still reads data until it expires',
    async () => {
      const client = await signedInClient(app);
      const other = await signedInClient(app);
      const session = (await client.auth.getSession()).data.session;
      assert.equal((await client.auth.signOut({ scope: 'local' })).error, null);
      assert.equal((await anonClient(app).auth.getUser(session?.access_token)).error?.name, SESSION_ENDED);
      assert.equal(
        (await anonClient(app).auth.refreshSession({ refresh_token: session?.refresh_token ?? '' })).error?.status,
        400,
      );
      const read = await rest('students?select=id', {
        apikey: app.anonKey,
        authorization: `Bearer ${session?.access_token}`,
      });
      assert.equal(read.status, 200);
      assert.ok((await read.json()).length > 0);
      assert.equal((await other.auth.getUser()).error, null, 'another session of the same user is untouched');
    },
  );

  test('others: every other session ends, this one stays', async () => {
    const keep = await signedInClient(app);
    const ended = await signedInClient(app);
    assert.equal((await keep.auth.signOut({ scope: 'others' })).error, null);
    assert.equal((await keep.auth.getUser()).error, null);
    assert.equal((await ended.auth.getUser()).error?.name, SESSION_ENDED);
  });

  test('global (the default): every session of the user ends', async () => {
    const first = await signedInClient(app);
    const second = await signedInClient(app);
    const secondSession = (await second.auth.getSession()).data.session;
    assert.equal((await first.auth.signOut()).error, null);
    assert.equal((await anonClient(app).auth.getUser(secondSession?.access_token)).error?.name, SESSION_ENDED);
  });
});
