/**
 * What every API module needs (database, fault switchboard, sessions) and the helper that puts an
 * `/api` route behind authentication, so no handler can forget the check.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { AuthService, SessionUser } from './auth.ts';
import { requireUser } from './auth-routes.ts';
import type { FaultSwitchboard } from './faults.ts';
import type { Reply } from './http.ts';
import { route, type RequestContext, type Route } from './router.ts';

/** The shared services the route modules are built from. */
export interface Services {
  db: DatabaseSync;
  faults: FaultSwitchboard;
  auth: AuthService;
}

/** A handler that runs only for a signed-in user, scoped to that user's tenant. */
export type AuthedHandler = (ctx: RequestContext, user: SessionUser) => Reply | Promise<Reply>;

/** Declares an `/api` route that answers 401 without a valid Bearer token. */
export function apiRoute(services: Services, method: string, pattern: string, handler: AuthedHandler): Route {
  return route(method, pattern, (ctx) => handler(ctx, requireUser(services.auth, ctx)));
}
