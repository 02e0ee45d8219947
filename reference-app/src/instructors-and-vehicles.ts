/**
 * The school's instructors and vehicles: read-only lists for the booking form, and the names the
 * "slot unavailable" message quotes.
 */
import type { DatabaseSync } from 'node:sqlite';
import { int, text, type Row } from './db.ts';
import type { Route } from './router.ts';
import { apiRoute, type Services } from './services.ts';
import { compareNames } from './validation.ts';

/** An instructor as the API returns it. */
export interface Instructor {
  id: number;
  first_name: string;
  last_name: string;
  name: string;
}

/** A vehicle as the API returns it; `label` is what users see ("VW Golf · VD 123 456"). */
export interface Vehicle {
  id: number;
  model: string;
  plate: string;
  label: string;
}

function toInstructor(row: Row): Instructor {
  const first = text(row, 'first_name');
  const last = text(row, 'last_name');
  return { id: int(row, 'id'), first_name: first, last_name: last, name: `${first} ${last}` };
}

function toVehicle(row: Row): Vehicle {
  const model = text(row, 'model');
  const plate = text(row, 'plate');
  return { id: int(row, 'id'), model, plate, label: `${model} · ${plate}` };
}

/** One instructor of a tenant, or undefined. */
export function findInstructor(db: DatabaseSync, tenantId: number, id: number): Instructor | undefined {
  const row = db.prepare('SELECT * FROM instructors WHERE id = ? AND tenant_id = ?').get(id, tenantId);
  return row && toInstructor(row);
}

/** One vehicle of a tenant, or undefined. */
export function findVehicle(db: DatabaseSync, tenantId: number, id: number): Vehicle | undefined {
  const row = db.prepare('SELECT * FROM vehicles WHERE id = ? AND tenant_id = ?').get(id, tenantId);
  return row && toVehicle(row);
}

/** `GET /api/instructors` and `GET /api/vehicles`. */
export function instructorAndVehicleRoutes(services: Services): Route[] {
  const { db } = services;
  return [
    apiRoute(services, 'GET', '/api/instructors', (_ctx, user) => {
      const instructors = db
        .prepare('SELECT * FROM instructors WHERE tenant_id = ?')
        .all(user.tenantId)
        .map(toInstructor)
        .sort((a, b) => compareNames(a.last_name, b.last_name));
      return { status: 200, body: instructors };
    }),
    apiRoute(services, 'GET', '/api/vehicles', (_ctx, user) => {
      const vehicles = db
        .prepare('SELECT * FROM vehicles WHERE tenant_id = ? ORDER BY id')
        .all(user.tenantId)
        .map(toVehicle);
      return { status: 200, body: vehicles };
    }),
  ];
}
