/**
 * The heartbeat (Better Stack / BetterUptime): pinged after every completed scheduled run, so a
 * dead scheduler is itself an alert. The `/fail` variant is pinged only while a P0 incident is open
 * and not silenced (alerting/pages.ts): a P1/P2 failure still fails the run and reaches Slack, but
 * never pages through the heartbeat. One request with a timeout; a failed ping is reported, never fatal.
 */

export const HEARTBEAT_TIMEOUT_MS = 10_000;

export interface HeartbeatResult {
  status: 'ok' | 'failed' | 'not-configured' | 'skipped';
  variant?: 'success' | 'fail';
  httpStatus?: number;
  error?: string;
}

/** The URL to ping: the heartbeat itself, or its `/fail` variant. */
export function heartbeatTarget(url: string, failed: boolean): string {
  if (!failed) return url;
  const parsed = new URL(url);
  parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/fail`;
  return parsed.toString();
}

/** Pings the heartbeat; resolves (never rejects) with what happened. */
export async function pingHeartbeat(
  url: string | undefined,
  failed: boolean,
  timeoutMs = HEARTBEAT_TIMEOUT_MS,
): Promise<HeartbeatResult> {
  if (!url) return { status: 'not-configured' };
  const variant = failed ? 'fail' : 'success';
  try {
    const response = await fetch(heartbeatTarget(url, failed), {
      method: 'GET',
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    });
    await response.body?.cancel();
    if (response.ok) return { status: 'ok', variant, httpStatus: response.status };
    return {
      status: 'failed',
      variant,
      httpStatus: response.status,
      error: `the heartbeat answered ${response.status}`,
    };
  } catch (error) {
    const err = error as Error & { cause?: { message?: string } };
    const why =
      err.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : [err.message, err.cause?.message].filter(Boolean).join(': ');
    return { status: 'failed', variant, error: `the heartbeat could not be pinged (${why})` };
  }
}
