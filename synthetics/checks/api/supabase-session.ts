/**
 * The suite's back door to a Supabase-backed Viamentor: test-data arrangement, cleanup, the janitor
 * and the doctor, all through the field's own client (`@supabase/supabase-js`) as the synthetic
 * user — never a service-role key, so RLS keeps every call inside the synthetic tenant. Journeys
 * never assert through it (users don't use the API). No Vercel bypass header goes to Supabase.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { DATA } from '../../target/viamentor.ts';
import { userAgentToken } from '../fixtures/user-agent.ts';

/** A record the suite may create, find and delete (UUID ids on Supabase). */
export type RecordKind = 'students' | 'lessons' | 'invoices';
export type Row = Record<string, unknown> & { id: string; created_at?: string };

/** A call that answered something other than what the suite needed (never carries a secret). */
export class TargetApiError extends Error {
  override name = 'TargetApiError';
}

export interface SupabaseTarget {
  supabaseUrl: string;
  anonKey: string;
  /** A fetch to use instead of the global one (tests). */
  fetch?: typeof fetch;
}

/** Every call ends within this, so a hanging Supabase is a failure, not a hung run. */
const CALL_TIMEOUT_MS = 15_000;

const fetchWithTimeout: typeof fetch = (input, init) =>
  fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(CALL_TIMEOUT_MS) });

/** A Node client: no session persisted, no background refresh, marked as synthetic traffic. */
export function nodeClient(target: SupabaseTarget): SupabaseClient {
  return createClient(target.supabaseUrl, target.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { 'user-agent': `node ${userAgentToken()}` }, fetch: target.fetch ?? fetchWithTimeout },
  });
}

function fail(what: string, error: { message?: string; code?: string; status?: number } | null): never {
  const detail = [error?.code, error?.status, error?.message].filter(Boolean).join(' ');
  throw new TargetApiError(`${what}: ${detail || 'no answer'}`);
}

/** A signed-in session of the synthetic user. */
export class SupabaseSession {
  readonly client: SupabaseClient;
  readonly userId: string;

  private constructor(client: SupabaseClient, userId: string) {
    this.client = client;
    this.userId = userId;
  }

  /** Signs in with the synthetic user's password (which never leaves this call). */
  static async signIn(target: SupabaseTarget, email: string, password: string): Promise<SupabaseSession> {
    const client = nodeClient(target);
    const { data, error } = await client.auth.signInWithPassword({ email, password });
    if (error || !data.session) {
      fail('sign-in of the synthetic user failed (check SYNTHETIC_EMAIL/SYNTHETIC_PASSWORD and SUPABASE_URL)', error);
    }
    return new SupabaseSession(client, data.user.id);
  }

  /** Records of `kind` whose tagged columns contain `text` (a tag, or the bare prefix `SYN-`). */
  async search(kind: RecordKind, text: string): Promise<Row[]> {
    if (!/^[A-Za-z0-9-]+$/.test(text)) {
      throw new TargetApiError(`refusing to search for "${text}": tags are [A-Za-z0-9-]`);
    }
    const filter = DATA.taggedColumns[kind].map((column) => `${column}.ilike.*${text}*`).join(',');
    const { data, error } = await this.client.from(kind).select('*').or(filter);
    if (error) fail(`listing ${kind} failed`, error);
    return (data ?? []) as Row[];
  }

  /** Deletes one record; resolves to the number of rows actually removed (0: hidden by RLS or gone). */
  async delete(kind: RecordKind, id: string): Promise<number> {
    const { data, error } = await this.client.from(kind).delete().eq('id', id).select('id');
    if (error) fail(`deleting ${kind}/${id} failed`, error);
    return data?.length ?? 0;
  }

  /** The first record of `kind` whose `column` equals `value` (the fixture student by e-mail). */
  async findBy(kind: RecordKind, column: string, value: string): Promise<Row | undefined> {
    const { data, error } = await this.client.from(kind).select('*').eq(column, value).limit(1);
    if (error) fail(`reading ${kind} failed`, error);
    return (data ?? [])[0] as Row | undefined;
  }

  /** Creates a record (the fixture student); resolves to it as stored. */
  async insert(kind: RecordKind, record: Record<string, unknown>): Promise<Row> {
    const { data, error } = await this.client.from(kind).insert(record).select('*').single();
    if (error || !data) fail(`creating a ${kind} record failed`, error);
    return data as Row;
  }

  /** The e-mail of the signed-in user (`GET /auth/v1/user`): the janitor checks it is the synthetic one. */
  async currentUserEmail(): Promise<string | undefined> {
    const { data, error } = await this.client.auth.getUser();
    if (error) fail('reading the signed-in user failed', error);
    return data.user?.email;
  }

  /**
   * Exchanges the refresh token for a new session, as supabase-js does in the browser before the access
   * token expires: when this fails, every signed-in user is signed out at the end of the hour.
   */
  async refresh(): Promise<void> {
    const { data, error } = await this.client.auth.refreshSession();
    if (error || !data.session) fail('refreshing the session failed', error);
  }

  /** Ends this session only: a global sign-out would end the other shard's session too. */
  async signOut(): Promise<void> {
    const { error } = await this.client.auth.signOut({ scope: 'local' });
    if (error) fail('sign-out failed', error);
  }
}
