/**
 * The `/auth/v1` endpoints, shaped like Supabase Auth (GoTrue) so the SPA and the suite talk to the
 * reference app exactly as they talk to production; plus `requireUser`, the gate of every `/api` route.
 */
import { publicUser, type AuthProblem, type AuthService, type SessionUser } from './auth.ts';
import type { FaultSwitchboard } from './faults.ts';
import { HttpError, requireObject, type Reply } from './http.ts';
import { route, type RequestContext, type Route } from './router.ts';

const PROBLEM_MESSAGES: Record<AuthProblem, string> = {
  missing: 'Authentification requise : envoyez un jeton « Authorization: Bearer ».',
  malformed: "Jeton d'accès illisible.",
  bad_signature: "Jeton d'accès invalide.",
  expired: 'Session expirée : reconnectez-vous.',
  revoked: 'Session terminée : reconnectez-vous.',
  unknown_user: 'Utilisateur inconnu.',
};

/** GoTrue-style error body: `{"error","error_description"}`. */
function oauthError(status: number, error: string, description: string): Reply {
  return { status, body: { error, error_description: description } };
}

/** The signed-in user of an `/api` request, or a 401 `{"error":{"code":"unauthorized",…}}`. */
export function requireUser(auth: AuthService, ctx: RequestContext): SessionUser {
  const result = auth.authenticate(ctx.req.headers.authorization);
  if (typeof result !== 'string') return result;
  throw new HttpError(401, 'unauthorized', PROBLEM_MESSAGES[result], {
    headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${result}"` },
  });
}

async function readCredentials(ctx: RequestContext): Promise<{ body: Record<string, unknown> } | { reply: Reply }> {
  try {
    return { body: requireObject(await ctx.body()) };
  } catch (error) {
    if (!(error instanceof HttpError) || error.status === 413) throw error;
    return { reply: oauthError(400, 'invalid_request', error.message) };
  }
}

async function passwordGrant(auth: AuthService, body: Record<string, unknown>): Promise<Reply> {
  const { email, password } = body;
  if (typeof email !== 'string' || !email.trim() || typeof password !== 'string' || !password) {
    return oauthError(400, 'invalid_request', 'Missing email or password');
  }
  const session = await auth.signInWithPassword(email, password);
  return session ? { status: 200, body: session } : oauthError(400, 'invalid_grant', 'Invalid login credentials');
}

function refreshGrant(auth: AuthService, body: Record<string, unknown>): Reply {
  const token = body.refresh_token;
  if (typeof token !== 'string' || !token) return oauthError(400, 'invalid_request', 'Missing refresh_token');
  const session = auth.refresh(token);
  return session ? { status: 200, body: session } : oauthError(400, 'invalid_grant', 'Invalid Refresh Token');
}

async function issueToken(ctx: RequestContext, auth: AuthService, faults: FaultSwitchboard): Promise<Reply> {
  if (faults.isOn('login-broken')) return oauthError(500, 'server_error', 'Internal server error');
  const grantType = ctx.url.searchParams.get('grant_type');
  if (grantType !== 'password' && grantType !== 'refresh_token') {
    return oauthError(400, 'unsupported_grant_type', 'grant_type must be "password" or "refresh_token"');
  }
  const read = await readCredentials(ctx);
  if ('reply' in read) return read.reply;
  return grantType === 'password' ? passwordGrant(auth, read.body) : refreshGrant(auth, read.body);
}

function withSession(auth: AuthService, ctx: RequestContext, then: (user: SessionUser) => Reply): Reply {
  const result = auth.authenticate(ctx.req.headers.authorization);
  return typeof result === 'string' ? oauthError(401, 'invalid_token', PROBLEM_MESSAGES[result]) : then(result);
}

/** `POST /auth/v1/token`, `GET /auth/v1/user`, `POST /auth/v1/logout`. */
export function authRoutes(auth: AuthService, faults: FaultSwitchboard): Route[] {
  return [
    route('POST', '/auth/v1/token', (ctx) => issueToken(ctx, auth, faults)),
    route('GET', '/auth/v1/user', (ctx) => withSession(auth, ctx, (user) => ({ status: 200, body: publicUser(user) }))),
    route('POST', '/auth/v1/logout', (ctx) =>
      withSession(auth, ctx, (user) => {
        auth.revoke(user.sessionId);
        return { status: 204 };
      }),
    ),
  ];
}
