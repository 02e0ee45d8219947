/**
 * The Supabase Auth (GoTrue) subset: password and refresh-token grants, the current user, and logout
 * with scope local|global|others. Sessions and refresh tokens live in `auth.sessions` and
 * `auth.refresh_tokens`; access tokens are HS256 JWTs signed with the project secret and, as in
 * Supabase, stay valid until they expire even after a logout (only `/user` and refresh check the session).
 * Errors are shaped as GoTrue's: `{code, error_code, msg}`, which supabase-js turns into AuthApiError.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { signJwt } from '../jwt.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import type { Reply } from '../http.ts';
import type { SupabaseDatabase } from './database.ts';
import { bearerToken, readBearer, type ProjectKeys } from './keys.ts';

interface UserRow {
  id: string;
  email: string;
  encrypted_password: string;
  raw_user_meta_data: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  last_sign_in_at: Date | null;
}

/** What the auth routes need. */
export interface AuthContext {
  db: SupabaseDatabase;
  keys: ProjectKeys;
  tokenTtlSeconds: number;
  issuer: string;
}

/** A GoTrue error reply. */
export function authError(status: number, errorCode: string, msg: string): Reply {
  return { status, body: { code: status, error_code: errorCode, msg } };
}

const decoyHash = hashPassword(randomUUID());

/** The user as GoTrue shows it. */
function publicUser(row: UserRow): Record<string, unknown> {
  const confirmed = row.created_at.toISOString();
  return {
    id: row.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: row.email,
    email_confirmed_at: confirmed,
    phone: '',
    confirmed_at: confirmed,
    last_sign_in_at: row.last_sign_in_at?.toISOString() ?? null,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: row.raw_user_meta_data,
    identities: [],
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    is_anonymous: false,
  };
}

async function findUser(ctx: AuthContext, where: 'id' | 'email', value: string): Promise<UserRow | undefined> {
  const column = where === 'id' ? 'id::text' : 'email';
  const result = await ctx.db.pg.query<UserRow>(`select * from auth.users where ${column} = $1`, [
    where === 'email' ? value.trim().toLowerCase() : value,
  ]);
  return result.rows[0];
}

async function issueSession(ctx: AuthContext, user: UserRow, sessionId: string): Promise<Reply> {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + ctx.tokenTtlSeconds;
  const refreshToken = randomBytes(18).toString('base64url');
  await ctx.db.pg.query('insert into auth.refresh_tokens (token, session_id) values ($1, $2)', [
    refreshToken,
    sessionId,
  ]);
  const accessToken = signJwt(
    {
      aud: 'authenticated',
      exp: expiresAt,
      iat: now,
      iss: ctx.issuer,
      sub: user.id,
      email: user.email,
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: user.raw_user_meta_data,
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: now }],
      session_id: sessionId,
      is_anonymous: false,
    },
    ctx.keys.secret,
  );
  return {
    status: 200,
    body: {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: ctx.tokenTtlSeconds,
      expires_at: expiresAt,
      refresh_token: refreshToken,
      user: publicUser(user),
    },
  };
}

/** `grant_type=password`: 400 invalid_credentials for an unknown e-mail or a wrong password (same timing). */
export async function passwordGrant(ctx: AuthContext, body: Record<string, unknown>): Promise<Reply> {
  const { email, password } = body;
  if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) {
    return authError(400, 'validation_failed', 'missing email or phone');
  }
  const user = await findUser(ctx, 'email', email);
  const valid = await verifyPassword(password, user?.encrypted_password ?? (await decoyHash));
  if (!user || !valid) return authError(400, 'invalid_credentials', 'Invalid login credentials');
  const session = await ctx.db.pg.query<{ id: string }>(
    'insert into auth.sessions (user_id) values ($1) returning id',
    [user.id],
  );
  await ctx.db.pg.query('update auth.users set last_sign_in_at = now() where id = $1', [user.id]);
  return issueSession(ctx, { ...user, last_sign_in_at: new Date() }, session.rows[0]?.id ?? '');
}

/** `grant_type=refresh_token`: single use; the session is kept. */
export async function refreshGrant(ctx: AuthContext, body: Record<string, unknown>): Promise<Reply> {
  if (typeof body.refresh_token !== 'string' || !body.refresh_token) {
    return authError(400, 'validation_failed', 'refresh_token required');
  }
  const found = await ctx.db.pg.query<{ session_id: string; revoked: boolean; user_id: string }>(
    `select r.session_id, r.revoked, s.user_id from auth.refresh_tokens r join auth.sessions s on s.id = r.session_id
      where r.token = $1`,
    [body.refresh_token],
  );
  const entry = found.rows[0];
  if (!entry) return authError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  if (entry.revoked) return authError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
  await ctx.db.pg.query('update auth.refresh_tokens set revoked = true where token = $1', [body.refresh_token]);
  const user = await findUser(ctx, 'id', entry.user_id);
  if (!user) return authError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  return issueSession(ctx, user, entry.session_id);
}

/** Resolves the bearer of a request to its user and live session, or a GoTrue error reply. */
type LiveSession = { user: UserRow; sessionId: string };

async function requireSession(ctx: AuthContext, authorization: string | undefined): Promise<LiveSession | Reply> {
  const token = bearerToken(authorization);
  if (!token) return authError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  const claims = readBearer(ctx.keys, token);
  if (typeof claims === 'string') {
    const why = claims === 'expired' ? 'token is expired' : 'unable to parse or verify signature';
    return authError(403, 'bad_jwt', `invalid JWT: ${why}`);
  }
  if (typeof claims.sub !== 'string' || typeof claims.session_id !== 'string') {
    return authError(403, 'bad_jwt', 'invalid claim: missing sub claim');
  }
  const session = await ctx.db.pg.query('select 1 from auth.sessions where id::text = $1 and user_id::text = $2', [
    claims.session_id,
    claims.sub,
  ]);
  if (session.rows.length === 0) {
    return authError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  const user = await findUser(ctx, 'id', claims.sub);
  if (!user) return authError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
  return { user, sessionId: claims.session_id };
}

/** `GET /auth/v1/user`. */
export async function currentUser(ctx: AuthContext, authorization: string | undefined): Promise<Reply> {
  const found = await requireSession(ctx, authorization);
  return 'status' in found ? found : { status: 200, body: publicUser(found.user) };
}

const LOGOUT_SCOPES = {
  global: 'delete from auth.sessions where user_id = $1',
  local: 'delete from auth.sessions where user_id = $1 and id = $2',
  others: 'delete from auth.sessions where user_id = $1 and id <> $2',
} as const;

/** `POST /auth/v1/logout?scope=global|local|others` (default global, as GoTrue): ends sessions, 204. */
export async function logout(
  ctx: AuthContext,
  authorization: string | undefined,
  scope: string | null,
): Promise<Reply> {
  const chosen = scope ?? 'global';
  if (!(chosen in LOGOUT_SCOPES)) return authError(400, 'validation_failed', `Unsupported logout scope "${chosen}"`);
  const found = await requireSession(ctx, authorization);
  if ('status' in found) return found;
  const sql = LOGOUT_SCOPES[chosen as keyof typeof LOGOUT_SCOPES];
  await ctx.db.pg.query(sql, chosen === 'global' ? [found.user.id] : [found.user.id, found.sessionId]);
  return { status: 204 };
}
