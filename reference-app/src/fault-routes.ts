/**
 * `/__faults`, the switchboard's HTTP face. Registered only in test mode: otherwise the path is an
 * unknown route like any other (404), so production-like runs cannot be broken from outside.
 */
import { FAULT_NAMES, isFaultName, type FaultSwitchboard } from './faults.ts';
import { requireObject, type Reply } from './http.ts';
import { route, type RequestContext, type Route } from './router.ts';

function listReply(faults: FaultSwitchboard): Reply {
  return { status: 200, body: { faults: faults.list() } };
}

const UNSUPPORTED_MEDIA_TYPE: Reply = {
  status: 415,
  body: {
    error: { code: 'unsupported_media_type', message: 'POST /__faults accepts only Content-Type: application/json.' },
  },
};

/** A cross-site form (urlencoded, multipart, text/plain) cannot send application/json without a preflight. */
function isJsonRequest(ctx: RequestContext): boolean {
  const type = ctx.req.headers['content-type'] ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

async function toggleFault(faults: FaultSwitchboard, ctx: RequestContext): Promise<Reply> {
  if (!isJsonRequest(ctx)) return UNSUPPORTED_MEDIA_TYPE;
  const body = requireObject(await ctx.body());
  if (!isFaultName(body.fault) || typeof body.enabled !== 'boolean') {
    return {
      status: 400,
      body: {
        error: {
          code: 'invalid_fault',
          message: `Expected {"fault": <name>, "enabled": true|false} with a name among: ${FAULT_NAMES.join(', ')}.`,
          valid_faults: FAULT_NAMES,
        },
      },
    };
  }
  faults.set(body.fault, body.enabled);
  return listReply(faults);
}

/** `GET /__faults`, `POST /__faults`, and `GET /__faults/throw` (a handler that throws, to prove isolation). */
export function faultRoutes(faults: FaultSwitchboard): Route[] {
  return [
    route('GET', '/__faults', () => listReply(faults)),
    route('POST', '/__faults', (ctx) => toggleFault(faults, ctx)),
    route('GET', '/__faults/throw', () => {
      throw new Error('deliberate failure from GET /__faults/throw');
    }),
  ];
}
