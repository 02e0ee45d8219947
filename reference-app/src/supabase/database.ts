/**
 * The Supabase origin's Postgres: PGlite (WASM Postgres, in-process). The migrated schema is built once
 * into a cached snapshot (gitignored `reference-app/.cache/`) keyed by a hash of the migrations; each
 * start loads it into memory (a fresh database per process) and seeds it. Requests run the PostgREST way:
 * one transaction, `role` and `request.jwt.claims` set locally, so row-level security applies.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openAsBlob,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// Postgres (WASM) runs on V8's baseline compiler only. The optimizing tier recompiled its hot functions in
// the background on every start: 1.2–3 CPU-s more per start and about 1 more per core run served, with no
// quicker answers (docs/measurements.md). Read when WASM is compiled, i.e. at the first PGlite.create().
setFlagsFromString('--liftoff-only');

const MIGRATIONS_DIR = fileURLToPath(new URL('../../supabase/migrations/', import.meta.url));
const CACHE_DIR = fileURLToPath(new URL('../../.cache/', import.meta.url));
const LOCK_STALE_MS = 120_000;

/** Who a request runs as: the role PostgREST switches to and the claims of its JWT. */
export interface RequestRole {
  role: 'anon' | 'authenticated';
  claims: Record<string, unknown>;
}

/** A transaction of one request, with the caller's role already set. */
export type Tx = Transaction;

function readMigrations(): Array<{ name: string; sql: string }> {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(MIGRATIONS_DIR, name), 'utf8') }));
}

/**
 * Builds (once per migrations hash) the migrated, unseeded database as an uncompressed tar of its data
 * directory, the fastest form PGlite loads (measured: about 3× faster than copying and opening a
 * directory); returns its path.
 */
async function migratedTemplate(): Promise<string> {
  const migrations = readMigrations();
  const hash = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  const template = join(CACHE_DIR, `pgdata-${hash}.tar`);
  if (existsSync(template) || (await waitForOtherBuilder(template))) return template;
  try {
    await buildTemplate(template, migrations);
  } finally {
    rmSync(`${template}.lock`, { force: true });
  }
  return template;
}

/**
 * Several processes starting at once (a test run) build the snapshot once: the first takes a lock file,
 * the others wait for the snapshot (2 min at most; a lock older than that is considered abandoned).
 */
async function waitForOtherBuilder(template: string): Promise<boolean> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const lock = `${template}.lock`;
  try {
    if (existsSync(lock) && isAbandoned(lock)) rmSync(lock, { force: true });
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return false;
  } catch {
    const deadline = Date.now() + LOCK_STALE_MS;
    while (Date.now() < deadline && !existsSync(template) && existsSync(lock) && !isAbandoned(lock)) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return existsSync(template);
  }
}

function isAbandoned(lock: string): boolean {
  if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) return true;
  try {
    process.kill(Number(readFileSync(lock, 'utf8')), 0);
    return false;
  } catch {
    return true; // the builder died (killed by a test's start timeout, for instance)
  }
}

async function buildTemplate(template: string, migrations: Array<{ name: string; sql: string }>): Promise<void> {
  const pg = await PGlite.create();
  for (const migration of migrations) {
    try {
      await pg.exec(migration.sql);
    } catch (error) {
      throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
    }
  }
  const dump = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
  await pg.close();
  writeFileSync(`${template}.${process.pid}`, dump);
  renameSync(`${template}.${process.pid}`, template);
  for (const old of readdirSync(CACHE_DIR).filter((name) => /^pgdata-[0-9a-f]+\.tar$/.test(name))) {
    if (join(CACHE_DIR, old) !== template) rmSync(join(CACHE_DIR, old), { force: true });
  }
}

/** The database of one running reference app. */
export class SupabaseDatabase {
  readonly pg: PGlite;
  #rlsOpen = false;

  private constructor(pg: PGlite) {
    this.pg = pg;
  }

  /** Opens a fresh in-memory copy of the migrated database (seed it next); nothing is left on disk. */
  static async open(): Promise<SupabaseDatabase> {
    const template = await migratedTemplate();
    // A Blob backed by the file itself: copying the 40 MB into a Blob first cost about 0.3 CPU-s a start.
    const pg = await PGlite.create({ loadDataDir: await openAsBlob(template), relaxedDurability: true });
    return new SupabaseDatabase(pg);
  }

  /** Runs `work` in one transaction as `who`, with the enabled faults visible to SQL (`fault_on()`). */
  async asRole<T>(who: RequestRole, faults: readonly string[], work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.pg.transaction(async (tx) => {
      await tx.query(
        `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
                set_config('viamentor.faults', $3, true)`,
        [who.role, JSON.stringify(who.claims), faults.join(',')],
      );
      return work(tx);
    });
  }

  /**
   * The `rls-open` fault: row-level security switched off on every table of `public` (the policies no
   * longer apply), or back on. Idempotent; applied before the next request.
   */
  async setRowLevelSecurity(open: boolean): Promise<void> {
    if (open === this.#rlsOpen) return;
    const tables = await this.pg.query<{ name: string }>(
      `select quote_ident(relname) as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'`,
    );
    const verb = open ? 'disable' : 'enable';
    const statements = tables.rows.map((row) => `alter table public.${row.name} ${verb} row level security;`);
    await this.pg.exec(statements.join('\n'));
    this.#rlsOpen = open;
  }

  /** Closes Postgres (the data lived in memory only). */
  async close(): Promise<void> {
    await this.pg.close();
  }
}
