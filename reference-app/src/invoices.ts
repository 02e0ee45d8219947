/**
 * `/api/invoices`: billing booked lessons. One line per lesson at the tenant's tariff, Swiss VAT and
 * 5-centime rounding from the pure money module; deleting an invoice frees its lessons.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { SessionUser } from './auth.ts';
import { formatSwissDateTime, zurichDate } from './clock.ts';
import { nowIso } from './db.ts';
import { HttpError, requireObject, validationFailed, type FieldErrors, type Reply } from './http.ts';
import { findInvoice, insertInvoice, nextInvoiceNumber, selectInvoices, type NewInvoice } from './invoice-store.ts';
import { findLesson, type Lesson } from './lesson-store.ts';
import { computeInvoiceTotals, lessonPriceCents, OLD_VAT_RATE_BP, VAT_RATE_BP } from './money.ts';
import { idParam, type RequestContext, type Route } from './router.ts';
import { apiRoute, type Services } from './services.ts';
import { studentExists } from './students.ts';
import { containsIgnoringCase, readId, readOptionalText } from './validation.ts';

/** The description of a lesson's line, as printed on the invoice. */
export function lineDescription(lesson: Pick<Lesson, 'duration_minutes' | 'starts_at'>): string {
  return `Leçon de conduite ${lesson.duration_minutes} min · ${formatSwissDateTime(lesson.starts_at)}`;
}

function listInvoices(db: DatabaseSync, user: SessionUser, ctx: RequestContext): Reply {
  const query = ctx.url.searchParams.get('q')?.trim() ?? '';
  const invoices = selectInvoices(db, user.tenantId).filter(
    (invoice) => !query || containsIgnoringCase(invoice.notes, query),
  );
  return { status: 200, body: invoices };
}

function readLessonIds(value: unknown): number[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const ids = value.map(readId);
  return ids.every((id) => id !== undefined) ? [...new Set(ids as number[])] : undefined;
}

/** Why a lesson cannot go on this student's invoice, or undefined if it can. */
function billingProblem(lesson: Lesson, studentId: number): string | undefined {
  const when = formatSwissDateTime(lesson.starts_at);
  if (lesson.student_id !== studentId) return `La leçon du ${when} n'appartient pas à cet élève.`;
  if (lesson.status !== 'booked') return `La leçon du ${when} est annulée.`;
  if (lesson.invoice_id !== null) return `La leçon du ${when} est déjà facturée.`;
  return undefined;
}

function billableLessons(db: DatabaseSync, tenantId: number, studentId: number, ids: number[]): Lesson[] {
  const lessons = ids.map((id) => {
    try {
      return findLesson(db, tenantId, id);
    } catch {
      throw validationFailed({ lesson_ids: `Leçon ${id} introuvable.` }, `Leçon ${id} introuvable.`);
    }
  });
  const problem = lessons.map((lesson) => billingProblem(lesson, studentId)).find(Boolean);
  if (problem) throw validationFailed({ lesson_ids: problem }, problem);
  return lessons.sort((a, b) => a.starts_at.localeCompare(b.starts_at));
}

function draftInvoice(services: Services, tenantId: number, body: Record<string, unknown>): NewInvoice {
  const fields: FieldErrors = {};
  const studentId = readId(body.student_id);
  const knownStudent = studentExists(services.db, tenantId, studentId);
  if (!knownStudent) fields.student_id = 'Choisissez un élève.';
  const lessonIds = readLessonIds(body.lesson_ids);
  if (!lessonIds) fields.lesson_ids = 'Sélectionnez au moins une leçon.';
  const notes = readOptionalText(body.notes, 500);
  if (notes === undefined) fields.notes = 'La remarque ne doit pas dépasser 500 caractères.';
  if (!knownStudent || studentId === undefined || !lessonIds || notes === undefined) throw validationFailed(fields);
  const lessons = billableLessons(services.db, tenantId, studentId, lessonIds);
  const lines = lessons.map((lesson) => ({
    lessonId: lesson.id,
    description: lineDescription(lesson),
    amountCents: lessonPriceCents(lesson.duration_minutes),
  }));
  const computeRate = services.faults.isOn('invoice-total-wrong') ? OLD_VAT_RATE_BP : VAT_RATE_BP;
  return {
    studentId,
    number: nextInvoiceNumber(services.db, tenantId, zurichDate().slice(0, 4)),
    notes,
    vatRateBp: VAT_RATE_BP,
    lines,
    ...computeInvoiceTotals(
      lines.map((line) => line.amountCents),
      computeRate,
    ),
  };
}

async function createInvoice(services: Services, user: SessionUser, ctx: RequestContext): Promise<Reply> {
  const draft = draftInvoice(services, user.tenantId, requireObject(await ctx.body()));
  const invoice = findInvoice(services.db, user.tenantId, insertInvoice(services.db, user.tenantId, draft));
  return { status: 201, body: invoice, headers: { location: `/api/invoices/${invoice.id}` } };
}

function markPaid(db: DatabaseSync, user: SessionUser, id: number): Reply {
  if (findInvoice(db, user.tenantId, id).status === 'paid') {
    throw new HttpError(409, 'already_paid', 'Cette facture est déjà payée.');
  }
  db.prepare("UPDATE invoices SET status = 'paid', paid_at = ? WHERE id = ? AND tenant_id = ?").run(
    nowIso(),
    id,
    user.tenantId,
  );
  return { status: 200, body: findInvoice(db, user.tenantId, id) };
}

function deleteInvoice(db: DatabaseSync, user: SessionUser, id: number): Reply {
  findInvoice(db, user.tenantId, id);
  db.prepare('DELETE FROM invoices WHERE id = ? AND tenant_id = ?').run(id, user.tenantId);
  return { status: 204 };
}

/** The invoice endpoints. */
export function invoiceRoutes(services: Services): Route[] {
  const { db } = services;
  return [
    apiRoute(services, 'GET', '/api/invoices', (ctx, user) => listInvoices(db, user, ctx)),
    apiRoute(services, 'POST', '/api/invoices', (ctx, user) => createInvoice(services, user, ctx)),
    apiRoute(services, 'GET', '/api/invoices/:id', (ctx, user) => ({
      status: 200,
      body: findInvoice(db, user.tenantId, idParam(ctx)),
    })),
    apiRoute(services, 'POST', '/api/invoices/:id/pay', (ctx, user) => markPaid(db, user, idParam(ctx))),
    apiRoute(services, 'DELETE', '/api/invoices/:id', (ctx, user) => deleteInvoice(db, user, idParam(ctx))),
  ];
}
