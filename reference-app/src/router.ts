/**
 * A tiny route table for the app origin's JSON routes (`/api/health`, the switchboard): exact paths, and
 * 404/405 told apart so that a wrong method gets an `Allow` header instead of a misleading "not found".
 */
import type { IncomingMessage } from 'node:http';
import { HttpError, readJsonBody, type Reply } from './http.ts';

/** What a handler gets to see of one request. */
export interface RequestContext {
  req: IncomingMessage;
  method: string;
  url: URL;
  /** The parsed JSON body (read once, on demand). */
  body(): Promise<unknown>;
}

/** A request handler: returns plain data, throws HttpError for client errors. */
export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

/** One entry of the route table. */
export interface Route {
  method: string;
  path: string;
  handler: Handler;
}

/** Declares a route for one method and one exact path. */
export function route(method: string, path: string, handler: Handler): Route {
  return { method, path, handler };
}

/** Finds the handler of a request (HEAD runs the GET handler), or throws 404 / 405 with the allowed methods. */
export function resolveRoute(routes: readonly Route[], requestMethod: string, path: string): Handler {
  const method = requestMethod === 'HEAD' ? 'GET' : requestMethod;
  const matching = routes.filter((candidate) => candidate.path === path);
  const found = matching.find((candidate) => candidate.method === method);
  if (found) return found.handler;
  if (matching.length === 0) throw new HttpError(404, 'not_found', `Aucune ressource à l'adresse ${path}.`);
  const list = [...new Set(matching.map((candidate) => candidate.method))].join(', ');
  throw new HttpError(
    405,
    'method_not_allowed',
    `Méthode ${requestMethod} non autorisée pour ${path} (acceptées : ${list}).`,
    { headers: { allow: list } },
  );
}

/** Builds the context a handler receives; the body is parsed lazily and only once. */
export function createContext(req: IncomingMessage, url: URL): RequestContext {
  let parsed: Promise<unknown> | undefined;
  return {
    req,
    method: req.method ?? 'GET',
    url,
    body: () => (parsed ??= readJsonBody(req)),
  };
}
