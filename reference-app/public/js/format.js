/**
 * Swiss formats, as users of a driving school read them: `CHF 1'234.50`, `12.03.2026`, `TVA 8,1 %`.
 * Dates and times are Zurich's, whatever the browser's time zone.
 */

const ZURICH_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Zurich',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `123450` centimes → `CHF 1'234.50` (apostrophe thousands separator, always two decimals). */
export function formatChf(cents) {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const francs = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "'");
  return `CHF ${sign}${francs}.${String(absolute % 100).padStart(2, '0')}`;
}

/** `0.081` → `8,1` (French decimal comma). */
export function formatPercent(rate) {
  return String(Math.round(rate * 1000) / 10).replace('.', ',');
}

/** Today in Zurich, `YYYY-MM-DD` (the value format of date inputs). */
export function todayInZurich(now = new Date()) {
  return ZURICH_DATE.format(now);
}

/** `2026-03-12` → `12.03.2026`. */
export function formatDate(isoDate) {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}

/** `2026-03-12T14:00` (wall time) → `12.03.2026 14:00`. */
export function formatWallTime(wallTime) {
  return `${formatDate(wallTime)} ${wallTime.slice(11, 16)}`;
}

/** An ISO instant (`created_at`) → its Zurich date, `12.03.2026`. */
export function formatInstantDate(iso) {
  return formatDate(ZURICH_DATE.format(new Date(iso)));
}

/** The date `days` after `YYYY-MM-DD`. */
export function addDays(isoDate, days) {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** True for a real `YYYY-MM-DD` date. */
export function isIsoDate(value) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value ?? '')) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const ZURICH_MINUTE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Zurich',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO instant (`starts_at` from Postgres) → Zurich wall time `YYYY-MM-DDTHH:MM`. */
export function zurichWallTime(iso) {
  const parts = Object.fromEntries(ZURICH_MINUTE.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A Zurich wall time `YYYY-MM-DDTHH:MM` → the ISO instant it names (summer time included). */
export function zurichInstant(wallTime) {
  const wanted = Date.parse(`${wallTime}:00Z`);
  let instant = wanted;
  for (let step = 0; step < 2; step += 1) {
    instant += wanted - Date.parse(`${zurichWallTime(instant)}:00Z`);
  }
  return new Date(instant).toISOString();
}
