/**
 * Fills a fresh database with the seed school (see seed-data.ts) and makes sure the synthetic user
 * exists with the configured credentials, also in a kept database file.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { addDays, minutesToWallTime, wallTimeToMinutes, zurichDate } from './clock.ts';
import { int, transaction } from './db.ts';
import { insertInvoice, nextInvoiceNumber } from './invoice-store.ts';
import { lineDescription } from './invoices.ts';
import { computeInvoiceTotals, lessonPriceCents, VAT_RATE_BP } from './money.ts';
import { hashPassword } from './passwords.ts';
import {
  FIXTURE_STUDENT,
  INSTRUCTORS,
  INVOICES,
  PAST_LESSONS,
  STUDENTS,
  TENANT_NAME,
  UPCOMING_LESSONS,
  VEHICLES,
  type SeedLesson,
} from './seed-data.ts';

/** The synthetic user's credentials, from the configuration. */
export interface SyntheticUser {
  email: string;
  password: string;
  displayName: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function daysAgoIso(days: number, now: number): string {
  return new Date(now - days * DAY_MS).toISOString();
}

function insertAll(db: DatabaseSync, sql: string, rows: ReadonlyArray<ReadonlyArray<string | number>>): number[] {
  const statement = db.prepare(sql);
  return rows.map((row) => Number(statement.run(...row).lastInsertRowid));
}

function insertLessons(
  db: DatabaseSync,
  tenantId: number,
  ids: { students: number[]; instructors: number[]; vehicles: number[] },
  lessons: readonly SeedLesson[],
  now: number,
): number[] {
  const today = zurichDate(new Date(now));
  return insertAll(
    db,
    `INSERT INTO lessons (tenant_id, student_id, instructor_id, vehicle_id, starts_at, ends_at, duration_minutes,
       notes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    lessons.map((lesson) => {
      const startsAt = `${addDays(today, lesson.day)}T${lesson.time}`;
      const endsAt = minutesToWallTime((wallTimeToMinutes(startsAt) ?? 0) + lesson.duration);
      return [
        tenantId,
        ids.students[lesson.student] ?? 0,
        ids.instructors[lesson.instructor] ?? 0,
        ids.vehicles[lesson.vehicle] ?? 0,
        startsAt,
        endsAt,
        lesson.duration,
        lesson.notes,
        daysAgoIso(Math.max(1, 20 - lesson.day), now),
      ];
    }),
  );
}

function insertInvoices(
  db: DatabaseSync,
  tenantId: number,
  studentIds: number[],
  pastLessonIds: number[],
  now: number,
): void {
  INVOICES.forEach((seed, index) => {
    const billed = PAST_LESSONS.map((lesson, position) => ({ lesson, id: pastLessonIds[position] ?? 0 })).filter(
      ({ lesson }) => lesson.invoice === index,
    );
    const lines = billed.map(({ lesson, id }) => ({
      lessonId: id,
      description: lineDescription({
        duration_minutes: lesson.duration,
        starts_at: `${addDays(zurichDate(new Date(now)), lesson.day)}T${lesson.time}`,
      }),
      amountCents: lessonPriceCents(lesson.duration),
    }));
    const issuedAt = daysAgoIso(seed.issuedDaysAgo, now);
    const totals = computeInvoiceTotals(
      lines.map((line) => line.amountCents),
      VAT_RATE_BP,
    );
    const number = nextInvoiceNumber(db, tenantId, issuedAt.slice(0, 4));
    const invoiceId = insertInvoice(
      db,
      tenantId,
      { studentId: studentIds[seed.student] ?? 0, number, notes: seed.notes, vatRateBp: VAT_RATE_BP, lines, ...totals },
      issuedAt,
    );
    if (seed.paidDaysAgo !== undefined) {
      db.prepare("UPDATE invoices SET status = 'paid', paid_at = ? WHERE id = ?").run(
        daysAgoIso(seed.paidDaysAgo, now),
        invoiceId,
      );
    }
  });
}

function seedSchool(db: DatabaseSync, now: number): number {
  return transaction(db, () => {
    const created = daysAgoIso(400, now);
    const tenantId = Number(
      db.prepare('INSERT INTO tenants (name, created_at) VALUES (?, ?)').run(TENANT_NAME, created).lastInsertRowid,
    );
    const instructors = insertAll(
      db,
      'INSERT INTO instructors (tenant_id, first_name, last_name, created_at) VALUES (?, ?, ?, ?)',
      INSTRUCTORS.map((i) => [tenantId, i.first_name, i.last_name, created]),
    );
    const vehicles = insertAll(
      db,
      'INSERT INTO vehicles (tenant_id, model, plate, created_at) VALUES (?, ?, ?, ?)',
      VEHICLES.map((v) => [tenantId, v.model, v.plate, created]),
    );
    const people = [...STUDENTS, FIXTURE_STUDENT].map((s, index) => {
      const since = daysAgoIso(90 - index * 6, now);
      return [tenantId, s.first_name, s.last_name, s.email, s.phone, since, since];
    });
    const students = insertAll(
      db,
      'INSERT INTO students (tenant_id, first_name, last_name, email, phone, created_at, updated_at) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?)',
      people,
    );
    const ids = { students, instructors, vehicles };
    insertLessons(db, tenantId, ids, UPCOMING_LESSONS, now);
    insertInvoices(db, tenantId, students, insertLessons(db, tenantId, ids, PAST_LESSONS, now), now);
    return tenantId;
  });
}

async function upsertSyntheticUser(db: DatabaseSync, tenantId: number, user: SyntheticUser): Promise<void> {
  const passwordHash = await hashPassword(user.password);
  const existing = db.prepare('SELECT id FROM users WHERE email = ?').get(user.email);
  if (existing) {
    db.prepare('UPDATE users SET password_hash = ?, display_name = ? WHERE id = ?').run(
      passwordHash,
      user.displayName,
      existing.id ?? '',
    );
    return;
  }
  db.prepare(
    'INSERT INTO users (id, tenant_id, email, password_hash, display_name, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(randomUUID(), tenantId, user.email, passwordHash, user.displayName, new Date().toISOString());
}

/** Seeds the school once (an empty database) and (re)writes the synthetic user's credentials. */
export async function seedDatabase(db: DatabaseSync, user: SyntheticUser, now = Date.now()): Promise<void> {
  const tenant = db.prepare('SELECT id FROM tenants ORDER BY id LIMIT 1').get();
  const tenantId = tenant ? int(tenant, 'id') : seedSchool(db, now);
  await upsertSyntheticUser(db, tenantId, user);
}
