/**
 * security:tenant-isolation against a fake PostgREST holding two tenants' rows: green while RLS
 * confines the synthetic user and denies the anon role, red as soon as either leaks.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createClient } from '@supabase/supabase-js';
import { judgeIsolation, readIsolation } from '../../synthetics/checks/security/tenant-isolation.ts';
import { DATA } from '../../synthetics/target/viamentor.ts';
import { ruleFor } from '../../synthetics/alerting/alert-policy.ts';
import { RUNBOOKS, TEXTS } from '../../synthetics/outputs/alert-texts.ts';
import { kindOf } from '../../synthetics/model/check-ids.ts';
import { deriveSignals } from '../../synthetics/alerting/signals.ts';

const OWN = '5e1f0000-0000-4000-8000-000000000001';
const OTHER = '5e1f0000-0000-4000-8000-000000000002';
const USER = '5e1f0000-0000-4000-8000-000000000101';
const USER_TOKEN = 'user-access-token';

interface Rls {
  user: boolean;
  anon: 'denied' | 'empty' | 'open';
}

/** Rows of both tenants in every table; what a caller sees depends on `rls`. */
function fakePostgrest(rls: Rls): typeof fetch {
  const rows = (table: string) =>
    [OWN, OTHER].flatMap((tenant, t) =>
      (table === 'members' ? [0] : [0, 1]).map((n) => ({
        id: `${table}-${t}-${n}`,
        tenant_id: tenant,
        user_id: t === 0 ? USER : 'other',
      })),
    );
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const table = url.pathname.split('/').pop()!;
    const asUser = request.headers.get('authorization') === `Bearer ${USER_TOKEN}`;
    if (!asUser && rls.anon === 'denied' && table !== 'tenants') {
      return Response.json({ code: '42501', message: `permission denied for table ${table}` }, { status: 401 });
    }
    let visible = table === 'tenants' ? [OWN, OTHER].map((id) => ({ id })) : rows(table);
    const tenantOf = (row: Record<string, string>) => row.tenant_id ?? row.id;
    if (asUser && rls.user) visible = visible.filter((row) => tenantOf(row as Record<string, string>) === OWN);
    if (!asUser && rls.anon !== 'open') visible = [];
    for (const [key, value] of url.searchParams) {
      const [op, operand] = [value.split('.')[0], value.split('.').slice(1).join('.')];
      if (op === 'eq') visible = visible.filter((row) => (row as Record<string, string>)[key] === operand);
      if (op === 'neq') visible = visible.filter((row) => (row as Record<string, string>)[key] !== operand);
    }
    const accept = request.headers.get('accept') ?? '';
    if (accept.includes('vnd.pgrst.object'))
      return Response.json(visible[0] ?? null, { status: visible.length ? 200 : 406 });
    return Response.json(visible.slice(0, Number(url.searchParams.get('limit') ?? 100)));
  }) as typeof fetch;
}

async function reading(rls: Rls, foreign: string | undefined = OTHER) {
  const fetchFake = fakePostgrest(rls);
  const client = (token?: string) =>
    createClient('http://supabase.test', 'anon-key-value', {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { fetch: fetchFake, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) },
    });
  return readIsolation(client(USER_TOKEN), USER, client(), DATA, foreign);
}

describe('security:tenant-isolation', () => {
  test('RLS on, anon denied: isolated', async () => {
    assert.deepEqual(judgeIsolation(await reading({ user: true, anon: 'denied' })), { leaks: [], unreadable: [] });
  });
  test('RLS on, anon sees an empty result: isolated', async () => {
    assert.deepEqual(judgeIsolation(await reading({ user: true, anon: 'empty' })), { leaks: [], unreadable: [] });
  });
  test('RLS dropped (the rls-open fault): every table leaks and the other tenant is visible', async () => {
    const problems = judgeIsolation(await reading({ user: false, anon: 'denied' })).leaks;
    for (const table of DATA.tenantTables)
      assert.ok(problems.includes(`LEAK: ${table} shows the synthetic user 2 row(s) of another tenant`), table);
    assert.ok(problems.includes(`LEAK: tenant ${OTHER} is visible to the synthetic user`));
  });
  test('a table readable with the anon key alone is a leak', async () => {
    const problems = judgeIsolation(await reading({ user: true, anon: 'open' })).leaks;
    assert.ok(problems.includes('LEAK: students shows 4 row(s) to the anon key alone'), problems.join('\n'));
  });
  test('without a known foreign tenant, leaks are still seen through the rows', async () => {
    const problems = judgeIsolation(await reading({ user: false, anon: 'denied' }, undefined)).leaks;
    assert.ok(problems.some((problem) => problem.startsWith('LEAK: students')));
  });
  test('a user without a membership row: isolation unproven', () => {
    assert.match(judgeIsolation({ ownTenant: undefined, tables: [] }).unreadable[0]!, /sees no membership row/);
  });
  test('a table that cannot be read proves nothing: unproven, not a leak', () => {
    const tables = [{ table: 'lessons', foreignRows: [], anonRows: 0, error: 'as the synthetic user: 503' }];
    const verdict = judgeIsolation({ ownTenant: OWN, tables });
    assert.deepEqual(verdict, { leaks: [], unreadable: ['lessons: could not be read as the synthetic user: 503'] });
  });
});

describe('a tenant leak in the alert policy', () => {
  test('is a P0 of kind security, with its own title and runbook in both languages', () => {
    assert.deepEqual(
      { ...ruleFor('security:tenant-isolation'), pattern: undefined },
      { pattern: undefined, severity: 'P0', kind: 'security' },
    );
    assert.equal(kindOf('security:tenant-isolation'), 'security');
    for (const locale of ['fr', 'en'] as const) {
      assert.match(RUNBOOKS[locale].security.steps.join(' '), /RLS/);
      assert.match(TEXTS[locale].title.security(''), /RLS/);
    }
  });
});

describe('a Supabase outage (supabase-down)', () => {
  test('is one app-down P0 with uptime:health: the journeys and the isolation check it breaks page nobody else', () => {
    const check = (id: string, status: 'passed' | 'failed') => ({ id, title: id, status });
    const checks = [
      check('uptime:home', 'passed'),
      check('uptime:health', 'failed'),
      check('journey:login', 'failed'),
      check('journey:students', 'failed'),
      check('security:tenant-isolation', 'failed'),
    ];
    const red = deriveSignals(checks).filter((signal) => signal.state === 'red');
    assert.deepEqual(
      red.map((signal) => [signal.key, signal.severity]),
      [['app-down', 'P0']],
    );
    assert.deepEqual(red[0]!.checkIds, [
      'uptime:health',
      'journey:login',
      'journey:students',
      'security:tenant-isolation',
    ]);
  });
  test('with the app up, a leak alone is its own P0', () => {
    const checks = [
      { id: 'uptime:health', title: 'h', status: 'passed' as const },
      { id: 'security:tenant-isolation', title: 's', status: 'failed' as const },
    ];
    const red = deriveSignals(checks).filter((signal) => signal.state === 'red');
    assert.deepEqual(
      red.map((signal) => [signal.key, signal.severity, signal.kind]),
      [['security:tenant-isolation', 'P0', 'security']],
    );
  });
});
