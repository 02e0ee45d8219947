/**
 * HTTP plumbing shared by both origins: the JSON error shape, body parsing with a size limit, and
 * writing replies. Handlers return a `Reply` value (or throw an `HttpError`); only this module writes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest accepted request body; larger ones get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** What a handler answers: plain data, written by `sendReply`. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An error a client caused (or may retry); on the app origin it becomes `{"error":{"code","message"}}`. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, options: { headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = options.headers ?? {};
  }
}

/** The JSON body of an error reply of the app origin. */
export function errorBody(code: string, message: string): { error: Record<string, unknown> } {
  return { error: { code, message } };
}

/** Turns an HttpError into a reply. */
export function replyForError(error: HttpError): Reply {
  return { status: error.status, body: errorBody(error.code, error.message), headers: error.headers };
}

function parseJson(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', "Le corps de la requête n'est pas du JSON valide.");
  }
}

/**
 * Reads and parses a JSON body whatever its Content-Type (clients often forget it).
 * Empty body → `undefined`; malformed JSON → 400. Past MAX_BODY_BYTES → 413, answered once the client
 * has sent everything (the rest is drained, not buffered), so that it can always read the answer.
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        reject(
          new HttpError(
            413,
            'payload_too_large',
            `Corps de requête trop volumineux (maximum ${MAX_BODY_BYTES / 1024} Ko).`,
          ),
        );
        return;
      }
      try {
        resolve(parseJson(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

/** Narrows a parsed body to a JSON object, or answers 400. */
export function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_body', 'Le corps de la requête doit être un objet JSON.');
  }
  return body as Record<string, unknown>;
}

/** Writes a reply as JSON (or nothing for 204). JSON answers are never cached. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
    ...headers,
  });
  res.end(payload);
}

/** Resolves after `ms`; used by the slow faults. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
