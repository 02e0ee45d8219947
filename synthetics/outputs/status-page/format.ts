/**
 * How the status page writes numbers, times and durations: the team's Swiss conventions (times in
 * Europe/Zurich, `25.11.2026 09:00`), availability with the three decimals a 99.9 % objective needs.
 * Pure (deterministic for a given input: the time zone is fixed, not the viewer's).
 */

const TIME_ZONE = 'Europe/Zurich';

const DATE_TIME = new Intl.DateTimeFormat('de-CH', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const HOUR_LABEL = new Intl.DateTimeFormat('de-CH', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  hour12: false,
});

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `25.11.2026 09:00` (Europe/Zurich). */
export function formatDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso)).replace(',', '');
}

/** `25.11. 09h` (Europe/Zurich): the label of an hourly bucket. */
export function formatHour(iso: string): string {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    HOUR_LABEL.formatToParts(new Date(iso)).find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}. ${part('hour')}h`;
}

/** `99.405 %`, or `—` without data. */
export function formatPercent(share: number | undefined, digits = 3): string {
  return share === undefined ? '—' : `${(share * 100).toFixed(digits)} %`;
}

/** `45 min`, `2 h 05 min`, `3 d 4 h`. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** `412 ms`, `0.012`, or `—`. */
export function formatMetric(value: number | undefined, unit: 'ms' | ''): string {
  if (value === undefined) return '—';
  return unit === 'ms' ? `${Math.round(value)} ms` : String(Math.round(value * 1000) / 1000);
}
