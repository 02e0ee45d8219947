/**
 * A tiny route table: `METHOD /path/:id` patterns, numeric ids, and 404/405 told apart so that a wrong
 * method gets an `Allow` header instead of a misleading "not found".
 */
import type { IncomingMessage } from 'node:http';
import { HttpError, readJsonBody, type Reply } from './http.ts';

/** What a handler gets to see of one request. */
export interface RequestContext {
  req: IncomingMessage;
  method: string;
  url: URL;
  params: Record<string, string>;
  /** The parsed JSON body (read once, on demand). */
  body(): Promise<unknown>;
}

/** A request handler: returns plain data, throws HttpError for client errors. */
export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

/** One entry of the route table. */
export interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** Declares a route; `:name` segments match a positive integer id. */
export function route(method: string, pattern: string, handler: Handler): Route {
  return { method, segments: splitPath(pattern), handler };
}

function splitPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const value = actual[index] ?? '';
    if (part.startsWith(':')) {
      if (!/^[1-9]\d{0,15}$/.test(value)) return null;
      params[part.slice(1)] = value;
    } else if (part !== value) {
      return null;
    }
  }
  return params;
}

/** Finds the handler of a request (HEAD runs the GET handler), or throws 404 / 405 with the allowed methods. */
export function resolveRoute(
  routes: readonly Route[],
  requestMethod: string,
  path: string,
): { handler: Handler; params: Record<string, string> } {
  const method = requestMethod === 'HEAD' ? 'GET' : requestMethod;
  const actual = splitPath(path);
  const allowed: string[] = [];
  for (const candidate of routes) {
    const params = matchSegments(candidate.segments, actual);
    if (!params) continue;
    if (candidate.method === method) return { handler: candidate.handler, params };
    allowed.push(candidate.method);
  }
  if (allowed.length === 0) throw new HttpError(404, 'not_found', `Aucune ressource à l'adresse ${path}.`);
  const list = [...new Set(allowed)].join(', ');
  throw new HttpError(
    405,
    'method_not_allowed',
    `Méthode ${requestMethod} non autorisée pour ${path} (acceptées : ${list}).`,
    {
      headers: { allow: list },
    },
  );
}

/** Builds the context a handler receives; the body is parsed lazily and only once. */
export function createContext(req: IncomingMessage, url: URL, params: Record<string, string>): RequestContext {
  let parsed: Promise<unknown> | undefined;
  return {
    req,
    method: req.method ?? 'GET',
    url,
    params,
    body: () => (parsed ??= readJsonBody(req)),
  };
}

/** Reads a numeric path parameter that the route pattern already checked. */
export function idParam(ctx: RequestContext, name = 'id'): number {
  return Number(ctx.params[name]);
}
