/**
 * Scrubs secrets out of everything a run leaves in its report folder: text files, Playwright trace
 * archives (Playwright records typed passwords, headers and response bodies and does not mask
 * them) and the HTML report, whose data is a base64 zip inside index.html.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { REPORT_DIR_MARK, isOwnReportDir } from '../config/report-dir.ts';
import { redactText } from '../model/redact.ts';

const BINARY_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.webm', '.gif', '.ico', '.woff', '.woff2']);
const EMBEDDED_ZIP = /(data:application\/zip;base64,)([A-Za-z0-9+/=]+)/g;

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  return !sample.includes(0);
}

/** Redacts text entries of a zip; returns the new archive, or undefined when nothing changed. */
export function scrubZip(archive: Uint8Array, secrets: readonly string[]): Uint8Array | undefined {
  const entries = unzipSync(archive);
  let changed = false;
  const output: Zippable = {};
  for (const [name, bytes] of Object.entries(entries)) {
    output[name] = bytes;
    if (BINARY_EXTENSIONS.has(extname(name).toLowerCase()) || !looksLikeText(bytes)) continue;
    const text = Buffer.from(bytes).toString('utf8');
    const redacted = redactText(text, secrets);
    if (redacted !== text) {
      output[name] = Buffer.from(redacted, 'utf8');
      changed = true;
    }
  }
  return changed ? zipSync(output) : undefined;
}

/** Redacts a text file's content, including zips embedded as base64 data URLs. */
export function scrubTextContent(text: string, secrets: readonly string[]): string {
  const withZips = text.replace(EMBEDDED_ZIP, (whole, prefix: string, base64: string) => {
    const scrubbed = scrubZip(Buffer.from(base64, 'base64'), secrets);
    return scrubbed ? `${prefix}${Buffer.from(scrubbed).toString('base64')}` : whole;
  });
  return redactText(withZips, secrets);
}

export interface ScrubReport {
  filesScanned: number;
  filesChanged: string[];
  errors: string[];
}

/**
 * Walks `dir` and rewrites every file that held a secret — only in a folder marked as the suite's
 * own (report-dir.ts): a user's folder is never rewritten. Never throws: problems are reported.
 */
export async function scrubArtifacts(dir: string, secrets: readonly string[]): Promise<ScrubReport> {
  const report: ScrubReport = { filesScanned: 0, filesChanged: [], errors: [] };
  if (!isOwnReportDir(dir)) {
    report.errors.push(`${dir}: not a report folder of this suite (no ${REPORT_DIR_MARK}); left untouched`);
    return report;
  }
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return report;
  }
  for (const file of names) {
    const extension = extname(file).toLowerCase();
    if (BINARY_EXTENSIONS.has(extension)) continue;
    report.filesScanned += 1;
    try {
      const bytes = await readFile(file);
      let updated: Uint8Array | string | undefined;
      if (extension === '.zip') updated = scrubZip(bytes, secrets);
      else if (looksLikeText(bytes)) {
        const text = bytes.toString('utf8');
        const redacted = scrubTextContent(text, secrets);
        updated = redacted === text ? undefined : redacted;
      }
      if (updated !== undefined) {
        await writeFile(file, updated);
        report.filesChanged.push(file);
      }
    } catch (error) {
      report.errors.push(`${file}: ${(error as Error).message}`);
    }
  }
  return report;
}
