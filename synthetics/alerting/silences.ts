/**
 * Silences and maintenance windows: while one covers an incident, its messages (Slack, page) are
 * held back — the run is recorded and the incident tracked as usual. When no silence covers it any
 * more, the incident gets one message: "silence over, still open" (or its held resolve, if it had
 * been announced before the silence). Pure: the clock and the state come in, plain data goes out.
 */
import type { AlertDecision, Incident } from './incidents.ts';

/** A silence set by an operator (`npm run silence`) or one occurrence of a maintenance window. */
export interface Silence {
  id: string;
  reason: string;
  /** A check id or glob (`journey:*`); absent: every check of every target. */
  checks?: string;
  from: string;
  until: string;
  source: 'manual' | 'window';
}

/** An incident whose messages a silence held back: its last held decision. */
export interface HeldNotice {
  decision: AlertDecision;
  silenceId: string;
  /** Its `open` went out before the silence (so a resolve must follow, too). */
  announced: boolean;
}

/** `journey:*` → a regex over whole ids; `*` is any run of characters, `?` one. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** The silences in force at `now` (manual ones and the windows' current occurrences). */
export function activeSilences(silences: readonly Silence[], now: Date): Silence[] {
  const t = now.getTime();
  return silences.filter((silence) => Date.parse(silence.from) <= t && t < Date.parse(silence.until));
}

/** The first silence covering an incident (by its key or any of its checks), if any. */
export function silenceFor(
  incident: Pick<Incident, 'key' | 'checkIds'>,
  active: readonly Silence[],
): Silence | undefined {
  return active.find((silence) => {
    if (!silence.checks) return true;
    const pattern = globToRegExp(silence.checks);
    return pattern.test(incident.key) || incident.checkIds.some((id) => pattern.test(id));
  });
}

export interface SilenceOutcome {
  /** What goes out this run. */
  send: AlertDecision[];
  /** What a silence held back, with the silence. */
  suppressed: Array<{ decision: AlertDecision; silenceId: string }>;
  held: HeldNotice[];
}

function hold(decision: AlertDecision, silenceId: string, before: HeldNotice | undefined): HeldNotice | undefined {
  if (decision.kind === 'open') return { decision, silenceId, announced: false };
  const announced = before?.announced ?? true;
  // Opened and resolved inside the silence: nobody was told, nobody needs to be.
  if (decision.kind === 'resolve' && !announced) return undefined;
  return { decision, silenceId, announced };
}

function release(
  notice: HeldNotice,
  open: ReadonlyMap<string, Incident>,
  now: Date,
  runId: string,
): AlertDecision | undefined {
  const incident = open.get(notice.decision.key);
  if (incident?.status === 'open') {
    const { reminder: _reminder, ...base } = notice.decision;
    const durationMs = Math.max(0, now.getTime() - Date.parse(incident.firstFailedAt));
    return {
      ...base,
      id: `${runId}:unsilenced:${incident.key}`,
      kind: 'remind',
      runId,
      at: now.toISOString(),
      durationMs,
      silenceEnded: true,
    };
  }
  return notice.announced && notice.decision.kind === 'resolve' ? notice.decision : undefined;
}

/**
 * Splits this run's decisions of one target into sent and held back, and releases what a finished
 * silence held: one message per incident. `incidents` are the target's incidents after this run.
 */
export function applySilences(
  decisions: readonly AlertDecision[],
  incidents: readonly Incident[],
  held: readonly HeldNotice[],
  active: readonly Silence[],
  run: { runId: string; target: string; now: Date },
): SilenceOutcome {
  const byKey = new Map(
    held.filter((notice) => notice.decision.target === run.target).map((notice) => [notice.decision.key, notice]),
  );
  const send: AlertDecision[] = [];
  const suppressed: SilenceOutcome['suppressed'] = [];
  for (const decision of decisions) {
    const silence = silenceFor(decision, active);
    const before = byKey.get(decision.key);
    byKey.delete(decision.key);
    if (silence) {
      suppressed.push({ decision, silenceId: silence.id });
      const next = hold(decision, silence.id, before);
      if (next) byKey.set(decision.key, next);
    } else if (!(decision.kind === 'resolve' && before && !before.announced)) send.push(decision);
  }
  const open = new Map(incidents.map((incident) => [incident.key, incident]));
  for (const [key, notice] of byKey) {
    if (silenceFor(notice.decision, active)) continue;
    byKey.delete(key);
    const released = release(notice, open, run.now, run.runId);
    if (released) send.push(released);
  }
  const others = held.filter((notice) => notice.decision.target !== run.target);
  return { send, suppressed, held: [...others, ...byKey.values()] };
}

/** Silences to keep in the state: in force or future, and finished ones for a week (the digest lists them). */
export function keepSilences(silences: readonly Silence[], now: Date, keepMs = 7 * 86_400_000): Silence[] {
  return silences.filter(
    (silence) => silence.source === 'manual' && now.getTime() - Date.parse(silence.until) <= keepMs,
  );
}

/** Ends a manual silence now (kept for the digest); undefined when no such silence is in force or ahead. */
export function endSilence(silences: readonly Silence[], id: string, now: Date): Silence[] | undefined {
  const found = silences.find((silence) => silence.id === id && Date.parse(silence.until) > now.getTime());
  if (!found) return undefined;
  const at = now.toISOString();
  return silences.map((silence) =>
    silence === found
      ? { ...silence, until: at, ...(Date.parse(silence.from) > now.getTime() ? { from: at } : {}) }
      : silence,
  );
}
