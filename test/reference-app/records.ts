/**
 * Test data helpers for the reference-app tests, on the Supabase origin as the synthetic user: the seeded
 * fixture student, and lessons booked through `book_lesson` in far-future slots that never collide with
 * the seed nor with each other.
 */
import assert from 'node:assert/strict';
import type { SupabaseClient } from '@supabase/supabase-js';
import { seedId } from './supabase-client.ts';

/** A lesson as `book_lesson` and `/rest/v1/lessons` return it. */
export interface LessonRow {
  id: string;
  student_id: string;
  instructor_id: string;
  vehicle_id: string;
  starts_at: string;
  ends_at: string;
  duration_minutes: number;
  notes: string;
  status: string;
}

/** The seeded fixture student "Élève Synthétique" (no lesson of its own). */
export const FIXTURE_STUDENT = seedId('a', 3, 12);
/** The synthetic tenant's instructors: 0 Luca Bernasconi, 1 Sophie Favre, 2 Marc Dubois. */
export const instructor = (index: 0 | 1 | 2): string => seedId('a', 1, index);
/** The synthetic tenant's vehicles: 0 VW Golf · VD 123 456, 1 Toyota Yaris · GE 482 913, 2 Škoda Fabia. */
export const vehicle = (index: 0 | 1 | 2): string => seedId('a', 2, index);

const FIRST_DAY = Date.UTC(2031, 10, 1);
/** Days from 1 November 2031 that stay in Zurich's winter time (UTC+1): summer time starts on 28 March 2032. */
const WINTER_DAYS = 140;
let nextDay = 0;

/** A fresh day from November 2031 on (each call a new one), so that tests never share a slot by accident. */
export function freshDate(): string {
  nextDay += 1;
  assert.ok(nextDay < WINTER_DAYS, 'freshDate: out of winter days (the Zurich offset would change)');
  return new Date(FIRST_DAY + nextDay * 86_400_000).toISOString().slice(0, 10);
}

/** The instant of a Zurich wall time on a day of freshDate(): ('2031-11-02', '10:00') → 2031-11-02T10:00:00+01:00. */
export function zurich(date: string, time: string): string {
  return `${date}T${time}:00+01:00`;
}

/** The same instant whatever its notation (`+00:00`, `Z`, `+01:00`). */
export function sameInstant(actual: string, expected: string): boolean {
  return Date.parse(actual) === Date.parse(expected);
}

/** Books a lesson through `book_lesson` (fixture student, instructor 0, vehicle 0, 45 min by default). */
export async function bookLesson(
  db: SupabaseClient,
  booking: Partial<{
    student_id: string;
    instructor_id: string;
    vehicle_id: string;
    duration_minutes: number;
    notes: string;
  }> & { starts_at: string },
): Promise<LessonRow> {
  const { data, error } = await db.rpc('book_lesson', {
    student_id: FIXTURE_STUDENT,
    instructor_id: instructor(0),
    vehicle_id: vehicle(0),
    duration_minutes: 45,
    notes: 'test',
    ...booking,
  });
  assert.equal(error, null, JSON.stringify(error));
  return data as LessonRow;
}

/** Creates a student with valid data (and a unique e-mail) and returns its id. */
export async function createStudent(db: SupabaseClient, lastName = `Test-${Date.now()}`): Promise<string> {
  const { data, error, status } = await db
    .from('students')
    .insert({
      first_name: 'Jeanne',
      last_name: lastName,
      email: `${lastName.toLowerCase()}@example.ch`,
      phone: '+41 79 123 45 67',
    })
    .select('id')
    .single();
  assert.equal(status, 201, JSON.stringify(error));
  return (data as { id: string }).id;
}
