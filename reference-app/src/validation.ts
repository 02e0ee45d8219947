/**
 * Small readers for untrusted JSON fields. Each returns the clean value or `undefined`, so that a
 * validator can collect every invalid field before answering 422.
 */

/** A trimmed, non-empty string of at most `maxLength` characters. */
export function readText(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= maxLength ? trimmed : undefined;
}

/** An optional text: missing or null → '', otherwise a trimmed string of at most `maxLength`. */
export function readOptionalText(value: unknown, maxLength: number): string | undefined {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length <= maxLength ? trimmed : undefined;
}

/** A positive integer id (JSON number, not a numeric string). */
export function readId(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** Case-insensitive substring test used by every `?q=` filter. */
export function containsIgnoringCase(haystack: string, needle: string): boolean {
  return haystack.toLocaleLowerCase('fr-CH').includes(needle.toLocaleLowerCase('fr-CH'));
}

/** Compares names the way a Swiss French reader expects (accents sorted with their letter). */
export const compareNames = new Intl.Collator('fr-CH', { sensitivity: 'base' }).compare;
