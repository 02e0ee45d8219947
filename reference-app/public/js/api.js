/**
 * The API client: JSON in and out, the Bearer token on every call, and one rule for sessions —
 * any 401 from the API clears the session and sends the user back to the sign-in page.
 */
import { clearSession, currentSession } from './session.js';

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

/** What to do when the API says the session is gone (set once by main.js). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

async function send(method, path, body, { signal, token } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }
}

async function readBody(response) {
  if (response.status === 204) return null;
  return response.json().catch(() => null);
}

/** Calls the API as the signed-in user; resolves to the parsed body or throws ApiError. */
export async function api(method, path, body, { signal } = {}) {
  const response = await send(method, path, body, { signal, token: currentSession()?.access_token });
  const data = await readBody(response);
  if (response.status === 401) {
    clearSession();
    unauthorizedHandler();
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Password sign-in; resolves to the token response (to store) or throws ApiError. */
export async function signInWithPassword(email, password) {
  const response = await send('POST', '/auth/v1/token?grant_type=password', { email, password });
  const data = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Revokes the session on the server; failures are ignored (the local session is gone anyway). */
export async function signOut(token) {
  if (!token) return;
  await send('POST', '/auth/v1/logout', undefined, { token }).catch(() => undefined);
}
