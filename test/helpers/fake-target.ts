/**
 * A misbehaving target on loopback for the reliability matrix: one server whose behaviour is
 * switched per case — 5xx everywhere, a blank 200, a response that never comes, or one that comes
 * too late. Hanging responses are ended when the server closes (nothing outlives a test).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TargetMode = 'error-500' | 'blank-200' | 'hang' | { slowMs: number };

export interface FakeTarget {
  url: string;
  mode: TargetMode;
  hits: number;
  close(): Promise<void>;
}

/** Starts the fake target in `mode` (changeable through the returned object). */
export async function startFakeTarget(mode: TargetMode): Promise<FakeTarget> {
  const open = new Set<ServerResponse>();
  const target = { mode, hits: 0 } as FakeTarget;
  const server = createServer((_request, response) => {
    target.hits += 1;
    open.add(response);
    response.on('close', () => open.delete(response));
    const current = target.mode;
    if (current === 'hang') return;
    if (current === 'error-500')
      return void response.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    if (current === 'blank-200') return void response.writeHead(200, { 'content-type': 'text/html' }).end('');
    setTimeout(
      () => response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>late</h1>'),
      current.slowMs,
    ).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  target.close = async () => {
    for (const response of open) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return target;
}
