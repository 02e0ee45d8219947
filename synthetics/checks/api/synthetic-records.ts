/**
 * Production safety: every record a journey creates carries a tag `SYN-<runId>-<journey>` (in a
 * student's last name, a lesson's or an invoice's notes). Cleanup and the janitor delete only
 * records whose own fields match the tag pattern — never anything else the API's search returns.
 */
import { DATA } from '../../target/viamentor.ts';

/** A record the suite may create, find and delete. */
export type RecordKind = 'students' | 'lessons' | 'invoices';
/** Any row of those tables (UUID ids on Supabase; the unit tests use small numbers). */
export type TaggedRow = { id: string | number; created_at?: string } & Record<string, unknown>;

/** What cleanup needs of a data adapter: find by text, delete one row and say how many went. */
export interface TaggedRecordStore {
  search(kind: RecordKind, text: string): Promise<TaggedRow[]>;
  /** Resolves to the rows actually removed: 0 means nothing was deleted (RLS, already gone). */
  delete(kind: RecordKind, id: TaggedRow['id']): Promise<number>;
}

/** `SYN-20261125-223000-a1b2-students`: prefix, run id (UTC stamp + random), journey slug. */
export const TAG_PATTERN = /SYN-\d{8}-\d{6}-[0-9a-f]{4}(?:-[a-z0-9]+)?/;

/** The tag of one journey's records in one run. */
export function syntheticTag(runId: string, journey: string): string {
  const tag = `SYN-${runId}-${journey.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  if (!TAG_PATTERN.test(tag)) throw new Error(`run id "${runId}" does not make a valid synthetic tag`);
  return tag;
}

const WHOLE_TAG = new RegExp(`^${TAG_PATTERN.source}$`);

/**
 * True when the record's tag column (the profile's) IS a tag — exactly `tag` when given — and not
 * merely mentions one: a real record whose notes quote a tag (`see SYN-…`) is never synthetic.
 */
export function isTaggedRecord(kind: RecordKind, record: TaggedRow, tag?: string): boolean {
  const field = String(record[DATA.tagColumn[kind]] ?? '').trim();
  return WHOLE_TAG.test(field) && (tag === undefined || field === tag);
}

export interface RemovalReport {
  deleted: Array<{ kind: RecordKind; id: TaggedRow['id'] }>;
  failed: Array<{ kind: RecordKind; id: TaggedRow['id']; reason: string }>;
}

/** Invoices first (they hold lessons), then lessons, then students (they own lessons). */
const REMOVAL_ORDER: readonly RecordKind[] = ['invoices', 'lessons', 'students'];

export interface RemovalOptions {
  /** Records to leave alone (the janitor keeps those younger than its age limit). */
  keep?: (record: TaggedRow) => boolean;
  /** List what would be deleted without deleting it. */
  dryRun?: boolean;
}

/**
 * Deletes the tagged records matching `search` (a tag, or the bare prefix `SYN-` for the janitor).
 * Failures are collected, never thrown, so one stuck record does not leave the others behind.
 */
export async function removeTaggedRecords(
  api: TaggedRecordStore,
  search: string,
  { keep = () => false, dryRun = false }: RemovalOptions = {},
): Promise<RemovalReport> {
  const report: RemovalReport = { deleted: [], failed: [] };
  const tag = search === 'SYN-' ? undefined : search;
  for (const kind of REMOVAL_ORDER) {
    let records: TaggedRow[];
    try {
      records = await api.search(kind, search);
    } catch (error) {
      report.failed.push({ kind, id: 0, reason: `listing failed: ${(error as Error).message}` });
      continue;
    }
    for (const record of records) {
      if (!isTaggedRecord(kind, record, tag) || keep(record)) continue;
      try {
        const removed = dryRun ? 1 : await api.delete(kind, record.id);
        if (removed === 0) throw new Error('the delete removed no row (hidden by row-level security, or already gone)');
        report.deleted.push({ kind, id: record.id });
      } catch (error) {
        report.failed.push({ kind, id: record.id, reason: (error as Error).message });
      }
    }
  }
  return report;
}
