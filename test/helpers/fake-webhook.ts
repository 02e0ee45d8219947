/**
 * A fake Slack incoming webhook (and heartbeat endpoint) on 127.0.0.1, port 0: records every
 * request, and answers as scripted — 200 `ok` (or another body, or late), 429 with Retry-After, 500,
 * or never (hang).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `body`: what a 200 says instead of `ok`; `delayMs`: how long it takes to answer. */
export type Answer =
  | { status: 200; body?: string; delayMs?: number }
  | { status: 429; retryAfter: string }
  | { status: 500 }
  | { status: 404 }
  | 'hang';

export interface RecordedRequest {
  method: string;
  path: string;
  /** Parsed JSON body, when there is one. */
  body: unknown;
  answer: Answer;
}

export interface FakeWebhook {
  /** Base URL, e.g. http://127.0.0.1:39123 */
  origin: string;
  /** Every request, whatever the answer. */
  requests: RecordedRequest[];
  /** Requests answered 200: what Slack would have shown. */
  accepted(pathPrefix?: string): RecordedRequest[];
  /** Answers for the next requests, in order; then `fallback`. */
  script(...answers: Answer[]): void;
  /** The answer once the script is used up (default 200). */
  fallback(answer: Answer): void;
  close(): Promise<void>;
}

function send(response: ServerResponse, answer: Answer): void {
  if (answer === 'hang') return;
  const headers: Record<string, string> = { 'content-type': 'text/plain' };
  if (answer.status === 429) headers['retry-after'] = answer.retryAfter;
  if (answer.status === 200 && answer.delayMs) {
    setTimeout(() => send(response, { status: 200, ...(answer.body ? { body: answer.body } : {}) }), answer.delayMs);
    return;
  }
  const body =
    answer.status === 200
      ? (answer.body ?? 'ok')
      : answer.status === 429
        ? 'rate_limited'
        : answer.status === 404
          ? 'no_service'
          : 'internal_error';
  response.writeHead(answer.status, headers).end(body);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** Starts a fake webhook server. */
export async function startFakeWebhook(): Promise<FakeWebhook> {
  const requests: RecordedRequest[] = [];
  const queue: Answer[] = [];
  let otherwise: Answer = { status: 200 };
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const answer = queue.shift() ?? otherwise;
    requests.push({ method: request.method ?? '', path: request.url ?? '', body, answer });
    send(response, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    accepted: (prefix = '') =>
      requests.filter(
        (request) => request.answer !== 'hang' && request.answer.status === 200 && request.path.startsWith(prefix),
      ),
    script: (...answers) => queue.push(...answers),
    fallback: (answer) => {
      otherwise = answer;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The texts of a Block Kit payload (header, sections, fields, context), joined. */
export function payloadText(body: unknown): string {
  const payload = body as {
    text?: string;
    blocks?: Array<{ text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<{ text: string }> }>;
  };
  return [
    payload.text ?? '',
    ...(payload.blocks ?? []).flatMap((block) => [
      block.text?.text ?? '',
      ...(block.fields ?? []).map((field) => field.text),
      ...(block.elements ?? []).map((element) => element.text),
    ]),
  ].join('\n');
}
