/**
 * `GET /api/health`, the endpoint uptime monitors poll: it proves the database answers a real query,
 * and tells a database failure (503) apart from any other failure (500).
 */
import type { DatabaseSync } from 'node:sqlite';
import type { FaultSwitchboard } from './faults.ts';
import type { Reply } from './http.ts';
import { route, type Route } from './router.ts';

/** A database query failed (as opposed to a bug elsewhere). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** Counts tenants; throws DatabaseUnavailableError when the query fails. */
function probeDatabase(db: DatabaseSync, faults: FaultSwitchboard): number {
  try {
    if (faults.isOn('health-db-down')) throw new Error('connection refused (fault health-db-down)');
    const row = db.prepare('SELECT count(*) AS n FROM tenants').get();
    return Number(row?.n);
  } catch (error) {
    throw new DatabaseUnavailableError(error instanceof Error ? error.message : String(error));
  }
}

/** The health answer for a probe: 200 healthy, 503 database error, 500 anything else. */
export function checkHealth(probe: () => number, now: () => Date = () => new Date()): Reply {
  try {
    const tenants = probe();
    if (!Number.isInteger(tenants)) throw new Error(`unexpected tenant count: ${tenants}`);
    return { status: 200, body: { status: 'healthy', database: 'ok', timestamp: now().toISOString() } };
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) return { status: 503, body: { status: 'unhealthy', database: 'error' } };
    return { status: 500, body: { status: 'error', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** The health route (no authentication). */
export function healthRoutes(db: DatabaseSync, faults: FaultSwitchboard): Route[] {
  return [route('GET', '/api/health', () => checkHealth(() => probeDatabase(db, faults)))];
}
