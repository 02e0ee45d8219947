/**
 * The early P0: an app found down by the uptime checks is alerted at once — the P0 reaches the
 * (fake) Slack webhook within 60 s of `npm start` beginning, long before the run ends — and the
 * end-of-run decision knows it was sent: exactly one message for the run. Once with a blank home
 * page while the whole suite runs (tier `all`: uptime, journeys, then Lighthouse), once with the
 * health endpoint's database down while the uptime checks and the login journey run (tier `core`:
 * the same reporter, a shorter run).
 *
 * test-lane: shared — loose timing budgets; the 60 s is measured beside another test file, as a
 * loaded runner would see it.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { budgetsFile, labRuns, LOOSE_TIMINGS } from '../helpers/budgets-file.ts';
import { payloadText, startFakeWebhook, type FakeWebhook } from '../helpers/fake-webhook.ts';
import { appsOfTheirOwn } from '../helpers/reference-app.ts';
import { runSuite } from '../helpers/suite-run.ts';
import type { AlertingSection } from '../../synthetics/outputs/alerting-report.ts';
import { parseBudgetId } from '../../synthetics/model/check-ids.ts';

const WITHIN_MS = 60_000;

/**
 * Both runs at once, each against a reference app of its own (a fault is app-wide). In clean-clone CI
 * (three test files at once, load average 6–9) the tier-all P0 came 42.6 s after the start this way and
 * 42.9 s with the two one after the other: the lane's load sets it, not the scenario beside it.
 */
describe('the early app-down P0', { concurrency: true }, () => {
  const apps = appsOfTheirOwn();
  let hook: FakeWebhook;
  before(async () => {
    hook = await startFakeWebhook();
  });
  after(async () => {
    await Promise.all([apps.stopAll(), hook?.close()]);
  });

  for (const [fault, check, tier] of [
    ['home-blank', 'uptime:home', 'all'],
    ['health-db-down', 'uptime:health', 'core'],
  ] as const) {
    test(`${fault}: the P0 reaches Slack within 60 s in tier ${tier}, and only once`, async (t) => {
      const app = await apps.start();
      const path = `/services/${fault}`;
      const env = {
        SLACK_WEBHOOK_URL: `${hook.origin}${path}`,
        HISTORY_PATH: join(await mkdtemp(join(tmpdir(), 'early-p0-')), 'history'),
        // Tier all with a Lighthouse stage after the journeys (one page, one run keeps the test short).
        SYNTHETICS_BUDGETS: await budgetsFile(['login'], { ...LOOSE_TIMINGS, ...labRuns(1) }),
      };
      const started = performance.now();
      let firstAt: number | undefined;
      const watch = setInterval(
        () => (firstAt ??= hook.accepted(path).length > 0 ? performance.now() - started : undefined),
        100,
      );
      const args = tier === 'all' ? ['--tier', 'all'] : ['--tier', 'core', '--grep', '@uptime|@login'];
      const run = await app.withFault(fault, () => runSuite(app, { args, env }));
      clearInterval(watch);
      const endedAt = performance.now() - started;
      t.diagnostic(
        `P0 delivered ${Math.round(firstAt ?? -1)} ms after the start; the run took ${Math.round(endedAt)} ms`,
      );
      assert.equal(run.code, 1, run.stdout.slice(-3000));
      assert.equal(run.check(check).status, 'failed');
      if (tier === 'all')
        assert.ok(
          run.summary?.checks.some((candidate) => {
            const parts = parseBudgetId(candidate.id);
            return parts?.page === 'login' && parts.source === 'lab';
          }),
          'the Lighthouse stage ran after the alert',
        );
      else assert.equal(run.check('journey:login').status, 'passed', 'the login journey ran after the alert');
      const messages = hook.accepted(path);
      assert.equal(messages.length, 1, messages.map((message) => payloadText(message.body)).join('\n---\n'));
      assert.match(payloadText(messages[0]!.body), /P0 critique — Application indisponible/);
      assert.ok(
        firstAt !== undefined && firstAt <= WITHIN_MS,
        `P0 delivered after ${firstAt} ms (run took ${Math.round(endedAt)} ms)`,
      );
      assert.ok(
        firstAt < endedAt - 5_000,
        `delivered during the run (${Math.round(firstAt)} ms), not at its end (${Math.round(endedAt)} ms)`,
      );
      const alerting = (run.summary as unknown as { alerting?: AlertingSection } | undefined)?.alerting;
      assert.deepEqual(
        alerting?.incidents.decisions.map((decision) => `${decision.kind} ${decision.key}`),
        ['open app-down'],
      );
      assert.deepEqual(
        alerting?.notifications.messages.map((message) => `${message.kind} ${message.key} ${message.delivery}`),
        ['open app-down delivered'],
      );
      assert.deepEqual(
        alerting?.incidents.open.map((incident) => incident.key),
        ['app-down'],
      );
    });
  }
});
