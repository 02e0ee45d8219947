/**
 * The SPA's data, as a Vercel + Supabase app reads and writes it: supabase-js queries on the tables
 * (row-level security keeps them inside the user's school) and the RPC functions that hold the
 * domain rules (booking without overlap, invoice numbering and totals, payment). Each function
 * resolves to the shapes the pages render, or throws ApiError (status and message of the answer).
 */
import { ApiError, unauthorized, validationFailed } from './api.js';
import { addDays, isIsoDate, zurichInstant, zurichWallTime } from './format.js';
import { supabase } from './supabase.js';

const NOT_FOUND = "Cet élément n'existe pas ou a été supprimé.";

function abortError() {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** Runs a supabase-js query; resolves to its data or throws ApiError (a 401 also ends the session). */
async function run(build, signal) {
  const client = await supabase();
  if (signal?.aborted) throw abortError();
  let query = build(client);
  if (signal && typeof query.abortSignal === 'function') query = query.abortSignal(signal);
  const { data, error, status, count } = await query;
  if (signal?.aborted) throw abortError();
  if (!error) return count === null || count === undefined ? data : { data, count };
  if (status === 401) {
    await client.auth.signOut({ scope: 'local' }).catch(() => undefined);
    unauthorized();
  }
  // An id that is not a UUID (22P02) names nothing, as an unknown one does.
  if (error.code === '22P02' || error.code === 'PGRST116') throw new ApiError(404, { error: { message: NOT_FOUND } });
  throw new ApiError(status ?? 0, { error: { code: error.hint || error.code, message: error.message } });
}

function notFound() {
  return new ApiError(404, { error: { code: 'not_found', message: NOT_FOUND } });
}

const fullName = (person) => (person ? `${person.first_name} ${person.last_name}` : '');
const containsIgnoringCase = (haystack, needle) =>
  haystack.toLocaleLowerCase('fr-CH').includes(needle.toLocaleLowerCase('fr-CH'));
const compareNames = new Intl.Collator('fr-CH', { sensitivity: 'base' }).compare;

// Students ----------------------------------------------------------------------------------------

const STUDENT_MESSAGES = {
  first_name: 'Le prénom est obligatoire.',
  first_name_too_long: 'Le prénom ne doit pas dépasser 80 caractères.',
  last_name: 'Le nom est obligatoire.',
  last_name_too_long: 'Le nom ne doit pas dépasser 80 caractères.',
  email: 'Adresse e-mail invalide.',
  phone: 'Numéro de téléphone suisse invalide.',
};
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const SWISS_PHONE = /^(\+41|0041|0)\d{9}$/;

function nameError(value, missing, tooLong) {
  const trimmed = value.trim();
  if (!trimmed) return missing;
  return trimmed.length > 80 ? tooLong : undefined;
}

/** The rules of a student record (the table's check constraints, with the UI's French messages). */
function validStudent(input) {
  const fields = {};
  const first = nameError(input.first_name, STUDENT_MESSAGES.first_name, STUDENT_MESSAGES.first_name_too_long);
  const last = nameError(input.last_name, STUDENT_MESSAGES.last_name, STUDENT_MESSAGES.last_name_too_long);
  if (first) fields.first_name = first;
  if (last) fields.last_name = last;
  const email = input.email.trim();
  if (email.length > 254 || !EMAIL.test(email)) fields.email = STUDENT_MESSAGES.email;
  const phone = input.phone.trim().replace(/\s+/g, ' ');
  if (!SWISS_PHONE.test(phone.replace(/ /g, ''))) fields.phone = STUDENT_MESSAGES.phone;
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return { first_name: input.first_name.trim(), last_name: input.last_name.trim(), email, phone };
}

const STUDENT_COLUMNS = 'id, first_name, last_name, email, phone, created_at, updated_at';

/** The school's students whose name or e-mail contains `query`, sorted by name. */
export async function listStudents(query = '', signal) {
  const rows = await run((db) => db.from('students').select(STUDENT_COLUMNS).order('last_name'), signal);
  return rows
    .filter((s) => !query || [s.first_name, s.last_name, s.email].some((field) => containsIgnoringCase(field, query)))
    .sort((a, b) => compareNames(a.last_name, b.last_name) || compareNames(a.first_name, b.first_name));
}

/** One student, or ApiError 404. */
export async function getStudent(id, signal) {
  const student = await run((db) => db.from('students').select(STUDENT_COLUMNS).eq('id', id).maybeSingle(), signal);
  if (!student) throw notFound();
  return student;
}

/** Creates a student; resolves to it as stored. */
export function createStudent(input) {
  const student = validStudent(input);
  return run((db) => db.from('students').insert(student).select(STUDENT_COLUMNS).single());
}

/** Updates a student; resolves to it as stored. */
export async function updateStudent(id, input) {
  const student = validStudent(input);
  const rows = await run((db) => db.from('students').update(student).eq('id', id).select(STUDENT_COLUMNS));
  if (rows.length === 0) throw notFound();
  return rows[0];
}

/** Deletes a student without lessons (409 with the reason otherwise). */
export async function deleteStudent(id) {
  const { count } = await run((db) =>
    db.from('lessons').select('id', { count: 'exact' }).eq('student_id', id).limit(1),
  );
  if (count > 0) {
    throw new ApiError(409, {
      error: {
        code: 'student_has_lessons',
        message:
          `Impossible de supprimer cet élève : il a encore ${count} leçon(s). ` +
          "Supprimez d'abord ses factures puis ses leçons.",
      },
    });
  }
  const rows = await run((db) => db.from('students').delete().eq('id', id).select('id'));
  if (rows.length === 0) throw notFound();
}

// Instructors and vehicles -------------------------------------------------------------------------

/** The school's instructors, each with its display `name`. */
export async function listInstructors(signal) {
  const rows = await run((db) => db.from('instructors').select('id, first_name, last_name').order('last_name'), signal);
  return rows.map((row) => ({ ...row, name: fullName(row) }));
}

/** The school's vehicles, each with its display `label` ("VW Golf · VD 123 456"). */
export async function listVehicles(signal) {
  const rows = await run((db) => db.from('vehicles').select('id, model, plate').order('model'), signal);
  return rows.map((row) => ({ ...row, label: `${row.model} · ${row.plate}` }));
}

// Lessons -----------------------------------------------------------------------------------------

const LESSON_COLUMNS =
  'id, student_id, instructor_id, vehicle_id, starts_at, ends_at, duration_minutes, notes, status, created_at, ' +
  'students(first_name, last_name), instructors(first_name, last_name), vehicles(model, plate), ' +
  'invoice_lines(invoice_id)';

/** A lesson as the pages show it: names resolved, times as Zurich wall times, its invoice if billed. */
function toLesson(row) {
  return {
    id: row.id,
    student_id: row.student_id,
    student_name: fullName(row.students),
    instructor_id: row.instructor_id,
    instructor_name: fullName(row.instructors),
    vehicle_id: row.vehicle_id,
    vehicle_label: row.vehicles ? `${row.vehicles.model} · ${row.vehicles.plate}` : '',
    starts_at: zurichWallTime(row.starts_at),
    ends_at: zurichWallTime(row.ends_at),
    duration_minutes: row.duration_minutes,
    notes: row.notes,
    status: row.status,
    invoice_id: row.invoice_lines?.[0]?.invoice_id ?? null,
    created_at: row.created_at,
  };
}

/**
 * Booked lessons in chronological order: of one Zurich day (`date`), of one student (`studentId`),
 * from an instant on (`from`), and only those not yet invoiced (`uninvoiced`).
 */
export async function listLessons({ date, studentId, from, uninvoiced = false } = {}, signal) {
  const rows = await run((db) => {
    let query = db.from('lessons').select(LESSON_COLUMNS).eq('status', 'booked');
    if (date) {
      query = query.gte('starts_at', zurichInstant(`${date}T00:00`));
      query = query.lt('starts_at', zurichInstant(`${addDays(date, 1)}T00:00`));
    }
    if (studentId) query = query.eq('student_id', studentId);
    if (from) query = query.gte('starts_at', from);
    return query.order('starts_at').order('id');
  }, signal);
  const lessons = rows.map(toLesson);
  return uninvoiced ? lessons.filter((lesson) => lesson.invoice_id === null) : lessons;
}

const WALL_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d$/;

/** Books a lesson through `book_lesson` (the overlap rule is Postgres's: 409 with the reason). */
export function bookLesson(booking) {
  const fields = {};
  if (!booking.student_id) fields.student_id = 'Choisissez un élève.';
  if (!booking.instructor_id) fields.instructor_id = 'Choisissez un moniteur.';
  if (!booking.vehicle_id) fields.vehicle_id = 'Choisissez un véhicule.';
  const wall = WALL_TIME.exec(booking.starts_at);
  if (!wall || !isIsoDate(wall[1])) fields.starts_at = 'Choisissez une date et une heure valides.';
  if (booking.duration_minutes !== 45 && booking.duration_minutes !== 90) {
    fields.duration_minutes = 'La durée doit être de 45 ou 90 minutes.';
  }
  const notes = (booking.notes ?? '').trim();
  if (notes.length > 500) fields.notes = 'La remarque ne doit pas dépasser 500 caractères.';
  if (Object.keys(fields).length > 0) return Promise.reject(validationFailed(fields));
  return run((db) =>
    db.rpc('book_lesson', {
      student_id: booking.student_id,
      instructor_id: booking.instructor_id,
      vehicle_id: booking.vehicle_id,
      starts_at: zurichInstant(booking.starts_at),
      duration_minutes: booking.duration_minutes,
      notes,
    }),
  );
}

/** Cancels a booked lesson (an invoiced one is refused by Postgres: 409). */
export async function cancelLesson(id) {
  const rows = await run((db) => db.from('lessons').update({ status: 'cancelled' }).eq('id', id).select('id, status'));
  if (rows.length === 0) throw notFound();
}

// Dashboard ---------------------------------------------------------------------------------------

/** The three counts of the dashboard and the next five lessons. */
export async function dashboard(signal) {
  // GET with a count (not HEAD): the row is not needed, but a HEAD whose body is never read shows as aborted.
  const count = async (table, filter) =>
    (await run((db) => filter(db.from(table).select('id', { count: 'exact' })).limit(1), signal)).count;
  const now = new Date().toISOString();
  const [students, upcoming, openInvoices, next] = await Promise.all([
    count('students', (query) => query),
    count('lessons', (query) => query.eq('status', 'booked').gte('starts_at', now)),
    count('invoices', (query) => query.eq('status', 'open')),
    run(
      (db) =>
        db
          .from('lessons')
          .select(LESSON_COLUMNS)
          .eq('status', 'booked')
          .gte('starts_at', now)
          .order('starts_at')
          .limit(5),
      signal,
    ),
  ]);
  return { students, upcoming_lessons: upcoming, open_invoices: openInvoices, next_lessons: next.map(toLesson) };
}

// Invoices ----------------------------------------------------------------------------------------

function toInvoice(row) {
  const { students, invoice_lines: lines, ...invoice } = row;
  return {
    ...invoice,
    vat_rate: Number(invoice.vat_rate),
    student_name: fullName(students),
    ...(lines ? { lines } : {}),
  };
}

/** Every invoice of the school, newest first. */
export async function listInvoices(signal) {
  const rows = await run(
    (db) =>
      db
        .from('invoices')
        .select('*, students(first_name, last_name)')
        .order('created_at', { ascending: false })
        .order('number', { ascending: false }),
    signal,
  );
  return rows.map(toInvoice);
}

const INVOICE_WITH_LINES =
  '*, students(first_name, last_name), ' +
  'invoice_lines(id, lesson_id, description, amount_cents, lessons(starts_at))';

/** One invoice with its lines (in the order of their lessons), or ApiError 404. */
export async function getInvoice(id, signal) {
  const row = await run((db) => db.from('invoices').select(INVOICE_WITH_LINES).eq('id', id).maybeSingle(), signal);
  if (!row) throw notFound();
  const invoice = toInvoice(row);
  const startOf = (line) => Date.parse(line.lessons?.starts_at ?? '') || 0;
  invoice.lines = invoice.lines.sort((a, b) => startOf(a) - startOf(b)).map(({ lessons, ...line }) => line);
  return invoice;
}

/** Creates an invoice through `create_invoice` (numbering, tariff, VAT and rounding are Postgres's). */
export function createInvoice({ student_id, lesson_ids, notes = '' }) {
  if (!student_id) return Promise.reject(validationFailed({ student_id: 'Choisissez un élève.' }));
  if (notes.trim().length > 500) {
    return Promise.reject(validationFailed({ notes: 'La remarque ne doit pas dépasser 500 caractères.' }));
  }
  return run((db) => db.rpc('create_invoice', { student_id, lesson_ids, notes: notes.trim() }));
}

/** Marks an open invoice paid through `mark_invoice_paid` (409 when already paid). */
export function markInvoicePaid(id) {
  return run((db) => db.rpc('mark_invoice_paid', { invoice_id: id }));
}
