/**
 * Errors of the data layer, and one rule for sessions: a 401 from Supabase (the token expired and
 * could not be refreshed, or was refused) signs the user out locally and sends them to the sign-in page.
 */

/** A failed call: `status` 0 means the network failed; `code`, `message`, `fields` come from the API. */
export class ApiError extends Error {
  constructor(status, body) {
    const error = body && typeof body.error === 'object' ? body.error : {};
    super(error.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error.code ?? (typeof body?.error === 'string' ? body.error : undefined);
    this.fields = error.fields ?? {};
  }

  /** True when retrying later may work (server error or network failure). */
  get isServerSide() {
    return this.status === 0 || this.status >= 500;
  }
}

let unauthorizedHandler = () => {};

/** What to do when Supabase says the session is gone (set once by main.js). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/** Tells main.js that the session is gone. */
export function unauthorized() {
  unauthorizedHandler();
}

/** A refusal decided in the browser before any call (a form field left empty), shaped like the API's. */
export function validationFailed(fields) {
  const message = Object.values(fields)[0] ?? 'Données invalides.';
  return new ApiError(422, { error: { code: 'validation_failed', message, fields } });
}
