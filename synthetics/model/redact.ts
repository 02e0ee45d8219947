/**
 * Secret redaction for every text the suite writes (summary, console, Slack, traces, reports).
 * Two nets: the known secret values of this run (in the forms they take inside JSON, URLs, headers
 * and base64, even mid-string), and the shapes of secrets whose values the suite never sees
 * (session JWTs, bearer/basic credentials, token fields even in escaped JSON, cookies, webhooks).
 */

export const REDACTED = '[REDACTED]';

/** Secrets shorter than this (3 or more) are replaced only as whole words (inside words they would shred text). */
const MIN_SECRET_LENGTH = 6;

const TOKEN_KEYS = 'access_token|refresh_token|provider_token|provider_refresh_token|password';
const SECRET_HEADERS =
  'authorization|proxy-authorization|cookie|set-cookie|x-vercel-protection-bypass|apikey|x-api-key';

const SHAPES: ReadonlyArray<[RegExp, string]> = [
  [/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
  // Supabase's session cookie (`base64-<session JSON>`) and its chunks (`sb-<ref>-auth-token.0=`).
  [/base64-[A-Za-z0-9+/_-]{16,}=*/g, REDACTED],
  [/\b(sb-[A-Za-z0-9]+-auth-token(?:\.\d+)?=)[^;\s"'\\]+/g, `$1${REDACTED}`],
  // Headers as a trace records them ({"name":"cookie","value":"…"}), as JSON keys, and as raw lines.
  // A Bearer value is left to the bearer shape below (it keeps "Bearer [REDACTED]" readable).
  [
    new RegExp(
      `("name"\\s*:\\s*"(?:${SECRET_HEADERS})"\\s*,\\s*"value"\\s*:\\s*")(?!bearer\\s)(?:[^"\\\\]|\\\\.)*(")`,
      'gi',
    ),
    `$1${REDACTED}$2`,
  ],
  [new RegExp(`("(?:${SECRET_HEADERS})"\\s*:\\s*")(?!bearer\\s)(?:[^"\\\\]|\\\\.)*(")`, 'gi'), `$1${REDACTED}$2`],
  [
    new RegExp(`^([ \\t]*(?:${SECRET_HEADERS})[ \\t]*:[ \\t]*)(?![ \\t]|\\[REDACTED\\]|bearer\\s).+$`, 'gim'),
    `$1${REDACTED}`,
  ],
  [/\b(bearer\s+)(?!\[REDACTED\])[A-Za-z0-9._~+/-]{8,}=*/gi, `$1${REDACTED}`],
  [/\b(basic\s+)(?!\[REDACTED\])(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}=*/gi, `$1${REDACTED}`],
  [new RegExp(`("(?:${TOKEN_KEYS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, 'gi'), `$1${REDACTED}$2`],
  // The same fields inside a JSON string (a localStorage value): {\"refresh_token\":\"…\"}.
  [new RegExp(`(\\\\+"(?:${TOKEN_KEYS})\\\\+"\\s*:\\s*\\\\+")[^"\\\\]*`, 'gi'), `$1${REDACTED}`],
  [/\b((?:access_token|refresh_token|password)=)[^&\s"'<>]+/gi, `$1${REDACTED}`],
  [/https:\/\/hooks\.slack\.com\/[^\s"'<>\\]+/g, REDACTED],
];

/** The base64 text of `secret` at each of the three byte offsets it can start at inside a longer string. */
function embeddedBase64(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const forms: string[] = [];
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * (shift + bytes.length)) / 6);
    const core = encoded.slice(first, last);
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/** The forms a secret value takes once written: raw, JSON-escaped, URL-encoded, base64 (even mid-string). */
export function secretForms(secret: string): string[] {
  const forms = new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    ...embeddedBase64(secret),
  ]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every secret value (in all its forms) and every secret-shaped string. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    for (const form of secretForms(secret)) result = result.split(form).join(REDACTED);
    if (secret.length >= 3 && secret.length < MIN_SECRET_LENGTH) {
      const word = new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(secret)}(?![A-Za-z0-9_])`, 'g');
      result = result.replace(word, REDACTED);
    }
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
