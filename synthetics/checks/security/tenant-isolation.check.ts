/**
 * security:tenant-isolation — signed in as the synthetic user, the tenant-scoped tables show only
 * the synthetic tenant's rows and a known other tenant stays invisible; the anon key alone reads
 * nothing. A leak fails the check (a P0, kind security). When the user cannot sign in or a table
 * cannot be read, isolation is unproven, not broken: the check is skipped with the reason (the
 * journeys and uptime checks report that outage).
 */
import { expect, test } from '../fixtures/test.ts';
import { checkId } from '../../model/check-ids.ts';
import { SupabaseSession, nodeClient } from '../api/supabase-session.ts';
import { judgeIsolation, readIsolation, type IsolationReading } from './tenant-isolation.ts';
import { DATA } from '../../target/viamentor.ts';

test.describe('security', { tag: '@security' }, () => {
  test(
    'the synthetic user sees only its tenant; the anon key sees nothing',
    { annotation: { type: 'check', description: checkId.security('tenant-isolation') } },
    async ({ suiteConfig }, testInfo) => {
      const { supabaseUrl, anonKey, foreignTenantId } = suiteConfig.platform;
      const { email, password } = suiteConfig.credentials;
      let session: SupabaseSession;
      try {
        session = await SupabaseSession.signIn({ supabaseUrl, anonKey }, email, password);
      } catch (error) {
        return testInfo.skip(true, `not run: ${(error as Error).message}`);
      }
      let reading: IsolationReading;
      try {
        const anon = nodeClient({ supabaseUrl, anonKey });
        reading = await readIsolation(session.client, session.userId, anon, DATA, foreignTenantId);
      } finally {
        await session.signOut().catch(() => undefined);
      }
      const verdict = judgeIsolation(reading);
      const leaks = verdict.leaks.join('; ');
      const what = `row-level security keeps every tenant-scoped table inside the synthetic tenant (${leaks})`;
      expect(verdict.leaks, what).toEqual([]);
      const unproven = verdict.unreadable.join('; ');
      if (unproven) testInfo.skip(true, `not run: isolation unproven: ${unproven}`);
    },
  );
});
