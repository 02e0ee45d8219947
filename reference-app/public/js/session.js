/**
 * The session, as supabase-js keeps it (localStorage, `sb-<ref>-auth-token`), refreshed by supabase-js
 * before it expires. Monitors can seed that key to start signed in.
 */
import { ApiError } from './api.js';
import { supabase } from './supabase.js';

/** The current session, or null (an expired one that cannot be refreshed is cleared by supabase-js). */
export async function currentSession() {
  const { data, error } = await (await supabase()).auth.getSession();
  return error ? null : data.session;
}

/** Password sign-in; resolves when signed in, throws ApiError (400: wrong credentials). */
export async function signIn(email, password) {
  const { error } = await (await supabase()).auth.signInWithPassword({ email, password });
  if (error) throw new ApiError(error.status ?? 0, { error: { code: error.code, message: error.message } });
}

/** Signs out on this device (Supabase's `scope: 'local'`); the local session is gone even if the call fails. */
export async function signOut() {
  await (await supabase()).auth.signOut({ scope: 'local' }).catch(() => undefined);
}
