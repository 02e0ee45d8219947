/**
 * Invoice rows: reading them with their lines, numbering them `F-YYYY-NNNN` per tenant and year, and
 * writing an invoice with its lines in one transaction.
 */
import type { DatabaseSync } from 'node:sqlite';
import { int, nowIso, text, textOrNull, transaction, type Row } from './db.ts';
import { notFound } from './http.ts';
import { rateFromBasisPoints, type InvoiceTotals } from './money.ts';

/** One billed lesson. */
export interface InvoiceLine {
  id: number;
  lesson_id: number;
  description: string;
  amount_cents: number;
}

/** An invoice as the API returns it (`lines` only on single-invoice answers). */
export interface Invoice extends InvoiceTotals {
  id: number;
  number: string;
  student_id: number;
  student_name: string;
  status: 'open' | 'paid';
  notes: string;
  /** The VAT rate shown on the invoice, as a decimal (0.081). */
  vat_rate: number;
  created_at: string;
  paid_at: string | null;
  lines?: InvoiceLine[];
}

/** What `insertInvoice` writes. */
export interface NewInvoice extends InvoiceTotals {
  studentId: number;
  number: string;
  notes: string;
  vatRateBp: number;
  lines: Array<{ lessonId: number; description: string; amountCents: number }>;
}

const SELECT_INVOICES = `
  SELECT inv.*, s.first_name || ' ' || s.last_name AS student_name
  FROM invoices inv JOIN students s ON s.id = inv.student_id
  WHERE inv.tenant_id = :tenant`;

function toInvoice(row: Row): Invoice {
  return {
    id: int(row, 'id'),
    number: text(row, 'number'),
    student_id: int(row, 'student_id'),
    student_name: text(row, 'student_name'),
    status: text(row, 'status') === 'paid' ? 'paid' : 'open',
    notes: text(row, 'notes'),
    subtotal_cents: int(row, 'subtotal_cents'),
    vat_rate: rateFromBasisPoints(int(row, 'vat_rate_bp')),
    vat_cents: int(row, 'vat_cents'),
    total_cents: int(row, 'total_cents'),
    created_at: text(row, 'created_at'),
    paid_at: textOrNull(row, 'paid_at'),
  };
}

function toLine(row: Row): InvoiceLine {
  return {
    id: int(row, 'id'),
    lesson_id: int(row, 'lesson_id'),
    description: text(row, 'description'),
    amount_cents: int(row, 'amount_cents'),
  };
}

/** The invoices of a tenant, newest first, without lines. */
export function selectInvoices(db: DatabaseSync, tenantId: number): Invoice[] {
  return db
    .prepare(`${SELECT_INVOICES} ORDER BY inv.created_at DESC, inv.id DESC`)
    .all({ tenant: tenantId })
    .map(toInvoice);
}

/** One invoice of a tenant with its lines, or throws 404. */
export function findInvoice(db: DatabaseSync, tenantId: number, id: number): Invoice {
  const row = db.prepare(`${SELECT_INVOICES} AND inv.id = :id`).get({ tenant: tenantId, id });
  if (!row) throw notFound(`Facture ${id} introuvable.`);
  const lines = db.prepare('SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY id').all(id).map(toLine);
  return { ...toInvoice(row), lines };
}

/** The next free number of a tenant for a year: `F-2026-0001`, `F-2026-0002`, … */
export function nextInvoiceNumber(db: DatabaseSync, tenantId: number, year: string): string {
  const prefix = `F-${year}-`;
  const row = db
    .prepare(
      'SELECT max(CAST(substr(number, 8) AS INTEGER)) AS last FROM invoices WHERE tenant_id = ? AND number LIKE ?',
    )
    .get(tenantId, `${prefix}%`);
  const last = row && typeof row.last === 'number' ? row.last : 0;
  return `${prefix}${String(last + 1).padStart(4, '0')}`;
}

/** Writes an invoice and its lines atomically; returns the new id. */
export function insertInvoice(db: DatabaseSync, tenantId: number, invoice: NewInvoice, createdAt = nowIso()): number {
  return transaction(db, () => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO invoices (tenant_id, student_id, number, status, notes,
         subtotal_cents, vat_rate_bp, vat_cents, total_cents, created_at)
       VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        tenantId,
        invoice.studentId,
        invoice.number,
        invoice.notes,
        invoice.subtotal_cents,
        invoice.vatRateBp,
        invoice.vat_cents,
        invoice.total_cents,
        createdAt,
      );
    const insertLine = db.prepare(
      `INSERT INTO invoice_lines (tenant_id, invoice_id, lesson_id, description, amount_cents, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const line of invoice.lines) {
      insertLine.run(tenantId, lastInsertRowid, line.lessonId, line.description, line.amountCents, createdAt);
    }
    return Number(lastInsertRowid);
  });
}
