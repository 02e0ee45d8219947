/**
 * `/api/students`: the driving school's learners. Every query is scoped to the caller's tenant, so
 * an id from another school reads as "not found".
 */
import type { DatabaseSync } from 'node:sqlite';
import type { SessionUser } from './auth.ts';
import { int, nowIso, text, type Row } from './db.ts';
import { HttpError, notFound, requireObject, type Reply } from './http.ts';
import { idParam, type RequestContext, type Route } from './router.ts';
import { apiRoute, type Services } from './services.ts';
import { validateStudent, type StudentInput } from './student-validation.ts';
import { compareNames, containsIgnoringCase } from './validation.ts';

/** A student as the API returns it. */
export interface Student extends StudentInput {
  id: number;
  created_at: string;
  updated_at: string;
}

function toStudent(row: Row): Student {
  return {
    id: int(row, 'id'),
    first_name: text(row, 'first_name'),
    last_name: text(row, 'last_name'),
    email: text(row, 'email'),
    phone: text(row, 'phone'),
    created_at: text(row, 'created_at'),
    updated_at: text(row, 'updated_at'),
  };
}

/** Reads one student of a tenant, or throws 404. */
export function findStudent(db: DatabaseSync, tenantId: number, id: number): Student {
  const row = db.prepare('SELECT * FROM students WHERE id = ? AND tenant_id = ?').get(id, tenantId);
  if (!row) throw notFound(`Élève ${id} introuvable.`);
  return toStudent(row);
}

/** True when `id` names a student of the tenant; validates references in lesson and invoice bodies. */
export function studentExists(db: DatabaseSync, tenantId: number, id: number | undefined): boolean {
  return (
    id !== undefined &&
    db.prepare('SELECT 1 FROM students WHERE id = ? AND tenant_id = ?').get(id, tenantId) !== undefined
  );
}

function listStudents(db: DatabaseSync, user: SessionUser, ctx: RequestContext): Reply {
  const query = ctx.url.searchParams.get('q')?.trim() ?? '';
  const students = db
    .prepare('SELECT * FROM students WHERE tenant_id = ?')
    .all(user.tenantId)
    .map(toStudent)
    .filter((s) => !query || [s.first_name, s.last_name, s.email].some((field) => containsIgnoringCase(field, query)))
    .sort((a, b) => compareNames(a.last_name, b.last_name) || compareNames(a.first_name, b.first_name) || a.id - b.id);
  return { status: 200, body: students };
}

async function readValidStudent(services: Services, ctx: RequestContext): Promise<StudentInput> {
  const input = validateStudent(requireObject(await ctx.body()));
  if (services.faults.isOn('students-save-fails')) {
    throw new HttpError(500, 'internal_error', "Erreur interne : l'élève n'a pas pu être enregistré.");
  }
  return input;
}

async function createStudent(services: Services, user: SessionUser, ctx: RequestContext): Promise<Reply> {
  const input = await readValidStudent(services, ctx);
  const now = nowIso();
  const { lastInsertRowid } = services.db
    .prepare(
      `INSERT INTO students (tenant_id, first_name, last_name, email, phone, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(user.tenantId, input.first_name, input.last_name, input.email, input.phone, now, now);
  const student = findStudent(services.db, user.tenantId, Number(lastInsertRowid));
  return { status: 201, body: student, headers: { location: `/api/students/${student.id}` } };
}

async function updateStudent(services: Services, user: SessionUser, ctx: RequestContext): Promise<Reply> {
  const id = idParam(ctx);
  findStudent(services.db, user.tenantId, id);
  const input = await readValidStudent(services, ctx);
  services.db
    .prepare(
      `UPDATE students SET first_name = ?, last_name = ?, email = ?, phone = ?, updated_at = ?
     WHERE id = ? AND tenant_id = ?`,
    )
    .run(input.first_name, input.last_name, input.email, input.phone, nowIso(), id, user.tenantId);
  return { status: 200, body: findStudent(services.db, user.tenantId, id) };
}

function deleteStudent(db: DatabaseSync, user: SessionUser, id: number): Reply {
  findStudent(db, user.tenantId, id);
  const lessons = int(db.prepare('SELECT count(*) AS n FROM lessons WHERE student_id = ?').get(id) ?? {}, 'n');
  if (lessons > 0) {
    throw new HttpError(
      409,
      'student_has_lessons',
      `Impossible de supprimer cet élève : il a encore ${lessons} leçon(s). ` +
        "Supprimez d'abord ses factures puis ses leçons.",
    );
  }
  db.prepare('DELETE FROM students WHERE id = ? AND tenant_id = ?').run(id, user.tenantId);
  return { status: 204 };
}

/** The five student endpoints. */
export function studentRoutes(services: Services): Route[] {
  const { db } = services;
  return [
    apiRoute(services, 'GET', '/api/students', (ctx, user) => listStudents(db, user, ctx)),
    apiRoute(services, 'POST', '/api/students', (ctx, user) => createStudent(services, user, ctx)),
    apiRoute(services, 'GET', '/api/students/:id', (ctx, user) => ({
      status: 200,
      body: findStudent(db, user.tenantId, idParam(ctx)),
    })),
    apiRoute(services, 'PUT', '/api/students/:id', (ctx, user) => updateStudent(services, user, ctx)),
    apiRoute(services, 'DELETE', '/api/students/:id', (ctx, user) => deleteStudent(db, user, idParam(ctx))),
  ];
}
