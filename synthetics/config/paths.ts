/** Files of one run that are not reports: they hold a session and never join the artifacts. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The private folder of the current run (outside the repository and the reports). */
export function privateRunDir(runId: string = process.env.SYNTHETICS_RUN_ID ?? 'unknown'): string {
  return join(tmpdir(), 'viamentor-synthetics', runId);
}

/** Playwright storage state of the synthetic user's session, shared by the journeys of one run. */
export function storageStatePath(runId?: string): string {
  return join(privateRunDir(runId), 'storage-state.json');
}
