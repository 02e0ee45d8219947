/**
 * The Supabase-compatible origin: its own HTTP server (own port) in front of the Auth subset
 * (`/auth/v1`) and the PostgREST subset (`/rest/v1`), with an API gateway's duties as Supabase's
 * answers show them: the `apikey` is required (401 otherwise), CORS for any origin, and the faults
 * that belong to this origin (supabase-down, rest-slow, login-broken, token-refresh-broken,
 * students-save-fails, rls-open; the SQL-side ones reach Postgres through `fault_on()`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FaultSwitchboard } from '../faults.ts';
import { HttpError, readJsonBody, sendReply, type Reply } from '../http.ts';
import type { SupabaseDatabase } from './database.ts';
import { authError, currentUser, logout, passwordGrant, refreshGrant, type AuthContext } from './gotrue.ts';
import { readBearer, type ProjectKeys } from './keys.ts';
import { restError } from './postgrest-errors.ts';
import type { SchemaCache } from './postgrest-select.ts';
import { answerRest } from './rest-gateway.ts';

/** Everything the origin serves from. */
export interface OriginContext extends AuthContext {
  faults: FaultSwitchboard;
  schema: SchemaCache;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Content-Range, Content-Location, Preference-Applied, X-Supabase-Api-Version',
};

function preflight(req: IncomingMessage): Reply {
  return {
    status: 200,
    headers: {
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers':
        req.headers['access-control-request-headers'] ??
        'authorization, x-client-info, apikey, content-type, prefer, accept-profile, content-profile, range',
      'access-control-max-age': '3600',
    },
  };
}

/** The API gateway's own refusals (Kong in front of a Supabase project): `{message, hint}`, 401. */
function gatewayError(message: string, hint: string): Reply {
  return { status: 401, body: { message, hint } };
}

function checkApiKey(ctx: OriginContext, req: IncomingMessage, url: URL): Reply | undefined {
  const key = (req.headers.apikey as string | undefined) ?? url.searchParams.get('apikey') ?? undefined;
  if (!key) return gatewayError('No API key found in request', 'No `apikey` request header or url param was found.');
  const claims = readBearer(ctx.keys, key);
  if (typeof claims === 'string' || (claims.role !== 'anon' && claims.role !== 'authenticated')) {
    return gatewayError('Invalid API key', 'Double check your Supabase `anon` or `service_role` API key.');
  }
  return undefined;
}

async function jsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req);
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

async function answerAuth(ctx: OriginContext, req: IncomingMessage, url: URL): Promise<Reply> {
  const path = url.pathname.slice('/auth/v1'.length);
  if (path === '/health' && req.method === 'GET') {
    return { status: 200, body: { name: 'GoTrue', version: 'reference' } };
  }
  if (path === '/token' && req.method === 'POST') {
    const grant = url.searchParams.get('grant_type');
    if (grant === 'password') {
      if (ctx.faults.isOn('login-broken')) return authError(500, 'unexpected_failure', 'Internal Server Error');
      return passwordGrant(ctx, await jsonObject(req));
    }
    if (grant === 'refresh_token') {
      if (ctx.faults.isOn('token-refresh-broken')) return authError(500, 'unexpected_failure', 'Internal Server Error');
      return refreshGrant(ctx, await jsonObject(req));
    }
    return authError(400, 'validation_failed', 'unsupported_grant_type');
  }
  if (path === '/user' && req.method === 'GET') return currentUser(ctx, req.headers.authorization);
  if (path === '/logout' && req.method === 'POST') {
    return logout(ctx, req.headers.authorization, url.searchParams.get('scope'));
  }
  return authError(404, 'not_found', `${req.method} ${url.pathname} is not implemented by the reference app`);
}

async function answer(ctx: OriginContext, req: IncomingMessage): Promise<Reply> {
  const url = new URL(`http://supabase${req.url ?? '/'}`);
  if (req.method === 'OPTIONS') return preflight(req);
  const service = /^\/(auth|rest)\/v1(?:\/|$)/.exec(url.pathname)?.[1];
  if (!service) return { status: 404, body: { message: 'no Route matched with those values' } };
  if (ctx.faults.isOn('supabase-down')) {
    return { status: 503, body: { message: 'Service Unavailable (fault supabase-down)' } };
  }
  const refused = checkApiKey(ctx, req, url);
  if (refused) return refused;
  return service === 'auth' ? answerAuth(ctx, req, url) : answerRest(ctx, req, url);
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const withCors = { ...reply, headers: { ...CORS, ...reply.headers } };
  if (req.method === 'HEAD') withCors.body = undefined;
  sendReply(res, withCors);
}

/** Creates the origin's HTTP server (not yet listening). */
export function createSupabaseOrigin(ctx: OriginContext): Server {
  return createServer((req, res) => {
    answer(ctx, req)
      .then((reply) => send(req, res, reply))
      .catch((error: unknown) => {
        if (error instanceof HttpError) {
          send(req, res, restError(error.status, error.status === 413 ? 'PGRST413' : 'PGRST102', error.message));
          return;
        }
        console.error(`supabase origin: ${req.method} ${req.url} failed:`, error);
        send(req, res, restError(500, 'XX000', 'Internal server error'));
      });
  });
}

/** Reads the tables and single-column foreign keys of `public`, as PostgREST's schema cache would. */
export async function loadSchemaCache(db: SupabaseDatabase): Promise<SchemaCache> {
  const tables = await db.pg.query<{ name: string }>(
    `select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'v')`,
  );
  const keys = await db.pg.query<{ fromTable: string; fromColumn: string; toTable: string; toColumn: string }>(`
    select src.relname as "fromTable", a.attname as "fromColumn", dst.relname as "toTable", b.attname as "toColumn"
      from pg_constraint c
      join pg_class src on src.oid = c.conrelid join pg_class dst on dst.oid = c.confrelid
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_attribute b on b.attrelid = c.confrelid and b.attnum = c.confkey[1]
     where c.contype = 'f' and c.connamespace = 'public'::regnamespace and cardinality(c.conkey) = 1
       and dst.relnamespace = 'public'::regnamespace`);
  return { tables: new Set(tables.rows.map((row) => row.name)), foreignKeys: keys.rows };
}
