/**
 * `GET /api/health`, the endpoint uptime monitors poll, written as the team's serverless function is: a
 * real query through the Supabase client (the `tenants` count, with the anon key) and
 * `{status, database, timestamp}`. A failing database query (Supabase unreachable or erroring) is 503;
 * any other failure is 500.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { FaultSwitchboard } from './faults.ts';
import type { Reply } from './http.ts';
import { route, type Route } from './router.ts';

/** A database query failed (as opposed to a bug elsewhere). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** Where the health function finds Supabase; set once the Supabase origin listens. */
export interface HealthTarget {
  client?: SupabaseClient;
}

/** A server-side Supabase client, as a serverless function holds one (no session kept). */
export function healthClient(supabaseUrl: string, anonKey: string): SupabaseClient {
  return createClient(supabaseUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
}

/** Counts tenants through PostgREST; throws DatabaseUnavailableError when the query fails. */
async function probeDatabase(target: HealthTarget, faults: FaultSwitchboard): Promise<number | null> {
  if (faults.isOn('health-db-down')) throw new DatabaseUnavailableError('connection refused (fault health-db-down)');
  if (!target.client) throw new DatabaseUnavailableError('the Supabase origin is not listening yet');
  const { count, error } = await target.client.from('tenants').select('*', { count: 'exact', head: true });
  if (error) throw new DatabaseUnavailableError(error.message || `PostgREST answered ${error.code}`);
  return count;
}

/** The health answer for a probe: 200 healthy, 503 database error, 500 anything else. */
export async function checkHealth(probe: () => Promise<number | null>, now = () => new Date()): Promise<Reply> {
  try {
    const tenants = await probe();
    if (!Number.isInteger(tenants)) throw new Error(`unexpected tenant count: ${tenants}`);
    return { status: 200, body: { status: 'healthy', database: 'ok', timestamp: now().toISOString() } };
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      return { status: 503, body: { status: 'unhealthy', database: 'error' } };
    }
    return { status: 500, body: { status: 'error', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** The health route (no authentication). */
export function healthRoutes(target: HealthTarget, faults: FaultSwitchboard): Route[] {
  return [route('GET', '/api/health', () => checkHealth(() => probeDatabase(target, faults)))];
}
