/**
 * Lesson rows and the queries the booking rules need: one joined SELECT that names the student,
 * instructor and vehicle, and the overlap search behind "ce créneau n'est pas disponible".
 */
import type { DatabaseSync } from 'node:sqlite';
import { int, intOrNull, text, type Row } from './db.ts';
import { notFound } from './http.ts';

/** A lesson as the API returns it. */
export interface Lesson {
  id: number;
  student_id: number;
  student_name: string;
  instructor_id: number;
  instructor_name: string;
  vehicle_id: number;
  vehicle_label: string;
  /** Swiss wall time `YYYY-MM-DDTHH:MM`, as booked. */
  starts_at: string;
  ends_at: string;
  duration_minutes: number;
  notes: string;
  status: 'booked' | 'cancelled';
  /** The invoice this lesson is billed on, if any. */
  invoice_id: number | null;
  created_at: string;
}

/** The filters of `GET /api/lessons`, already validated. */
export interface LessonFilter {
  date?: string;
  studentId?: number;
  uninvoiced?: boolean;
  /** Only lessons starting at or after this wall time. */
  from?: string;
  status: 'booked' | 'cancelled' | 'all';
}

const SELECT_LESSONS = `
  SELECT l.*, s.first_name || ' ' || s.last_name AS student_name,
         i.first_name || ' ' || i.last_name AS instructor_name,
         v.model || ' · ' || v.plate AS vehicle_label, il.invoice_id
  FROM lessons l
  JOIN students s ON s.id = l.student_id
  JOIN instructors i ON i.id = l.instructor_id
  JOIN vehicles v ON v.id = l.vehicle_id
  LEFT JOIN invoice_lines il ON il.lesson_id = l.id
  WHERE l.tenant_id = :tenant`;

function toLesson(row: Row): Lesson {
  return {
    id: int(row, 'id'),
    student_id: int(row, 'student_id'),
    student_name: text(row, 'student_name'),
    instructor_id: int(row, 'instructor_id'),
    instructor_name: text(row, 'instructor_name'),
    vehicle_id: int(row, 'vehicle_id'),
    vehicle_label: text(row, 'vehicle_label'),
    starts_at: text(row, 'starts_at'),
    ends_at: text(row, 'ends_at'),
    duration_minutes: int(row, 'duration_minutes'),
    notes: text(row, 'notes'),
    status: text(row, 'status') === 'cancelled' ? 'cancelled' : 'booked',
    invoice_id: intOrNull(row, 'invoice_id'),
    created_at: text(row, 'created_at'),
  };
}

/** The lessons of a tenant matching a filter, in chronological order. */
export function selectLessons(db: DatabaseSync, tenantId: number, filter: LessonFilter): Lesson[] {
  const conditions: string[] = [];
  const params: Record<string, string | number> = { tenant: tenantId };
  if (filter.date) {
    conditions.push('substr(l.starts_at, 1, 10) = :date');
    params.date = filter.date;
  }
  if (filter.studentId) {
    conditions.push('l.student_id = :student');
    params.student = filter.studentId;
  }
  if (filter.from) {
    conditions.push('l.starts_at >= :from');
    params.from = filter.from;
  }
  if (filter.uninvoiced) conditions.push('il.invoice_id IS NULL');
  if (filter.status !== 'all') {
    conditions.push('l.status = :status');
    params.status = filter.status;
  }
  const where = conditions.map((condition) => ` AND ${condition}`).join('');
  return db.prepare(`${SELECT_LESSONS}${where} ORDER BY l.starts_at, l.id`).all(params).map(toLesson);
}

/** One lesson of a tenant, or throws 404. */
export function findLesson(db: DatabaseSync, tenantId: number, id: number): Lesson {
  const row = db.prepare(`${SELECT_LESSONS} AND l.id = :id`).get({ tenant: tenantId, id });
  if (!row) throw notFound(`Leçon ${id} introuvable.`);
  return toLesson(row);
}

/** A booked lesson that overlaps [startsAt, endsAt) with the same instructor or vehicle. */
export function findOverlap(
  db: DatabaseSync,
  tenantId: number,
  slot: { instructorId: number; vehicleId: number; startsAt: string; endsAt: string },
): { instructorBusy: boolean; vehicleBusy: boolean } {
  const rows = db
    .prepare(
      `SELECT instructor_id, vehicle_id FROM lessons
     WHERE tenant_id = ? AND status = 'booked' AND (instructor_id = ? OR vehicle_id = ?)
       AND starts_at < ? AND ends_at > ?`,
    )
    .all(tenantId, slot.instructorId, slot.vehicleId, slot.endsAt, slot.startsAt);
  return {
    instructorBusy: rows.some((row) => int(row, 'instructor_id') === slot.instructorId),
    vehicleBusy: rows.some((row) => int(row, 'vehicle_id') === slot.vehicleId),
  };
}
