/**
 * What a correct invoice of the synthetic tenant looks like, computed independently of the app:
 * its tariff (the target profile's), Swiss VAT 8.1 % rounded to the centime, the total rounded to
 * 0.05 CHF.
 */
import { TARIFF } from './viamentor.ts';

/** The synthetic tenant's price of a driving lesson, in centimes, by duration in minutes. */
export const TARIFF_CENTS = TARIFF.lessonCents;

/** Swiss VAT standard rate since 2024 (8.1 %), in tenths of a percent. */
export const VAT_PERMILLE = TARIFF.vatPermille;

export interface InvoiceTotals {
  subtotal: number;
  vat: number;
  total: number;
}

/** Rounds half up to a multiple of `step` (integers only: no float drift). */
function roundHalfUp(value: number, step: number): number {
  return Math.floor((value + step / 2) / step) * step;
}

/** The totals of an invoice with these line amounts (centimes). */
export function expectedTotals(lineCents: readonly number[]): InvoiceTotals {
  const subtotal = lineCents.reduce((sum, cents) => sum + cents, 0);
  const vat = roundHalfUp(subtotal * VAT_PERMILLE, 1000) / 1000;
  return { subtotal, vat, total: roundHalfUp(subtotal + vat, 5) };
}

/** `CHF 1'234.50` (any apostrophe or spacing) → `CHF 1234.50`, so amounts compare as text. */
export function normaliseChf(text: string): string {
  const match = /(-?[\d'’\s\u00a0]+)[.,](\d{2})/.exec(text);
  if (!match) return text.trim();
  return `CHF ${match[1]!.replace(/[^\d-]/g, '')}.${match[2]}`;
}

/** Centimes → `CHF 1234.50`. */
export function formatChf(cents: number): string {
  return `CHF ${(cents / 100).toFixed(2)}`;
}
