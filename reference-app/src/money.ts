/**
 * Invoice arithmetic, pure and in integer centimes so that no floating-point error can reach a total.
 * Rates are in basis points (1/100 of a percent): 8.1 % = 810.
 */

/** Current Swiss standard VAT rate (since 1 January 2024). */
export const VAT_RATE_BP = 810;
/** The previous Swiss standard rate; only the `invoice-total-wrong` fault uses it. */
export const OLD_VAT_RATE_BP = 770;

/** Tariff of the synthetic tenant, by lesson duration in minutes. */
export const LESSON_TARIFF_CENTS: Readonly<Record<number, number>> = { 45: 8500, 90: 16500 };

/** The amounts of one invoice. */
export interface InvoiceTotals {
  subtotal_cents: number;
  vat_cents: number;
  total_cents: number;
}

function assertCentimes(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
}

/** `numerator / denominator` rounded half-up, for non-negative integers. */
export function divideRoundingHalfUp(numerator: number, denominator: number): number {
  assertCentimes(numerator, 'numerator');
  if (!Number.isSafeInteger(denominator) || denominator <= 0)
    throw new RangeError(`denominator must be a positive integer, got ${denominator}`);
  const remainder = numerator % denominator;
  const quotient = (numerator - remainder) / denominator;
  return 2 * remainder >= denominator ? quotient + 1 : quotient;
}

/** VAT on a subtotal, rounded half-up to the centime. */
export function vatCents(subtotalCents: number, rateBp: number): number {
  return divideRoundingHalfUp(subtotalCents * rateBp, 10_000);
}

/** Rounds to the nearest 5 centimes (Swiss cash rounding), half-up. */
export function roundToFiveCentimes(cents: number): number {
  return divideRoundingHalfUp(cents, 5) * 5;
}

/** Subtotal, VAT and rounded total of a list of line amounts. */
export function computeInvoiceTotals(lineAmountsCents: readonly number[], rateBp: number = VAT_RATE_BP): InvoiceTotals {
  lineAmountsCents.forEach((amount) => assertCentimes(amount, 'line amount'));
  const subtotal = lineAmountsCents.reduce((sum, amount) => sum + amount, 0);
  const vat = vatCents(subtotal, rateBp);
  return { subtotal_cents: subtotal, vat_cents: vat, total_cents: roundToFiveCentimes(subtotal + vat) };
}

/** The tariff of a lesson duration; throws for a duration the tenant does not sell. */
export function lessonPriceCents(durationMinutes: number): number {
  const price = LESSON_TARIFF_CENTS[durationMinutes];
  if (price === undefined) throw new RangeError(`no tariff for a ${durationMinutes}-minute lesson`);
  return price;
}

/** A rate in basis points as the decimal the API shows (810 → 0.081). */
export function rateFromBasisPoints(rateBp: number): number {
  return rateBp / 10_000;
}
