/**
 * What summary.json and the console say about silences: the ones in force during the run and
 * the messages they held back — so a quiet run is never mistaken for a healthy one. Pure.
 */
import type { Severity } from '../alerting/alert-policy.ts';
import type { DecisionKind } from '../alerting/incidents.ts';
import type { NotifyPlan } from '../alerting/notify-plan.ts';

export interface SilencesSection {
  active: Array<{
    id: string;
    reason: string;
    from: string;
    until: string;
    checks?: string;
    source: 'manual' | 'window';
  }>;
  suppressed: Array<{ id: string; kind: DecisionKind; key: string; severity: Severity; silenceId: string }>;
}

/** The `silences` object of a monitor run. */
export function silencesSection(plan: NotifyPlan | undefined): SilencesSection {
  return {
    active: (plan?.active ?? []).map((silence) => ({
      id: silence.id,
      reason: silence.reason,
      from: silence.from,
      until: silence.until,
      ...(silence.checks ? { checks: silence.checks } : {}),
      source: silence.source,
    })),
    suppressed: (plan?.suppressed ?? []).map(({ decision, silenceId }) => ({
      id: decision.id,
      kind: decision.kind,
      key: decision.key,
      severity: decision.severity,
      silenceId,
    })),
  };
}

/** Console lines: silences in force, and what they held back. */
export function formatSilenceLines(section: SilencesSection | undefined): string[] {
  if (!section?.active.length) return [];
  const active = section.active.map(
    (silence) =>
      `${silence.id} until ${silence.until.slice(0, 16).replace('T', ' ')} UTC ` +
      `(${silence.checks ?? 'all checks'}: ${silence.reason})`,
  );
  const held = section.suppressed.map((entry) => `${entry.kind} ${entry.severity} ${entry.key}`);
  return [
    `  silenced: ${active.join('; ')}${held.length ? ` — held back: ${held.join(', ')}` : ' — nothing held back'}`,
  ];
}
