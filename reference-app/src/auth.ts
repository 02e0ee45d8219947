/**
 * Sessions the way Supabase Auth hands them out: a password grant returns a short-lived HS256 access
 * token plus a refresh token; logout revokes the session so its token stops working at once.
 * The signing secret is new at every start, so tokens never outlive the process.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { int, text, type Row } from './db.ts';
import { signJwt, verifyJwt, type TokenProblem } from './jwt.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** The signed-in user behind a request. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  tenantId: number;
  sessionId: string;
}

/** The body of a successful `POST /auth/v1/token` (same shape as supabase-js's session). */
export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: PublicUser;
}

/** The user as `/auth/v1` shows it. */
export interface PublicUser {
  id: string;
  email: string;
  user_metadata: { display_name: string };
}

/** Why a request is not authenticated. */
export type AuthProblem = TokenProblem | 'missing' | 'revoked' | 'unknown_user';

/** Issues, checks and revokes sessions for the users table. */
export class AuthService {
  readonly #db: DatabaseSync;
  readonly #ttlSeconds: number;
  readonly #secret = randomBytes(32);
  readonly #revokedSessions = new Set<string>();
  readonly #refreshTokens = new Map<string, { userId: string; sessionId: string }>();
  readonly #decoyHash = hashPassword(randomUUID());

  constructor(db: DatabaseSync, ttlSeconds: number) {
    this.#db = db;
    this.#ttlSeconds = ttlSeconds;
  }

  /** Password grant; null for an unknown e-mail or a wrong password (same timing for both). */
  async signInWithPassword(email: string, password: string): Promise<TokenResponse | null> {
    const row = this.#db.prepare('SELECT * FROM users WHERE email = ?').get(email.trim());
    const valid = await verifyPassword(password, row ? text(row, 'password_hash') : await this.#decoyHash);
    return row && valid ? this.#issue(toSessionUser(row, randomUUID())) : null;
  }

  /** Refresh-token grant: rotates the refresh token and keeps the session. */
  refresh(refreshToken: string): TokenResponse | null {
    const entry = this.#refreshTokens.get(refreshToken);
    if (!entry || this.#revokedSessions.has(entry.sessionId)) return null;
    this.#refreshTokens.delete(refreshToken);
    const row = this.#db.prepare('SELECT * FROM users WHERE id = ?').get(entry.userId);
    return row ? this.#issue(toSessionUser(row, entry.sessionId)) : null;
  }

  /** Resolves an `Authorization` header to its user, or says why it cannot. */
  authenticate(authorization: string | undefined): SessionUser | AuthProblem {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) return 'missing';
    const claims = verifyJwt(match[1], this.#secret);
    if (typeof claims === 'string') return claims;
    if (this.#revokedSessions.has(claims.session_id)) return 'revoked';
    const row = this.#db.prepare('SELECT * FROM users WHERE id = ?').get(claims.sub);
    return row ? toSessionUser(row, claims.session_id) : 'unknown_user';
  }

  /** Ends a session: its access and refresh tokens stop working. */
  revoke(sessionId: string): void {
    this.#revokedSessions.add(sessionId);
    for (const [token, entry] of this.#refreshTokens) {
      if (entry.sessionId === sessionId) this.#refreshTokens.delete(token);
    }
  }

  #issue(user: SessionUser): TokenResponse {
    const now = Math.ceil(Date.now() / 1000);
    const expiresAt = now + this.#ttlSeconds;
    const accessToken = signJwt(
      {
        sub: user.id,
        email: user.email,
        session_id: user.sessionId,
        role: 'authenticated',
        aud: 'authenticated',
        iat: now,
        exp: expiresAt,
      },
      this.#secret,
    );
    const refreshToken = randomBytes(24).toString('base64url');
    this.#refreshTokens.set(refreshToken, { userId: user.id, sessionId: user.sessionId });
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.#ttlSeconds,
      expires_at: expiresAt,
      refresh_token: refreshToken,
      user: publicUser(user),
    };
  }
}

function toSessionUser(row: Row, sessionId: string): SessionUser {
  return {
    id: text(row, 'id'),
    email: text(row, 'email'),
    displayName: text(row, 'display_name'),
    tenantId: int(row, 'tenant_id'),
    sessionId,
  };
}

/** The user as the API shows it (no tenant, no session). */
export function publicUser(user: SessionUser): PublicUser {
  return { id: user.id, email: user.email, user_metadata: { display_name: user.displayName } };
}
