/**
 * Secret redaction for every text the suite writes (summary, console, Slack, traces, reports).
 * Two nets: the known secret values of this run (in the forms they take inside JSON, URLs and
 * headers), and the shapes of secrets whose values the suite never sees (session JWTs, bearer
 * tokens, token fields, Slack webhook URLs).
 */

export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not replaced by value (they would shred ordinary text). */
const MIN_SECRET_LENGTH = 6;

const SHAPES: ReadonlyArray<[RegExp, string]> = [
  [/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
  [/\b(bearer\s+)(?!\[REDACTED\])[A-Za-z0-9._~+/-]{8,}=*/gi, `$1${REDACTED}`],
  [/("(?:access_token|refresh_token|provider_token|provider_refresh_token|password)"\s*:\s*")(?:[^"\\]|\\.)*(")/gi, `$1${REDACTED}$2`],
  [/\b((?:access_token|refresh_token|password)=)[^&\s"'<>]+/gi, `$1${REDACTED}`],
  [/https:\/\/hooks\.slack\.com\/[^\s"'<>\\]+/g, REDACTED],
];

/** The forms a secret value takes once written: raw, JSON-escaped, URL-encoded, base64. */
export function secretForms(secret: string): string[] {
  const forms = new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
  ]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** Replaces every secret value (in all its forms) and every secret-shaped string. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    for (const form of secretForms(secret)) result = result.split(form).join(REDACTED);
  }
  for (const [pattern, replacement] of SHAPES) result = result.replace(pattern, replacement);
  return result;
}

/** Redacts every string inside a JSON-like value (for summaries and Slack payloads). */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets)])) as T;
  }
  return value;
}
