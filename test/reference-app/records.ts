/**
 * Test data helpers for the reference-app tests: the seeded fixture student and lessons booked in
 * far-future slots that never collide with the seed nor with each other.
 */
import assert from 'node:assert/strict';
import type { ReferenceApp } from '../helpers/reference-app.ts';

/** A lesson as the API returns it (the fields the tests read). */
export interface LessonBody {
  id: number;
  student_id: number;
  instructor_id: number;
  vehicle_id: number;
  starts_at: string;
  ends_at: string;
  duration_minutes: number;
  notes: string;
  status: string;
  invoice_id: number | null;
}

let nextDay = 0;

/** A fresh day in 2031 (each call a new one), so that tests never share a slot by accident. */
export function freshDate(): string {
  nextDay += 1;
  const date = new Date(Date.UTC(2031, 0, 1) + nextDay * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** The id of the seeded fixture student "Élève Synthétique". */
export async function fixtureStudentId(app: ReferenceApp): Promise<number> {
  const { body } = await app.authed<Array<{ id: number; email: string }>>('GET', '/api/students?q=eleve.synthetique');
  const student = body.find((candidate) => candidate.email === 'eleve.synthetique@viamentor.test');
  assert.ok(student, 'the fixture student is seeded');
  return student.id;
}

/** Books a lesson (instructor 1, vehicle 1, 45 min by default) and asserts it was created. */
export async function bookLesson(
  app: ReferenceApp,
  booking: Partial<{
    student_id: number;
    instructor_id: number;
    vehicle_id: number;
    starts_at: string;
    duration_minutes: number;
    notes: string;
  }> & { starts_at: string },
): Promise<LessonBody> {
  const student = booking.student_id ?? (await fixtureStudentId(app));
  const response = await app.authed<LessonBody>('POST', '/api/lessons', {
    student_id: student,
    instructor_id: 1,
    vehicle_id: 1,
    duration_minutes: 45,
    notes: 'test',
    ...booking,
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body;
}

/** Creates a student with valid data (and a unique e-mail) and returns its id. */
export async function createStudent(app: ReferenceApp, lastName = `Test-${Date.now()}`): Promise<number> {
  const response = await app.authed<{ id: number }>('POST', '/api/students', {
    first_name: 'Jeanne',
    last_name: lastName,
    email: `${lastName.toLowerCase()}@example.ch`,
    phone: '+41 79 123 45 67',
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}
