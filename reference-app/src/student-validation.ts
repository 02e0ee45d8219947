/**
 * The rules of a student record and their French messages, which the SPA shows next to each field
 * and the journeys assert word for word.
 */
import { validationFailed, type FieldErrors } from './http.ts';
import { readText } from './validation.ts';

/** A valid student as stored. */
export interface StudentInput {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
}

/** The field messages of the UI contract. */
export const STUDENT_MESSAGES = {
  first_name: 'Le prénom est obligatoire.',
  first_name_too_long: 'Le prénom ne doit pas dépasser 80 caractères.',
  last_name: 'Le nom est obligatoire.',
  last_name_too_long: 'Le nom ne doit pas dépasser 80 caractères.',
  email: 'Adresse e-mail invalide.',
  phone: 'Numéro de téléphone suisse invalide.',
} as const;

const NAME_MAX = 80;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const SWISS_PHONE = /^(\+41|0041|0)\d{9}$/;

/** A plausible e-mail address (one @, a dotted domain, no spaces). */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** A Swiss number: `+41`, `0041` or `0` then 9 digits, spaces allowed (`+41 79 123 45 67`, `021 345 67 89`). */
export function isSwissPhone(value: string): boolean {
  return SWISS_PHONE.test(value.replace(/ /g, ''));
}

function nameError(value: unknown, missing: string, tooLong: string): string | undefined {
  if (readText(value, NAME_MAX) !== undefined) return undefined;
  return typeof value === 'string' && value.trim().length > NAME_MAX ? tooLong : missing;
}

/** Checks every field at once; throws a 422 listing each invalid one. */
export function validateStudent(body: Record<string, unknown>): StudentInput {
  const fields: FieldErrors = {};
  const firstNameError = nameError(body.first_name, STUDENT_MESSAGES.first_name, STUDENT_MESSAGES.first_name_too_long);
  const lastNameError = nameError(body.last_name, STUDENT_MESSAGES.last_name, STUDENT_MESSAGES.last_name_too_long);
  if (firstNameError) fields.first_name = firstNameError;
  if (lastNameError) fields.last_name = lastNameError;
  const email = typeof body.email === 'string' ? body.email.trim() : '';
  if (!isEmail(email)) fields.email = STUDENT_MESSAGES.email;
  const phone = typeof body.phone === 'string' ? body.phone.trim().replace(/\s+/g, ' ') : '';
  if (!isSwissPhone(phone)) fields.phone = STUDENT_MESSAGES.phone;
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return {
    first_name: String(body.first_name).trim(),
    last_name: String(body.last_name).trim(),
    email,
    phone,
  };
}
