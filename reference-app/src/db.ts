/**
 * The database: Node's built-in SQLite, a fresh schema at each start (in memory by default), foreign
 * keys on, and small typed readers so rows are checked rather than cast.
 */
import { rmSync } from 'node:fs';
import { DatabaseSync, type SQLOutputValue } from 'node:sqlite';

/** A row as node:sqlite returns it. */
export type Row = Record<string, SQLOutputValue>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tenants (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  email TEXT NOT NULL UNIQUE COLLATE NOCASE, password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS students (
  id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT NOT NULL, phone TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS instructors (
  id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  first_name TEXT NOT NULL, last_name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS vehicles (
  id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  model TEXT NOT NULL, plate TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lessons (
  id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  student_id INTEGER NOT NULL REFERENCES students(id),
  instructor_id INTEGER NOT NULL REFERENCES instructors(id),
  vehicle_id INTEGER NOT NULL REFERENCES vehicles(id),
  starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes IN (45, 90)),
  notes TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
  created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS lessons_by_day ON lessons (tenant_id, starts_at);
CREATE TABLE IF NOT EXISTS invoices (
  id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  student_id INTEGER NOT NULL REFERENCES students(id),
  number TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('open', 'paid')),
  notes TEXT NOT NULL DEFAULT '',
  subtotal_cents INTEGER NOT NULL, vat_rate_bp INTEGER NOT NULL,
  vat_cents INTEGER NOT NULL, total_cents INTEGER NOT NULL,
  created_at TEXT NOT NULL, paid_at TEXT,
  UNIQUE (tenant_id, number));
CREATE TABLE IF NOT EXISTS invoice_lines (
  id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  lesson_id INTEGER NOT NULL UNIQUE REFERENCES lessons(id),
  description TEXT NOT NULL, amount_cents INTEGER NOT NULL, created_at TEXT NOT NULL);
`;

/**
 * Opens the database and creates the schema. A file database is deleted first unless `keep` is set,
 * so every start begins from the same seed.
 */
export function openDatabase(path: string, keep: boolean): DatabaseSync {
  if (path !== ':memory:' && !keep) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  }
  const db = new DatabaseSync(path, { enableForeignKeyConstraints: true });
  db.exec('PRAGMA foreign_keys = ON;');
  db.exec(SCHEMA);
  return db;
}

/** Runs `work` in one transaction: all of it or none of it (joins an enclosing transaction). */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec('BEGIN');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/** The current instant as stored in `created_at` columns. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Reads an integer column, failing loudly if the schema and the code disagree. */
export function int(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`column ${column}: expected an integer, got ${typeof value}`);
}

/** Reads a text column. */
export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new TypeError(`column ${column}: expected text, got ${typeof value}`);
  return value;
}

/** Reads a nullable text column. */
export function textOrNull(row: Row, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

/** Reads a nullable integer column. */
export function intOrNull(row: Row, column: string): number | null {
  return row[column] === null ? null : int(row, column);
}
