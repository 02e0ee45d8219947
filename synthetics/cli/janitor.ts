/**
 * `npm run janitor`: deletes synthetic records (tagged `SYN-…`) older than an hour that a journey
 * could not clean up — a crash, a lost runner. Untagged records are never touched.
 * A record is synthetic only when its tag field is exactly a tag, and the janitor runs only as the
 * configured synthetic user. Options: `--older-than <minutes>` (default 60), `--dry-run`. Exit 0 done,
 * 1 some deletions failed, 2 configuration or usage error (or signed in as another user).
 */
import { parseArgs } from 'node:util';
import { SupabaseSession } from '../checks/api/supabase-session.ts';
import { removeTaggedRecords } from '../checks/api/synthetic-records.ts';
import { EXIT, loadConfigOrExit } from '../config/load.ts';
import { redactText } from '../model/redact.ts';

const config = loadConfigOrExit();
let olderThanMinutes = 60;
let dryRun = false;
try {
  const { values } = parseArgs({ options: { 'older-than': { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  dryRun = values['dry-run'] ?? false;
  if (values['older-than'] !== undefined) {
    olderThanMinutes = Number(values['older-than']);
    if (!Number.isFinite(olderThanMinutes) || olderThanMinutes < 0)
      throw new Error('--older-than takes a number of minutes, e.g. --older-than 60');
  }
} catch (error) {
  console.error(`Usage error: ${(error as Error).message}`);
  process.exit(EXIT.usage);
}

const cutoff = Date.now() - olderThanMinutes * 60_000;
const keep = (record: { created_at?: string }) => !(Date.parse(record.created_at ?? '') < cutoff);
try {
  const { supabaseUrl, anonKey } = config.platform;
  const api = await SupabaseSession.signIn(
    { supabaseUrl, anonKey },
    config.credentials.email,
    config.credentials.password,
  );
  // Deleting as anyone but the synthetic user could reach a real tenant's records: refuse.
  const signedIn = await api.currentUserEmail();
  if (signedIn?.toLowerCase() !== config.credentials.email.toLowerCase()) {
    await api.signOut().catch(() => undefined);
    console.error(
      `janitor: refusing to run: signed in as ${signedIn ?? 'an unknown user'}, not the synthetic user ` +
        `SYNTHETIC_EMAIL (${config.credentials.email})`,
    );
    process.exit(EXIT.usage);
  }
  const report = await removeTaggedRecords(api, 'SYN-', { keep, dryRun });
  await api.signOut().catch(() => undefined);
  const verb = dryRun ? 'would delete' : 'deleted';
  for (const { kind, id } of report.deleted) console.log(`janitor: ${verb} ${kind}/${id}`);
  console.log(
    `janitor: ${verb} ${report.deleted.length} synthetic record(s) older ` +
      `than ${olderThanMinutes} min on ${config.target.baseUrl}`,
  );
  for (const failure of report.failed)
    console.error(`janitor: could not delete ${failure.kind}/${failure.id}: ${failure.reason}`);
  process.exit(report.failed.length ? EXIT.checkFailed : EXIT.healthy);
} catch (error) {
  console.error(`janitor: ${redactText((error as Error).message, config.secrets)} (target ${config.target.baseUrl})`);
  process.exit(EXIT.checkFailed);
}
