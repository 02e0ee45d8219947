/**
 * HS256 JSON Web Tokens with node:crypto, like the access tokens Supabase Auth issues, so that clients
 * and monitors see a real, verifiable, expiring token rather than an opaque string.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a token was refused; the Supabase origin turns each into a 401 (Auth: 403 bad_jwt). */
export type TokenProblem = 'malformed' | 'bad_signature' | 'expired';

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function sign(data: string, secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/** Signs claims into a compact JWT (access tokens, and the Supabase origin's anon key). */
export function signJwt(claims: object, secret: Buffer): string {
  const unsigned = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${unsigned}.${base64url(sign(unsigned, secret))}`;
}

/** Verifies signature and (when present) expiry of any HS256 token; returns its claims object. */
export function verifyJwtClaims(
  token: string,
  secret: Buffer,
  nowSeconds = Date.now() / 1000,
): Record<string, unknown> | TokenProblem {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return 'malformed';
  const [header, payload, signature] = parts as [string, string, string];
  const expected = sign(`${header}.${payload}`, secret);
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return 'bad_signature';
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return 'malformed';
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return 'malformed';
  const record = claims as Record<string, unknown>;
  if (record.exp !== undefined && typeof record.exp !== 'number') return 'malformed';
  return typeof record.exp === 'number' && nowSeconds >= record.exp ? 'expired' : record;
}
