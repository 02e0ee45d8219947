/**
 * The session, kept like supabase-js keeps it: the token response as JSON in localStorage under
 * `sb-viamentor-auth-token`. Monitors can seed this key to start signed in.
 */

export const SESSION_KEY = 'sb-viamentor-auth-token';

function isSession(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.access_token === 'string' &&
    typeof value.expires_at === 'number'
  );
}

/** Stores a successful token response. */
export function saveSession(session) {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

/** Forgets the session (sign-out, 401, expiry). */
export function clearSession() {
  localStorage.removeItem(SESSION_KEY);
}

/** The stored session if it is well-formed and not expired; an expired one is cleared. */
export function currentSession(now = Date.now()) {
  let session = null;
  try {
    session = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
  } catch {
    session = null;
  }
  if (!isSession(session)) return null;
  if (session.expires_at * 1000 <= now) {
    clearSession();
    return null;
  }
  return session;
}
