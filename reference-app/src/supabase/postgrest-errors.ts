/**
 * Errors as PostgREST answers them: `{code, message, details, hint}` with the HTTP status PostgREST
 * derives from the SQLSTATE (and `PTnnn` raised by a function meaning status nnn).
 */
import type { Reply } from '../http.ts';
import { QueryError } from './postgrest-query.ts';

/** A PostgREST-shaped error reply. */
export function restError(
  status: number,
  code: string,
  message: string,
  details: string | null = null,
  hint: string | null = null,
): Reply {
  return { status, body: { code, details, hint, message } };
}

/** PostgREST's table from SQLSTATE to HTTP status (the part a driving-school schema can reach). */
export function statusForSqlState(code: string, authenticated: boolean): number {
  const custom = /^PT(\d{3})$/.exec(code);
  if (custom) return Number(custom[1]);
  if (code === '42501') return authenticated ? 403 : 401;
  const exact: Record<string, number> = {
    '23503': 409,
    '23505': 409,
    '25006': 405,
    P0001: 400,
    '42883': 404,
    '42P01': 404,
    '42P17': 500,
  };
  if (exact[code]) return exact[code] ?? 400;
  const byClass: Record<string, number> = {
    '08': 503,
    '09': 500,
    '0L': 403,
    '0P': 403,
    '25': 500,
    '28': 403,
    '2D': 500,
    '38': 500,
    '39': 500,
    '3B': 500,
    '40': 500,
    '53': 503,
    '54': 413,
    '55': 500,
    '57': 500,
    '58': 500,
    F0: 500,
    HV: 500,
    P0: 500,
    XX: 500,
  };
  return byClass[code.slice(0, 2)] ?? 400;
}

interface PgErrorLike {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  hint?: unknown;
}

/** Turns a thrown error into a reply; unknown failures become 500 and are returned for logging. */
export function replyForRestError(error: unknown, authenticated: boolean): { reply: Reply; unexpected: boolean } {
  if (error instanceof QueryError) {
    return { reply: restError(400, error.code, error.message, error.details), unexpected: false };
  }
  const pg = error as PgErrorLike;
  if (typeof pg?.code === 'string' && /^[0-9A-Z]{5}$/.test(pg.code)) {
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
    return {
      reply: restError(
        statusForSqlState(pg.code, authenticated),
        pg.code,
        String(pg.message ?? ''),
        text(pg.detail),
        text(pg.hint),
      ),
      unexpected: false,
    };
  }
  return { reply: restError(500, 'XX000', 'Internal server error'), unexpected: true };
}
