/**
 * The REST half of the Supabase origin, as PostgREST runs a request: the role from the bearer JWT
 * (401 PGRST303 when expired, PGRST301 when not ours), the origin's REST faults (rest-slow,
 * students-save-fails, rls-open), then one transaction as that role and PostgREST-shaped errors.
 */
import type { IncomingMessage } from 'node:http';
import { FAULT_DELAYS_MS } from '../faults.ts';
import { delay, HttpError, readJsonBody, type Reply } from '../http.ts';
import type { RequestRole } from './database.ts';
import { bearerToken, readBearer } from './keys.ts';
import type { OriginContext } from './origin.ts';
import { answerTable, singleObjectReply, type RestCall } from './postgrest.ts';
import { replyForRestError, restError } from './postgrest-errors.ts';
import { answerRpc } from './rpc.ts';

const EXPIRED: Reply = {
  ...restError(401, 'PGRST303', 'JWT expired'),
  headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="JWT expired"' },
};

/** The role PostgREST switches to: from the bearer JWT, or the apikey (anon) without one. */
function requestRole(ctx: OriginContext, req: IncomingMessage): RequestRole | Reply {
  const token = bearerToken(req.headers.authorization) ?? (req.headers.apikey as string);
  const claims = readBearer(ctx.keys, token);
  if (claims === 'expired') return EXPIRED;
  if (typeof claims === 'string') {
    const why = claims === 'bad_signature' ? 'JWSInvalidSignature' : '(CompactDecodeError Invalid number of parts)';
    return restError(401, 'PGRST301', `JWSError ${why}`);
  }
  if (claims.role !== 'anon' && claims.role !== 'authenticated') {
    return restError(401, '22023', `role "${String(claims.role)}" does not exist`);
  }
  return { role: claims.role, claims };
}

const isStudentSave = (path: string, method: string): boolean =>
  path === 'students' && (method === 'POST' || method === 'PATCH');

/** One `/rest/v1/…` request: role, faults, one transaction, PostgREST-shaped errors. */
export async function answerRest(ctx: OriginContext, req: IncomingMessage, url: URL): Promise<Reply> {
  // api-slow meant "the app's data calls are slow": since the SPA reads through Supabase, that is this path too.
  if (ctx.faults.isOn('rest-slow') || ctx.faults.isOn('api-slow')) await delay(FAULT_DELAYS_MS['rest-slow']);
  const who = requestRole(ctx, req);
  if ('status' in who) return who;
  const path = url.pathname.slice('/rest/v1/'.length);
  const method = req.method ?? 'GET';
  const rpc = /^rpc\/([^/]+)$/.exec(path)?.[1];
  if (ctx.faults.isOn('students-save-fails') && isStudentSave(path, method)) {
    return restError(500, 'XX000', 'could not write to relation "students" (fault students-save-fails)');
  }
  await ctx.db.setRowLevelSecurity(ctx.faults.isOn('rls-open'));
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readJsonBody(req);
  const faults = ctx.faults.enabledNames();
  if (rpc && method !== 'POST') return restError(405, 'PGRST101', 'Only POST calls of functions are implemented here');
  const call: RestCall = {
    method,
    table: path,
    search: url.searchParams,
    body,
    prefer: String(req.headers.prefer ?? ''),
    accept: String(req.headers.accept ?? ''),
  };
  try {
    return await ctx.db.asRole(who, faults, (tx) =>
      rpc ? answerRpc(tx, rpc, body) : answerTable(tx, call, ctx.schema),
    );
  } catch (error) {
    const single = singleObjectReply(error);
    if (single) return single;
    if (error instanceof HttpError) return restError(error.status, error.code, error.message);
    const { reply, unexpected } = replyForRestError(error, who.role === 'authenticated');
    if (unexpected) console.error(`supabase origin: ${method} ${url.pathname} failed:`, error);
    return reply;
  }
}
