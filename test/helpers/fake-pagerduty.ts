/**
 * A fake PagerDuty Events API v2 on 127.0.0.1, port 0: validates each event as the real endpoint
 * does (routing key, event_action, dedup_key, and for a trigger payload.summary/source/severity)
 * and answers 202 `{status:'success', message:'Event processed', dedup_key}`, or 400
 * `{status:'invalid event', message:'Event object is invalid', errors:[…]}`, or — when scripted —
 * 429, 500 or no answer at all.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PagerAnswer = 'accept' | 'reject' | 429 | 500 | 'hang';

export interface PagerEvent {
  routing_key?: string;
  event_action?: string;
  dedup_key?: string;
  payload?: { summary?: string; source?: string; severity?: string; custom_details?: Record<string, unknown> };
  links?: Array<{ href: string; text: string }>;
}

export interface FakePagerDuty {
  /** The enqueue URL, e.g. http://127.0.0.1:39123/v2/enqueue */
  url: string;
  /** Every request, with the status it got (0: no answer). */
  requests: Array<{ body: PagerEvent; status: number }>;
  /** Events answered 202: what PagerDuty would have acted on. */
  accepted(): PagerEvent[];
  script(...answers: PagerAnswer[]): void;
  close(): Promise<void>;
}

const SEVERITIES = ['critical', 'error', 'warning', 'info'];

/** The problems PagerDuty reports for an event (empty: valid). */
export function eventErrors(event: PagerEvent): string[] {
  const errors: string[] = [];
  if (!event.routing_key || event.routing_key.length !== 32)
    errors.push("'routing_key' must be a 32-character integration key");
  if (!['trigger', 'acknowledge', 'resolve'].includes(event.event_action ?? ''))
    errors.push("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)");
  if (event.event_action !== 'trigger' && !event.dedup_key)
    errors.push("'dedup_key' is missing and is required for resolve and acknowledge events");
  if ((event.dedup_key?.length ?? 0) > 255) errors.push("'dedup_key' is too long (max 255)");
  if (event.event_action === 'trigger') {
    if (!event.payload?.summary) errors.push("'payload.summary' is missing or blank");
    if ((event.payload?.summary?.length ?? 0) > 1024) errors.push("'payload.summary' is too long (max 1024)");
    if (!event.payload?.source) errors.push("'payload.source' is missing or blank");
    if (!SEVERITIES.includes(event.payload?.severity ?? ''))
      errors.push("'payload.severity' is invalid (must be one of: critical, error, warning, info)");
  }
  return errors;
}

/** Starts the fake Events API. */
export async function startFakePagerDuty(): Promise<FakePagerDuty> {
  const requests: FakePagerDuty['requests'] = [];
  const queue: PagerAnswer[] = [];
  const server = createServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    let body: PagerEvent = {};
    try {
      body = JSON.parse(text) as PagerEvent;
    } catch {
      body = {};
    }
    const answer = queue.shift() ?? 'accept';
    if (answer === 'hang') return void requests.push({ body, status: 0 });
    const errors = answer === 'reject' ? ['scripted rejection'] : eventErrors(body);
    const status = typeof answer === 'number' ? answer : errors.length ? 400 : 202;
    requests.push({ body, status });
    const json =
      status === 202
        ? { status: 'success', message: 'Event processed', dedup_key: body.dedup_key ?? 'generated-key' }
        : status === 400
          ? { status: 'invalid event', message: 'Event object is invalid', errors }
          : { status: 'error', message: status === 429 ? 'Rate limited' : 'Internal error' };
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2/enqueue`,
    requests,
    accepted: () => requests.filter((entry) => entry.status === 202).map((entry) => entry.body),
    script: (...answers) => queue.push(...answers),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
