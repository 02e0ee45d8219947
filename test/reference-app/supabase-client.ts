/**
 * supabase-js clients for the reference app's Supabase origin, configured as a Node monitor would
 * (no persisted session, no background refresh): the fidelity tests use the field's own client.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { ReferenceApp } from '../helpers/reference-app.ts';

/** The second tenant's user (see reference-app/src/supabase/seed.ts). */
export const SECOND_USER = { email: 'direction@auto-ecole-leman.test', password: 'viamentor-second-tenant' };

/** A client with the anon key only. */
export function anonClient(app: ReferenceApp): SupabaseClient {
  return createClient(app.supabaseUrl, app.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
}

/** A client signed in with a password (the synthetic user by default); throws when sign-in fails. */
export async function signedInClient(
  app: ReferenceApp,
  user = { email: app.email, password: app.password },
): Promise<SupabaseClient> {
  const client = anonClient(app);
  const { error } = await client.auth.signInWithPassword(user);
  if (error) throw new Error(`sign-in of ${user.email} failed: ${error.message}`);
  return client;
}

/** Fixed seed ids (reference-app/src/supabase/seed.ts): `kind` 1 instructors, 2 vehicles, 3 students, 4 lessons. */
export function seedId(tenant: 'a' | 'b', kind: 1 | 2 | 3 | 4, index: number): string {
  return `5e1f00${tenant}${kind}-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
}

/** A Zurich-independent instant `days` from now at a given UTC hour, far from the seeded lessons. */
export function freeSlot(days: number, hourUtc: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCHours(hourUtc, 0, 0, 0);
  return date.toISOString();
}
