/**
 * Local stand-ins for the telemetry vendors production talks to: the SPA sends the same beacons
 * (same URL shapes and bodies) to its own origin — a Sentry envelope endpoint behind the DSN path
 * `/sentry`, GA4's `/g/collect`, Vercel Web Analytics' `/_vercel/insights/*` and Speed Insights'
 * `/_vercel/speed-insights/vitals` — and nothing ever leaves the machine. Each answer is counted;
 * in test mode `GET /__beacons` tells how many arrived (a suite run answers them in the browser: 0).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendReply, type Reply } from './http.ts';
import { route, type Route } from './router.ts';

const STAND_INS = [
  { name: 'sentry', path: /^\/sentry\/api\/\d+\/envelope\/?$/, reply: { status: 200, body: {} } },
  { name: 'ga4', path: /^\/g\/collect$/, reply: { status: 204 } },
  { name: 'vercel-analytics', path: /^\/_vercel\/insights\/(?:view|event)$/, reply: { status: 200, body: {} } },
  { name: 'speed-insights', path: /^\/_vercel\/speed-insights\/vitals$/, reply: { status: 200, body: {} } },
] as const satisfies ReadonlyArray<{ name: string; path: RegExp; reply: Reply }>;

export type BeaconName = (typeof STAND_INS)[number]['name'];

/** How many beacons of each kind the stand-ins answered since the start. */
export class BeaconLog {
  readonly #received = new Map<BeaconName, number>(STAND_INS.map(({ name }) => [name, 0]));

  count(name: BeaconName): void {
    this.#received.set(name, (this.#received.get(name) ?? 0) + 1);
  }

  received(): Record<BeaconName, number> {
    return Object.fromEntries(this.#received) as Record<BeaconName, number>;
  }
}

/** True when `pathname` is a stand-in endpoint (the caller then lets `answerBeacon` reply). */
export function isBeaconPath(pathname: string): boolean {
  return STAND_INS.some((standIn) => standIn.path.test(pathname));
}

/** Answers a beacon as the vendor would (POST; GA4 also takes GET), after reading and dropping its body. */
export async function answerBeacon(
  log: BeaconLog,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const standIn = STAND_INS.find((candidate) => candidate.path.test(pathname));
  const allowed = standIn?.name === 'ga4' ? ['POST', 'GET'] : ['POST'];
  if (!standIn || !allowed.includes(req.method ?? '')) {
    sendReply(res, { status: 405, headers: { allow: allowed.join(', ') } });
    return;
  }
  for await (const _chunk of req); // drained, never stored
  log.count(standIn.name);
  sendReply(res, standIn.reply);
}

/** `GET /__beacons` (test mode only): `{"received": {"sentry": 0, …}}`. */
export function beaconRoutes(log: BeaconLog): Route[] {
  return [route('GET', '/__beacons', () => ({ status: 200, body: { received: log.received() } }))];
}
