/**
 * The Supabase project's keys. Like `supabase start`, the project has one HS256 JWT secret; the anon
 * key is a long-lived JWT with `role: anon` signed by it, and user access tokens are signed by it too.
 * The secret comes from REFERENCE_APP_JWT_SECRET or is the Supabase CLI's published local-development
 * default, so the anon key is stable across starts (and equals the CLI's well-known local anon key).
 * The secret itself is never printed; the anon key is public by design.
 */
import { signJwt, verifyJwtClaims, type TokenProblem } from '../jwt.ts';

/** The Supabase CLI's local-development JWT secret (public, documented by Supabase; loopback only). */
export const LOCAL_DEVELOPMENT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** The claims of the anon key, as the Supabase CLI signs them. */
const ANON_CLAIMS = { iss: 'supabase-demo', role: 'anon', exp: 1983812996 } as const;

/** The project's signing material and its anon key. */
export interface ProjectKeys {
  secret: Buffer;
  anonKey: string;
}

/** Derives the anon key from the JWT secret. */
export function projectKeys(secret: string): ProjectKeys {
  const key = Buffer.from(secret, 'utf8');
  return { secret: key, anonKey: signJwt(ANON_CLAIMS, key) };
}

/** A bearer JWT checked against the project secret: its claims, or why it was refused. */
export function readBearer(
  keys: ProjectKeys,
  token: string,
  nowSeconds = Date.now() / 1000,
): Record<string, unknown> | TokenProblem {
  return verifyJwtClaims(token, keys.secret, nowSeconds);
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}
