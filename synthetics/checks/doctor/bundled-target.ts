/**
 * Without BASE_URL the doctor probes the bundled reference app, as `npm start` does: reused when
 * it already answers on its port, else started (like Playwright's webServer) and stopped after.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { childEnv } from '../../config/load.ts';

/** A reference app the doctor started (or reused: then `stop` does nothing). */
export interface BundledTarget {
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    (response) => response.ok,
    () => false,
  );
}

/** Reuses or starts the reference app behind `baseUrl`; throws when it does not come up in time. */
export async function startBundledTarget(baseUrl: string, timeoutMs = 30_000): Promise<BundledTarget> {
  const health = `${baseUrl}/api/health`;
  if (await answers(health)) return { stop: async () => undefined };
  const env = childEnv({ PORT: new URL(baseUrl).port }, ['REFERENCE_APP_FAULTS', 'REFERENCE_APP_FAULT']);
  const child = spawn(process.execPath, ['reference-app/server.ts'], { env, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await answers(health)) return { stop };
    await sleep(200);
  }
  await stop();
  throw new Error(`the bundled reference app did not answer ${health} within ${timeoutMs / 1000} s`);
}
