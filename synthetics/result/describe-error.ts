/**
 * Turns Playwright's multi-line, coloured error text into one readable line for the summary, the
 * console and (later) Slack: the assertion's own message, then what was expected and found.
 */

const ANSI = /\u001b\[[0-9;]*m/g;
const DETAIL = /^(Locator|Expected(?: pattern| string| substring)?|Received(?: string)?|Error|Timeout):/;
const MAX_LENGTH = 600;

/** `step "…": <message> — Expected: …; Received: …`, at most ~600 characters. */
export function condenseError(message: string, step?: string): string {
  const lines = message
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const callLog = lines.findIndex((line) => line.startsWith('Call log:'));
  const relevant = callLog === -1 ? lines : lines.slice(0, callLog);
  const [first = 'unknown error', ...rest] = relevant;
  const headline = first.replace(/^Error:\s*/, '');
  const details = rest
    .filter((line) => DETAIL.test(line) && !line.startsWith('Timeout:'))
    .map((line) => line.replace(/\s+/g, ' '))
    .filter((line) => !headline.includes(line));
  const text = `${step ? `step "${step}": ` : ''}${headline}${details.length ? ` — ${details.join('; ')}` : ''}`;
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
