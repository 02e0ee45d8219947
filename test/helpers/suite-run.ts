/**
 * Runs the whole suite (`npm start`'s entry point) against a reference app, the way CI does, into
 * a report folder of its own, and reads back what it produced.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary, CheckResult } from '../../synthetics/model/run-result.ts';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { ReferenceApp } from './reference-app.ts';
import { hermeticEnv, runCli, type CliResult } from './run-cli.ts';
import { BUNDLED_SUPABASE } from '../../synthetics/config/platform-env.ts';

export interface SuiteRun extends CliResult {
  reportDir: string;
  summary: RunSummary | undefined;
  check(id: string): CheckResult;
}

/**
 * The environment that points the suite at `app` as at a real target: app origin, credentials, its
 * Supabase origin and anon key, and its second tenant as the one the synthetic user must not see.
 */
export function targetEnv(app: ReferenceApp, password = app.password): Record<string, string> {
  return {
    BASE_URL: app.url,
    SYNTHETIC_EMAIL: app.email,
    SYNTHETIC_PASSWORD: password,
    SUPABASE_URL: app.supabaseUrl,
    SUPABASE_ANON_KEY: app.anonKey,
    SYNTHETICS_FOREIGN_TENANT_ID: BUNDLED_SUPABASE.secondTenantId,
  };
}

/** Runs the suite against `app` (or, without one, the bundled default) and returns its result. */
export async function runSuite(
  app: ReferenceApp | undefined,
  options: { args?: string[]; env?: Record<string, string> } = {},
): Promise<SuiteRun> {
  const reportDir = await mkdtemp(join(tmpdir(), 'viamentor-suite-'));
  const target = app ? targetEnv(app) : {};
  // The run's history stays in its own folder (never the repository's reports/history) unless a test shares one.
  const env = hermeticEnv({
    ...target,
    SYNTHETICS_REPORT_DIR: reportDir,
    HISTORY_PATH: join(reportDir, 'history'),
    CI: '1',
    ...options.env,
  });
  const result = await runCli('synthetics/cli/run.ts', options.args ?? [], env);
  let summary: RunSummary | undefined;
  try {
    summary = JSON.parse(await readFile(join(reportDir, 'summary.json'), 'utf8')) as RunSummary;
  } catch {
    summary = undefined;
  }
  const check = (id: string): CheckResult => {
    const found = summary?.checks.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no check ${id} in the summary:\n${result.stdout}\n${result.stderr}`);
    return found;
  };
  return { ...result, reportDir, summary, check };
}

/** The checks of a healthy run of the whole suite (issue 3's spine). */
export const SPINE_CHECKS = [
  'uptime:health',
  'uptime:home',
  'journey:booking',
  'journey:invoice',
  'journey:login',
  'journey:students',
  'security:tenant-isolation',
];

/** The synthetic user's supabase-js client on the app's Supabase origin (RLS keeps it in its tenant). */
async function syntheticUserClient(app: ReferenceApp): Promise<SupabaseClient> {
  const client = createClient(app.supabaseUrl, app.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const { error } = await client.auth.signInWithPassword({ email: app.email, password: app.password });
  if (error) throw new Error(`sign-in of the synthetic user failed: ${error.message}`);
  return client;
}

const RECORD_TABLES = ['students', 'lessons', 'invoices', 'invoice_lines'] as const;

/** Every record of the target that is not synthetic, to prove a run left them unchanged. */
export async function snapshotRealRecords(app: ReferenceApp): Promise<unknown> {
  const client = await syntheticUserClient(app);
  const snapshot: Record<string, unknown[]> = {};
  for (const table of RECORD_TABLES) {
    const { data, error } = await client.from(table).select('*').order('id');
    if (error) throw new Error(`reading ${table} failed: ${error.message}`);
    snapshot[table] = (data ?? []).filter((record) => !JSON.stringify(record).includes('SYN-'));
  }
  await client.auth.signOut({ scope: 'local' });
  return snapshot;
}

/** Synthetic records still present on the target (should be none after any run). */
export async function leftoverSyntheticRecords(app: ReferenceApp): Promise<string[]> {
  const client = await syntheticUserClient(app);
  const leftovers: string[] = [];
  for (const kind of ['students', 'lessons', 'invoices'] as const) {
    const { data, error } = await client.from(kind).select('*').order('id');
    if (error) throw new Error(`reading ${kind} failed: ${error.message}`);
    const tagged = (data ?? []).filter((record) => JSON.stringify(record).includes('SYN-'));
    leftovers.push(...tagged.map((record) => `${kind}/${String(record.id)}`));
  }
  await client.auth.signOut({ scope: 'local' });
  return leftovers;
}

/**
 * For runs that wait for a fault's assertion to fail: the checks' assertions give up after 5 s instead
 * of 10 (SYNTHETICS_EXPECT_TIMEOUT_MS), twice per failing check (the confirming retry). Not for runs
 * whose fault only slows the app (the healthy steps of a slowed journey may need longer).
 */
export const QUICK_VERDICT = { SYNTHETICS_EXPECT_TIMEOUT_MS: '5000' } as const;
