/**
 * The daily digest as one Slack message (#viamentor-monitoring): SLO status, the last 24 hours,
 * open incidents, the P2 items (performance, regressions, accessibility), what resolved, and
 * missed schedules. Also the SLO lines `npm run slo` prints. Pure.
 */
import type { DigestContent } from '../alerting/digest.ts';
import type { Incident } from '../alerting/incidents.ts';
import { SLO_TARGETS, type SloReport } from '../alerting/slo.ts';
import { SEVERITY_EMOJI, TEXTS, formatDateTime, formatDuration, label, type Locale } from './alert-texts.ts';
import { environmentLabel, escapeMrkdwn, incidentTitle } from './incident-message.ts';
import { context, header, listSections, payload, section, type SlackBlock, type SlackPayload } from './slack-blocks.ts';

const WORDS = {
  fr: {
    title: 'Digest quotidien',
    slo: 'SLO (30 jours)',
    availability: 'Disponibilité',
    budgetLeft: "budget d'erreur restant",
    p95: 'Temps de réponse p95',
    target: 'objectif',
    noData: 'pas encore de données',
    last24: 'Dernières 24 h',
    runs: (total: number, failed: number) => `${total} exécutions, ${failed} en échec`,
    gaps: (count: number) => `⚠️ ${count} créneau(x) manqué(s) :`,
    gap: (from: string, minutes: number) => `${minutes} min sans exécution après ${from}`,
    silenced: 'Silences (24 h)',
    held: 'retenus',
    allChecks: 'tous les checks',
    open: 'Incidents ouverts (P0/P1)',
    performance: 'Performance (P2)',
    regressions: 'Régressions (P2)',
    accessibility: 'Accessibilité (P2)',
    resolved: 'Résolus (24 h)',
    since: 'depuis',
    nothing: 'Rien à signaler. ✅',
    refused: 'Messages refusés par Slack (non renvoyés)',
  },
  en: {
    title: 'Daily digest',
    slo: 'SLO (30 days)',
    availability: 'Availability',
    budgetLeft: 'error budget left',
    p95: 'Response time p95',
    target: 'target',
    noData: 'no data yet',
    last24: 'Last 24 h',
    runs: (total: number, failed: number) => `${total} runs, ${failed} failed`,
    gaps: (count: number) => `⚠️ ${count} missed schedule(s):`,
    gap: (from: string, minutes: number) => `${minutes} min without a run after ${from}`,
    silenced: 'Silences (24 h)',
    held: 'held back',
    allChecks: 'all checks',
    open: 'Open incidents (P0/P1)',
    performance: 'Performance (P2)',
    regressions: 'Regressions (P2)',
    accessibility: 'Accessibility (P2)',
    resolved: 'Resolved (24 h)',
    since: 'since',
    nothing: 'Nothing to report. ✅',
    refused: 'Messages Slack refused (not resent)',
  },
} as const;

function mark(met: boolean | undefined): string {
  return met === undefined ? '▫️' : met ? '✅' : '⚠️';
}

function percent(value: number): string {
  return `${(value * 100).toFixed(value >= 0.9995 && value < 1 ? 3 : 2)} %`;
}

/** The SLO status as lines of text (mrkdwn-safe): shared by the digest, the summary and `npm run slo`. */
export function formatSloLines(slo: SloReport, locale: Locale): string[] {
  const w = WORDS[locale];
  const value = (v: number | undefined, unit: string) => (v === undefined ? w.noData : `${v}${unit}`);
  const availability =
    slo.availability === undefined
      ? `${mark(undefined)} ${label(w.availability, locale)} ${w.noData}`
      : `${mark(slo.met.availability)} ${w.availability} ${percent(slo.availability)} ` +
        `(${w.target} ${percent(SLO_TARGETS.availability)}) — ` +
        `${w.budgetLeft} ${slo.budgetLeftMinutes} / ${slo.budgetMinutes} min`;
  return [
    availability,
    `${mark(slo.met.p95ResponseMs)} ${w.p95} ${value(slo.p95ResponseMs, ' ms')} (< ${SLO_TARGETS.p95ResponseMs} ms)`,
    `${mark(slo.met.lcp)} LCP p75 ${value(slo.p75.lcp, ' ms')} (< ${SLO_TARGETS.lcp} ms) · ` +
      `${mark(slo.met.cls)} CLS p75 ${value(slo.p75.cls, '')} (< ${SLO_TARGETS.cls}) · ` +
      `${mark(slo.met.ttfb)} TTFB p75 ${value(slo.p75.ttfb, ' ms')} (< ${SLO_TARGETS.ttfb} ms)`,
  ];
}

function incidentLine(incident: Incident, locale: Locale): string {
  const title = incidentTitle({ incidentKind: incident.kind, subject: incident.subject }, locale);
  const reason = incident.reason ? ` — ${escapeMrkdwn(incident.reason.split('\n')[0]!.slice(0, 160))}` : '';
  const since = `${WORDS[locale].since} ${formatDateTime(incident.firstFailedAt, locale)}`;
  const key = `\`${escapeMrkdwn(incident.key)}\``;
  return `${SEVERITY_EMOJI[incident.severity]} ${escapeMrkdwn(title)} (${key}) ${since}${reason}`;
}

function silenceLine(silence: DigestContent['silenced'][number], locale: Locale): string {
  const w = WORDS[locale];
  const span = `${formatDateTime(silence.from, locale)} → ${formatDateTime(silence.until, locale)}`;
  const held = silence.held.length
    ? ` — ${label(w.held, locale)} ${silence.held.map((key) => `\`${escapeMrkdwn(key)}\``).join(', ')}`
    : '';
  const checks = silence.checks ? `\`${escapeMrkdwn(silence.checks)}\`` : w.allChecks;
  return `🔕 ${escapeMrkdwn(silence.reason)} (${checks}) ${span}${held}`;
}

/** The digest message; `environment` as in messages (`production`, `preview`, `local` or a name). */
export function formatDigestMessage(digest: DigestContent, locale: Locale, environmentToken: string): SlackPayload {
  const w = WORDS[locale];
  const environment = environmentLabel(environmentToken, locale);
  const t = TEXTS[locale];
  const day = formatDateTime(digest.at, locale).split(' ')[0]!;
  const blocks: SlackBlock[] = [
    header(`${SEVERITY_EMOJI.P2} ${w.title} — ${environment} — ${day}`),
    section(`*${w.slo}*\n${formatSloLines(digest.slo, locale).join('\n')}`),
  ];
  const gaps = digest.gaps.map((gap) => w.gap(formatDateTime(gap.from, locale), Math.round(gap.gapMinutes)));
  const gapLine = gaps.length ? `\n${w.gaps(gaps.length)} ${gaps.slice(0, 5).join(' · ')}` : '';
  blocks.push(section(`*${label(w.last24, locale)}* ${w.runs(digest.runs.total, digest.runs.failed)}${gapLine}`));
  const lists: Array<[string, Incident[]]> = [
    [w.open, digest.open],
    [w.performance, digest.performance],
    [w.regressions, digest.regressions],
    [w.accessibility, digest.accessibility],
  ];
  for (const [title, incidents] of lists) {
    if (incidents.length)
      blocks.push(
        ...listSections(
          title,
          incidents.map((incident) => incidentLine(incident, locale)),
          t.andMore,
          2,
        ),
      );
  }
  if (digest.resolved.length) {
    const lines = digest.resolved.map((incident) => {
      const title = incidentTitle({ incidentKind: incident.kind, subject: incident.subject }, locale);
      const lasted = `${t.duration.toLowerCase()} ${formatDuration(incident.durationMs, locale)}`;
      return `✅ ${escapeMrkdwn(title)} (\`${escapeMrkdwn(incident.key)}\`) — ${lasted}`;
    });
    blocks.push(...listSections(w.resolved, lines, t.andMore, 2));
  }
  if (digest.silenced.length)
    blocks.push(
      ...listSections(
        w.silenced,
        digest.silenced.map((silence) => silenceLine(silence, locale)),
        t.andMore,
        2,
      ),
    );
  if (digest.refused?.length) {
    const lines = digest.refused.map(
      (item) => `✉️ ${escapeMrkdwn(item.id)} (#${item.channel}): ${escapeMrkdwn(item.error)}`,
    );
    blocks.push(...listSections(w.refused, lines, t.andMore, 2));
  }
  if (
    ![digest.open, digest.performance, digest.regressions, digest.accessibility, digest.resolved].some(
      (list) => list.length,
    )
  )
    blocks.push(section(w.nothing));
  blocks.push(context([`${t.footer} · ${escapeMrkdwn(digest.target)}`]));
  const fallback = `${w.title} — ${environment} — ${w.runs(digest.runs.total, digest.runs.failed)}`;
  return payload(fallback, blocks, t.andMore);
}
