/**
 * From the beacons the journeys' pages sent to `telemetry:<name>` checks: every beacon of the target
 * profile must have been seen, with each of its event names, from each of its pages the journeys
 * visited. Judged only when journeys passed (a run that never got past the login has other red
 * checks; a silent tracker would be noise). Pure: the profile and the observations in, checks out.
 */
import { checkId } from '../model/check-ids.ts';
import type { TelemetryObservation, VisitObservation } from '../model/observations.ts';
import type { CheckResult } from '../model/run-result.ts';
import type { TelemetryBeacon, TelemetryProfile } from '../target/profile.ts';

/** What is missing of one beacon: nothing at all, some event names, or some visited pages. */
export interface TelemetryGap {
  seen: number;
  missingEvents: string[];
  missingPages: string[];
}

/** The gap between what `beacon` requires and what was seen (`visited`: page paths the journeys opened). */
export function telemetryGap(
  beacon: TelemetryBeacon,
  observations: readonly TelemetryObservation[],
  visited: ReadonlySet<string>,
): TelemetryGap {
  const seen = observations.filter((observation) => observation.beacon === beacon.name);
  const events = beacon.events ?? [];
  const complete = (observation: TelemetryObservation) => events.every((name) => observation.events.includes(name));
  return {
    seen: seen.length,
    missingEvents: events.filter((name) => !seen.some((observation) => observation.events.includes(name))),
    missingPages: (beacon.pages ?? []).filter(
      (page) => visited.has(page) && !seen.some((observation) => observation.page === page && complete(observation)),
    ),
  };
}

function describeGap(beacon: TelemetryBeacon, gap: TelemetryGap, journeys: number): string | undefined {
  if (gap.seen === 0)
    return `no ${beacon.title} seen in ${journeys} passing journey(s): no request matched ${beacon.url}`;
  const problems = [
    ...(gap.missingEvents.length ? [`no event ${gap.missingEvents.join(', ')} in ${gap.seen} beacon(s)`] : []),
    ...(gap.missingPages.length ? [`not sent from ${gap.missingPages.join(', ')} (visited by the journeys)`] : []),
  ];
  return problems.length ? `${beacon.title}: ${problems.join('; ')}` : undefined;
}

/** One `telemetry:<name>` check per beacon of the profile; none when no watched journey passed. */
export function evaluateTelemetry(
  profile: TelemetryProfile,
  observations: readonly TelemetryObservation[],
  visits: readonly VisitObservation[],
  watchedJourneysPassed: number,
): CheckResult[] {
  if (watchedJourneysPassed === 0) return [];
  const visited = new Set(visits.map((visit) => visit.path));
  return profile.beacons.map((beacon) => {
    const gap = telemetryGap(beacon, observations, visited);
    const error = describeGap(beacon, gap, watchedJourneysPassed);
    return {
      id: checkId.telemetry(beacon.name),
      kind: 'telemetry' as const,
      title: `${beacon.title} (answered locally, never forwarded)`,
      status: error ? ('failed' as const) : ('passed' as const),
      durationMs: 0,
      attempts: 1,
      ...(error ? { error } : {}),
      metrics: { beacons: gap.seen },
    };
  });
}
