/**
 * security:tenant-isolation — row-level security seen from outside, as the synthetic user and as
 * an anonymous visitor. Reading (I/O through supabase-js) and judging (pure) are apart, so every
 * way a leak shows is a row of a table test.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { DataModel } from '../../target/profile.ts';

/** What one tenant-scoped table showed. */
export interface TableReading {
  table: string;
  /** Rows of another tenant the synthetic user could read (ids, up to a few). */
  foreignRows: string[];
  /** Rows the anon key alone could read. */
  anonRows: number;
  /** A read that could not be made (so isolation could not be proven). */
  error?: string;
}

export interface IsolationReading {
  /** The synthetic user's tenant, from its membership row; undefined when none is visible. */
  ownTenant: string | undefined;
  tables: TableReading[];
  /** A known tenant of someone else, and whether the synthetic user could see it. */
  foreignTenant?: { id: string; visible: boolean };
}

/** Row-level security's answer to the anon role: a permission error is "no rows", as it should be. */
const DENIED = new Set(['42501', 'PGRST301', 'PGRST302']);

type Failure = { message?: string; code?: string } | null;
const denied = (error: Failure) => error !== null && DENIED.has(error.code ?? '');
const describe = (error: Failure) => [error?.code, error?.message].filter(Boolean).join(' ') || 'no answer';

async function readTable(
  user: SupabaseClient,
  anon: SupabaseClient,
  table: string,
  own: string,
): Promise<TableReading> {
  const mine = await user.from(table).select('id,tenant_id').neq('tenant_id', own).limit(5);
  const theirs = await anon.from(table).select('id').limit(5);
  const foreignRows = (mine.data ?? []).map((row) => String(row.id));
  const reading = { table, foreignRows, anonRows: theirs.data?.length ?? 0 };
  if (mine.error) return { ...reading, error: `as the synthetic user: ${describe(mine.error)}` };
  if (theirs.error && !denied(theirs.error)) {
    return { ...reading, error: `with the anon key: ${describe(theirs.error)}` };
  }
  return reading;
}

/** Reads every tenant-scoped table as `user` (signed in) and as `anon` (anon key only). */
export async function readIsolation(
  user: SupabaseClient,
  userId: string,
  anon: SupabaseClient,
  data: DataModel,
  foreignTenantId: string | undefined,
): Promise<IsolationReading> {
  const { table, userColumn, tenantColumn } = data.membership;
  const member = await user.from(table).select(tenantColumn).eq(userColumn, userId).maybeSingle();
  const ownTenant = member.data ? String((member.data as unknown as Record<string, unknown>)[tenantColumn]) : undefined;
  if (!ownTenant) return { ownTenant, tables: [] };
  const tables = [];
  for (const name of data.tenantTables) tables.push(await readTable(user, anon, name, ownTenant));
  if (!foreignTenantId) return { ownTenant, tables };
  const seen = await user.from('tenants').select('id').eq('id', foreignTenantId);
  const visible = (seen.data?.length ?? 0) > 0 || tables.some((t) => t.foreignRows.length > 0);
  return { ownTenant, tables, foreignTenant: { id: foreignTenantId, visible } };
}

/** What the reading proves: leaks, and what could not be read (so isolation is unproven, not broken). */
export interface IsolationVerdict {
  leaks: string[];
  unreadable: string[];
}

/** Leaks (each a breach) apart from reads that failed (an outage says nothing about RLS). */
export function judgeIsolation(reading: IsolationReading): IsolationVerdict {
  if (!reading.ownTenant) {
    const why = 'the synthetic user sees no membership row: its tenant is unknown (check DATA.membership)';
    return { leaks: [], unreadable: [why] };
  }
  const problems: string[] = [];
  const unreadable: string[] = [];
  for (const { table, foreignRows, anonRows, error } of reading.tables) {
    if (error) unreadable.push(`${table}: could not be read ${error}`);
    if (foreignRows.length) {
      problems.push(`LEAK: ${table} shows the synthetic user ${foreignRows.length} row(s) of another tenant`);
    }
    if (anonRows) problems.push(`LEAK: ${table} shows ${anonRows} row(s) to the anon key alone`);
  }
  const foreign = reading.foreignTenant;
  if (foreign?.visible) problems.push(`LEAK: tenant ${foreign.id} is visible to the synthetic user`);
  return { leaks: problems, unreadable };
}
