/**
 * The doctor's probes of the Supabase project through supabase-js, all reads: the anon key is
 * accepted, the synthetic user signs in (then out, locally), every table of the profile answers
 * under RLS, every RPC exists — called with arguments Postgres refuses before the function runs.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { SupabaseSession, nodeClient } from '../api/supabase-session.ts';
import { doctorItem, type DoctorItem } from './doctor-report.ts';
import type { PlatformProbeOptions } from './probe-platform.ts';

type Answer = { error: { code?: string; message?: string } | null; status: number; count?: number | null };
function describe(answer: Answer): string {
  if (!answer.error) return `${answer.status}`;
  const what = `${answer.error.code ?? ''} ${answer.error.message ?? ''}`.trim();
  return answer.status ? `${answer.status} ${what}` : `no answer: ${what}`;
}

/** Invalid input for any argument type: the cast fails inside Postgres, so no function body runs. */
const UNCASTABLE = 'doctor-probe:not-a-value';
/** Errors that prove the function was found and its arguments checked (invalid text, datetime, array). */
const CAST_REFUSED = /^(22P02|22007|22008|42804)$/;

async function probeTables(client: SupabaseClient, tables: readonly string[]): Promise<DoctorItem[]> {
  const items: DoctorItem[] = [];
  for (const table of tables) {
    const answer = (await client.from(table).select('*', { count: 'exact', head: true })) as Answer;
    // PostgREST always counts (Content-Range); a 200 without a count is not PostgREST (an SPA fallback).
    const counted = !answer.error && typeof answer.count === 'number';
    const rows = counted ? `${answer.count} row(s) visible` : `${answer.status} without a row count`;
    const found = answer.error ? describe(answer) : rows;
    items.push(doctorItem(`table ${table}`, 'readable as the synthetic user (RLS)', found, counted));
  }
  return items;
}

async function probeRpcs(client: SupabaseClient, rpcs: PlatformProbeOptions['data']['rpcs']): Promise<DoctorItem[]> {
  const items: DoctorItem[] = [];
  for (const [name, args] of Object.entries(rpcs)) {
    const answer = (await client.rpc(name, Object.fromEntries(args.map((arg) => [arg, UNCASTABLE])))) as Answer;
    const ok = answer.error !== null && CAST_REFUSED.test(answer.error.code ?? '');
    items.push(doctorItem(`rpc ${name}`, `exists, callable by the user (${args.join(', ')})`, describe(answer), ok));
  }
  return items;
}

/** The anon key, the sign-in, the tables and RPCs; a failed sign-in skips what needs a session. */
export async function probeSupabase(options: PlatformProbeOptions): Promise<DoctorItem[]> {
  const { target, data } = options;
  const anonQuery = nodeClient(target).from(data.membership.table).select('*', { count: 'exact', head: true });
  const anon = (await anonQuery) as Answer;
  const keyOk = anon.error ? anon.error.code === '42501' : typeof anon.count === 'number';
  const counted = anon.error || typeof anon.count === 'number';
  const found = counted ? describe(anon) : `${anon.status} without a row count (not PostgREST)`;
  const items = [doctorItem('supabase origin', `${target.supabaseUrl} accepts the anon key (PostgREST)`, found, keyOk)];
  let session: SupabaseSession;
  try {
    session = await SupabaseSession.signIn(target, options.credentials.email, options.credentials.password);
  } catch (error) {
    items.push(doctorItem('synthetic user', 'signs in (password grant)', (error as Error).message, false));
    return items;
  }
  items.push(doctorItem('synthetic user', 'signs in (password grant)', `signed in as ${session.userId}`, true));
  const tables = [data.membership.table, ...data.tenantTables];
  items.push(...(await probeTables(session.client, tables)), ...(await probeRpcs(session.client, data.rpcs)));
  const signOut = await session.signOut().then(
    () => 'signed out (scope local)',
    (error: Error) => error.message,
  );
  items.push(doctorItem('sign-out', 'local sign-out succeeds', signOut, signOut.startsWith('signed out')));
  return items;
}
