/**
 * `/api/lessons`: booking, listing, cancelling and deleting driving lessons. The one business rule
 * that matters most lives here: an instructor or a vehicle cannot be in two lessons at once.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { SessionUser } from './auth.ts';
import { isDate, minutesToWallTime, wallTimeToMinutes } from './clock.ts';
import { nowIso } from './db.ts';
import { findInstructor, findVehicle } from './instructors-and-vehicles.ts';
import { HttpError, requireObject, validationFailed, type FieldErrors, type Reply } from './http.ts';
import { findLesson, findOverlap, selectLessons, type LessonFilter } from './lesson-store.ts';
import { idParam, type RequestContext, type Route } from './router.ts';
import { apiRoute, type Services } from './services.ts';
import { studentExists } from './students.ts';
import { containsIgnoringCase, readId, readOptionalText } from './validation.ts';

interface LessonInput {
  studentId: number;
  instructorId: number;
  instructorName: string;
  vehicleId: number;
  vehicleLabel: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: 45 | 90;
  notes: string;
}

function isLessonDuration(value: unknown): value is 45 | 90 {
  return value === 45 || value === 90;
}

function badQuery(message: string): HttpError {
  return new HttpError(400, 'invalid_query', message);
}

function readFilter(params: URLSearchParams): LessonFilter {
  const date = params.get('date') ?? undefined;
  if (date !== undefined && !isDate(date)) throw badQuery('Paramètre date invalide : attendu AAAA-MM-JJ.');
  const student = params.get('student_id');
  const studentId = student === null ? undefined : readId(Number(student));
  if (student !== null && studentId === undefined) throw badQuery('Paramètre student_id invalide.');
  const status = params.get('status') ?? 'booked';
  if (status !== 'booked' && status !== 'cancelled' && status !== 'all')
    throw badQuery('Paramètre status invalide : booked, cancelled ou all.');
  return { date, studentId, uninvoiced: params.get('uninvoiced') === 'true', status };
}

function listLessons(db: DatabaseSync, user: SessionUser, ctx: RequestContext): Reply {
  const query = ctx.url.searchParams.get('q')?.trim() ?? '';
  const lessons = selectLessons(db, user.tenantId, readFilter(ctx.url.searchParams)).filter(
    (lesson) => !query || containsIgnoringCase(lesson.notes, query),
  );
  return { status: 200, body: lessons };
}

function validateLesson(db: DatabaseSync, tenantId: number, body: Record<string, unknown>): LessonInput {
  const fields: FieldErrors = {};
  const studentId = readId(body.student_id);
  const knownStudent = studentExists(db, tenantId, studentId);
  if (!knownStudent) fields.student_id = 'Choisissez un élève.';
  const instructor = findInstructor(db, tenantId, readId(body.instructor_id) ?? 0);
  if (!instructor) fields.instructor_id = 'Choisissez un moniteur.';
  const vehicle = findVehicle(db, tenantId, readId(body.vehicle_id) ?? 0);
  if (!vehicle) fields.vehicle_id = 'Choisissez un véhicule.';
  const start = typeof body.starts_at === 'string' ? wallTimeToMinutes(body.starts_at) : null;
  if (start === null) fields.starts_at = 'Choisissez une date et une heure valides.';
  const duration = body.duration_minutes;
  if (!isLessonDuration(duration)) fields.duration_minutes = 'La durée doit être de 45 ou 90 minutes.';
  const notes = readOptionalText(body.notes, 500);
  if (notes === undefined) fields.notes = 'La remarque ne doit pas dépasser 500 caractères.';
  const valid =
    studentId !== undefined &&
    knownStudent &&
    instructor !== undefined &&
    vehicle !== undefined &&
    start !== null &&
    isLessonDuration(duration) &&
    notes !== undefined;
  if (!valid) throw validationFailed(fields);
  return {
    studentId,
    instructorId: instructor.id,
    instructorName: instructor.name,
    vehicleId: vehicle.id,
    vehicleLabel: vehicle.label,
    startsAt: minutesToWallTime(start),
    endsAt: minutesToWallTime(start + duration),
    durationMinutes: duration,
    notes,
  };
}

function refuseOverlap(db: DatabaseSync, tenantId: number, input: LessonInput): void {
  const { instructorBusy, vehicleBusy } = findOverlap(db, tenantId, input);
  if (!instructorBusy && !vehicleBusy) return;
  const who = instructorBusy ? `le moniteur ${input.instructorName}` : `le véhicule ${input.vehicleLabel}`;
  throw new HttpError(409, 'slot_unavailable', `Ce créneau n'est pas disponible : ${who} est déjà réservé.`);
}

async function bookLesson(services: Services, user: SessionUser, ctx: RequestContext): Promise<Reply> {
  const { db } = services;
  const input = validateLesson(db, user.tenantId, requireObject(await ctx.body()));
  if (!services.faults.isOn('booking-double-allowed')) refuseOverlap(db, user.tenantId, input);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO lessons (tenant_id, student_id, instructor_id, vehicle_id, starts_at, ends_at, duration_minutes,
       notes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      user.tenantId,
      input.studentId,
      input.instructorId,
      input.vehicleId,
      input.startsAt,
      input.endsAt,
      input.durationMinutes,
      input.notes,
      nowIso(),
    );
  const lesson = findLesson(db, user.tenantId, Number(lastInsertRowid));
  return { status: 201, body: lesson, headers: { location: `/api/lessons/${lesson.id}` } };
}

function refuseIfInvoiced(invoiceId: number | null, action: string): void {
  if (invoiceId === null) return;
  throw new HttpError(
    409,
    'lesson_invoiced',
    `Impossible ${action} cette leçon : elle figure sur une facture. Supprimez d'abord la facture.`,
  );
}

function cancelLesson(db: DatabaseSync, user: SessionUser, id: number): Reply {
  const lesson = findLesson(db, user.tenantId, id);
  refuseIfInvoiced(lesson.invoice_id, "d'annuler");
  if (lesson.status === 'cancelled') throw new HttpError(409, 'already_cancelled', 'Cette leçon est déjà annulée.');
  db.prepare("UPDATE lessons SET status = 'cancelled' WHERE id = ? AND tenant_id = ?").run(id, user.tenantId);
  return { status: 200, body: findLesson(db, user.tenantId, id) };
}

function deleteLesson(db: DatabaseSync, user: SessionUser, id: number): Reply {
  refuseIfInvoiced(findLesson(db, user.tenantId, id).invoice_id, 'de supprimer');
  db.prepare('DELETE FROM lessons WHERE id = ? AND tenant_id = ?').run(id, user.tenantId);
  return { status: 204 };
}

/** The lesson endpoints. */
export function lessonRoutes(services: Services): Route[] {
  const { db } = services;
  return [
    apiRoute(services, 'GET', '/api/lessons', (ctx, user) => listLessons(db, user, ctx)),
    apiRoute(services, 'POST', '/api/lessons', (ctx, user) => bookLesson(services, user, ctx)),
    apiRoute(services, 'GET', '/api/lessons/:id', (ctx, user) => ({
      status: 200,
      body: findLesson(db, user.tenantId, idParam(ctx)),
    })),
    apiRoute(services, 'POST', '/api/lessons/:id/cancel', (ctx, user) => cancelLesson(db, user, idParam(ctx))),
    apiRoute(services, 'DELETE', '/api/lessons/:id', (ctx, user) => deleteLesson(db, user, idParam(ctx))),
  ];
}
