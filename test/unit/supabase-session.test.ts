/**
 * The Supabase adapter on supabase-js, against a recording fake of the Supabase wire protocol:
 * the anon key and the user's bearer on every call, deletes that ask for the removed rows, a
 * cleanup that removed nothing reported, a local (never global) sign-out, no bypass header.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SupabaseSession } from '../../synthetics/checks/api/supabase-session.ts';
import { removeTaggedRecords } from '../../synthetics/checks/api/synthetic-records.ts';

const USER_ID = '5b0c7a52-0f4e-4d8a-9a37-1c2d3e4f5a6b';
const TAG = 'SYN-20261130-010000-a1b2-students';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ACCESS_CLAIMS = { sub: USER_ID, role: 'authenticated', exp: 4102444800 };
const ACCESS = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(ACCESS_CLAIMS)}.c2lnbmF0dXJl`;
const ANON = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ role: 'anon' })}.c2lnbmF0dXJl`;

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
}

/** A fake Supabase: password grant, one student list, deletes that remove `removable` ids only. */
function fakeSupabase(rows: Array<Record<string, unknown>>, removable: Set<string>) {
  const seen: Seen[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchFake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    seen.push({ method: request.method, url, headers: request.headers });
    if (url.pathname === '/auth/v1/token') {
      const user = {
        id: USER_ID,
        aud: 'authenticated',
        role: 'authenticated',
        email: 'synthetic@viamentor.test',
        app_metadata: {},
        user_metadata: {},
        created_at: '2026-01-01T00:00:00Z',
      };
      return json({
        access_token: ACCESS,
        token_type: 'bearer',
        expires_in: 3600,
        expires_at: 4102444800,
        refresh_token: 'refresh-token-value',
        user,
      });
    }
    if (url.pathname === '/auth/v1/logout') return new Response(null, { status: 204 });
    if (request.method === 'GET') return json(rows);
    if (request.method === 'DELETE') {
      const id = url.searchParams.get('id')?.replace(/^eq\./, '') ?? '';
      return json(removable.has(id) ? [{ id }] : []);
    }
    return json({ code: 'PGRST000', message: 'unexpected' }, 400);
  };
  return { seen, fetch: fetchFake as typeof fetch };
}

const ROWS = [
  {
    id: 'a0000000-0000-4000-8000-000000000001',
    first_name: 'Léa',
    last_name: TAG,
    email: 'lea@synthetic.viamentor.test',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000002',
    first_name: 'Léa',
    last_name: TAG,
    email: 'lea2@synthetic.viamentor.test',
  },
  { id: 'a0000000-0000-4000-8000-000000000003', first_name: 'Marc', last_name: 'Dupuis', email: 'marc@example.ch' },
];

async function signedIn(removable: string[]) {
  const fake = fakeSupabase(ROWS, new Set(removable));
  const session = await SupabaseSession.signIn(
    { supabaseUrl: 'http://supabase.test', anonKey: ANON, fetch: fake.fetch },
    'synthetic@viamentor.test',
    'pw',
  );
  return { fake, session };
}

describe('the Supabase adapter', () => {
  test('signs in with the anon key and then calls REST as the user', async () => {
    const { fake, session } = await signedIn([]);
    await session.search('students', TAG);
    const rest = fake.seen.find((call) => call.url.pathname === '/rest/v1/students')!;
    assert.equal(rest.headers.get('apikey'), ANON);
    assert.equal(rest.headers.get('authorization'), `Bearer ${ACCESS}`);
    assert.match(rest.url.searchParams.get('or') ?? '', new RegExp(`last_name\\.ilike\\.\\*${TAG}\\*`));
    assert.match(rest.headers.get('user-agent') ?? '', /ViamentorSynthetics\/\d+\.\d+\.\d+$/);
    assert.equal(session.userId, USER_ID);
  });

  test('every delete asks for the removed rows, and a delete that removed nothing is reported', async () => {
    const { fake, session } = await signedIn([ROWS[0]!.id as string]);
    const report = await removeTaggedRecords(session, TAG);
    const deletes = fake.seen.filter((call) => call.method === 'DELETE');
    assert.ok(
      deletes.every((call) => /return=representation/.test(call.headers.get('prefer') ?? '')),
      'deletes return their rows',
    );
    assert.deepEqual(report.deleted, [{ kind: 'students', id: ROWS[0]!.id }]);
    assert.equal(report.failed.length, 1);
    assert.match(report.failed[0]!.reason, /removed no row \(hidden by row-level security, or already gone\)/);
    assert.ok(
      !deletes.some((call) => call.url.searchParams.get('id') === `eq.${ROWS[2]!.id}`),
      'an untagged row is never deleted',
    );
  });

  test('signs out of its own session only, and sends no Vercel bypass header to Supabase', async () => {
    const { fake, session } = await signedIn([]);
    await session.signOut();
    const logout = fake.seen.find((call) => call.url.pathname === '/auth/v1/logout')!;
    assert.equal(logout.url.searchParams.get('scope'), 'local');
    assert.ok(fake.seen.every((call) => !call.headers.has('x-vercel-protection-bypass')));
  });

  test('refuses to search for anything that is not a tag', async () => {
    const { session } = await signedIn([]);
    await assert.rejects(session.search('students', 'x),id.neq.(0'), /tags are \[A-Za-z0-9-\]/);
  });
});
