/**
 * Scrubs a shard's Playwright blob report of secrets before it leaves the runner (CI uploads it for
 * the merge job, where anyone who can read the repository can download it). A blob is a zip of
 * `report.jsonl` — whose step titles carry typed values (`Fill "<password>"`) — and of the attachments,
 * among them the traces, zips of their own that record headers and bodies unmasked: one level deeper
 * than `scrubArtifacts` goes, so the nested archives are scrubbed here.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { redactText } from '../model/redact.ts';
import { scrubZip } from './scrub-artifacts.ts';

const BINARY_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.webm', '.gif', '.ico', '.woff', '.woff2']);

function scrubEntry(name: string, bytes: Uint8Array, secrets: readonly string[]): Uint8Array | undefined {
  const extension = extname(name).toLowerCase();
  if (extension === '.zip') return scrubZip(bytes, secrets);
  if (BINARY_EXTENSIONS.has(extension) || bytes.subarray(0, 8192).includes(0)) return undefined;
  const text = Buffer.from(bytes).toString('utf8');
  const redacted = redactText(text, secrets);
  return redacted === text ? undefined : Buffer.from(redacted, 'utf8');
}

/** The blob archive with every secret redacted, or undefined when it held none. */
export function scrubBlobArchive(archive: Uint8Array, secrets: readonly string[]): Uint8Array | undefined {
  const output: Zippable = {};
  let changed = false;
  for (const [name, bytes] of Object.entries(unzipSync(archive))) {
    const scrubbed = scrubEntry(name, bytes, secrets);
    output[name] = scrubbed ?? bytes;
    changed ||= scrubbed !== undefined;
  }
  return changed ? zipSync(output) : undefined;
}

export interface BlobScrubReport {
  blobs: string[];
  changed: string[];
  errors: string[];
}

/** Rewrites every blob report (`*.zip`) of `dir` that held a secret. Never throws: problems are reported. */
export async function scrubBlobReports(dir: string, secrets: readonly string[]): Promise<BlobScrubReport> {
  const report: BlobScrubReport = { blobs: [], changed: [], errors: [] };
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((candidate) => candidate.endsWith('.zip'))) {
    const file = join(dir, name);
    report.blobs.push(file);
    try {
      const scrubbed = scrubBlobArchive(await readFile(file), secrets);
      if (scrubbed) {
        await writeFile(file, scrubbed);
        report.changed.push(file);
      }
    } catch (error) {
      report.errors.push(`${file}: ${(error as Error).message}`);
    }
  }
  return report;
}
