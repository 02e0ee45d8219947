/**
 * Writes a Lighthouse result as HTML and JSON without the secrets that went into the run. Lighthouse
 * copies `extraHeaders` (e.g. the Vercel bypass secret) into `configSettings` of every report, and the
 * reports end up as CI artifacts; localStorage and cookies are not recorded, but are scrubbed anyway.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Result as LighthouseResult } from 'lighthouse';
import { generateReport } from 'lighthouse';
import { REDACTED, redactText } from '../../model/redact.ts';
import type { StorageStateLike } from './lab-types.ts';

/** Paths of the two files of one run. */
export interface ReportPaths {
  html: string;
  json: string;
}

const TOKEN_KEY = /token|secret|key|session|password/i;

/**
 * Every secret value a run handed to Chrome or Lighthouse: header values, cookie values, localStorage
 * values, and the token-like strings inside JSON localStorage values (a supabase session is JSON).
 */
export function collectRunSecrets(
  extraHeaders: Record<string, string> = {},
  storageState?: StorageStateLike,
): string[] {
  const secrets = new Set<string>(Object.values(extraHeaders));
  for (const cookie of storageState?.cookies ?? []) secrets.add(cookie.value);
  for (const origin of storageState?.origins ?? []) {
    for (const item of origin.localStorage) {
      secrets.add(item.value);
      collectTokenLeaves(parseJson(item.value), secrets);
    }
  }
  return [...secrets].filter((secret) => secret.length > 0);
}

/** Replaces `configSettings.extraHeaders` values in place, keeping the header names as evidence. */
export function redactExtraHeaders(lhr: LighthouseResult): void {
  const headers = lhr.configSettings.extraHeaders;
  if (!headers) return;
  lhr.configSettings.extraHeaders = Object.fromEntries(Object.keys(headers).map((name) => [name, REDACTED]));
}

/** Renders both reports from the redacted result, scrubs the text once more, and writes them. */
export async function writeReports(
  lhr: LighthouseResult,
  reportDir: string,
  reportName: string,
  secrets: readonly string[],
): Promise<ReportPaths> {
  redactExtraHeaders(lhr);
  await mkdir(reportDir, { recursive: true });
  const paths = {
    html: join(reportDir, `${reportName}.report.html`),
    json: join(reportDir, `${reportName}.report.json`),
  };
  await writeFile(paths.html, redactText(generateReport(lhr, 'html'), secrets));
  await writeFile(paths.json, redactText(generateReport(lhr, 'json'), secrets));
  return paths;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function collectTokenLeaves(value: unknown, into: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if (TOKEN_KEY.test(key)) into.add(value);
  } else if (Array.isArray(value)) {
    value.forEach((item) => collectTokenLeaves(item, into, key));
  } else if (value && typeof value === 'object') {
    for (const [childKey, child] of Object.entries(value)) collectTokenLeaves(child, into, childKey);
  }
}
