/** Slack messages: content in French and English, links, runbooks, and Slack's limits by clean truncation. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDigestMessage } from '../../synthetics/outputs/digest-message.ts';
import { formatGateMessage, formatIncidentMessage } from '../../synthetics/outputs/incident-message.ts';
import { SLACK_LIMITS, truncateText, type SlackPayload } from '../../synthetics/outputs/slack-blocks.ts';
import { emptyState, type GateResult, type MessageContext } from '../../synthetics/alerting/alert-state.ts';
import { buildDigest } from '../../synthetics/alerting/digest.ts';
import { decideAlerts, type AlertDecision } from '../../synthetics/alerting/incidents.ts';
import { toRunRecord } from '../../synthetics/alerting/run-record.ts';
import { deriveSignals } from '../../synthetics/alerting/signals.ts';
import { at, summaryOf, TARGET } from '../helpers/alerting-fixtures.ts';
import { payloadText } from '../helpers/fake-webhook.ts';
import { joinRegex } from '../helpers/join-regex.ts';
import { readFileSync } from 'node:fs';
import { loadAlertingOptions } from '../../synthetics/config/alerting.ts';
import { loadSuiteConfig } from '../../synthetics/config/env.ts';
import { RUNBOOKS_DOC } from '../../synthetics/outputs/alert-texts.ts';
import { messageContextOf } from '../../synthetics/stages/alerting-stage.ts';

const CI: MessageContext = {
  environment: 'production',
  baseUrl: 'https://viamentor.vercel.app',
  runUrl: 'https://github.com/viamentor/synthetics/actions/runs/42',
  reportPath: 'reports/latest',
  sha: '0123456789abcdef',
  runbooksUrl: 'https://github.com/viamentor/synthetics/blob/0123456789abcdef/docs/monitoring-policy.md#runbooks',
};
const LOCAL: MessageContext = { environment: 'local', baseUrl: TARGET, reportPath: 'reports/latest' };

function decisionOf(kind: AlertDecision['kind'], faults: string[], extra: Partial<AlertDecision> = {}): AlertDecision {
  const signals = deriveSignals(summaryOf('r1', faults).checks);
  const red = decideAlerts(signals, [], at(0), { runId: 'r1', target: TARGET }).incidents;
  const opened =
    decideAlerts(signals, red, at(15), { runId: 'r2', target: TARGET }).decisions[0] ??
    decideAlerts(signals, [], at(0), { runId: 'r1', target: TARGET }).decisions[0]!;
  return { ...opened, kind, ...extra };
}

/** Every Slack limit, checked on a payload. */
function assertWithinLimits(message: SlackPayload): void {
  assert.ok(message.blocks.length <= SLACK_LIMITS.blocks, `${message.blocks.length} blocks`);
  for (const block of message.blocks) {
    if (block.type === 'header') {
      const characters = Array.from(block.text!.text).length;
      assert.ok(characters <= SLACK_LIMITS.header, 'header ≤ 150');
    }
    if (block.text && block.type === 'section')
      assert.ok(Array.from(block.text.text).length <= SLACK_LIMITS.sectionText, 'section ≤ 3000');
    for (const field of block.fields ?? [])
      assert.ok(Array.from(field.text).length <= SLACK_LIMITS.field, 'field ≤ 2000');
    assert.ok((block.fields ?? []).length <= SLACK_LIMITS.fields, '≤ 10 fields');
  }
}

describe('incident messages', () => {
  const cases: Array<[string, AlertDecision, MessageContext, 'fr' | 'en', RegExp[]]> = [
    [
      'P0 open, French, from CI',
      decisionOf('open', ['health-db-down']),
      CI,
      'fr',
      [
        /^ALERTE Production — 🔴 P0 critique — Application indisponible — https:\/\/viamentor\.vercel\.app/,
        /🔴 P0 critique — Application indisponible/,
        /\*Erreur :\*\n```GET \/api\/health answers 200 \(body: \{"status":"unhealthy","database":"error"\}\)```/,
        /\*Environnement :\*\nProduction/,
        /\*URL :\*\nhttps:\/\/viamentor\.vercel\.app/,
        /\*Depuis :\*\n25\.11\.2026 09:00/,
        /\*Checks touchés :\*\n1 — `uptime:health`/,
        joinRegex([
          /<https:\/\/github\.com\/viamentor\/synthetics\/actions\/runs\/42\|Exécution CI> ·/,
          / <https:\/\/github\.com\/viamentor\/synthetics\/actions\/runs\/42#artifacts\|Rapport>/,
        ]),
        joinRegex([
          /\*Runbook — App Down :\* <https:\/\/github\.com\/viamentor\/synthetics\/blob\/0123456789abcdef\//,
          /docs\/monitoring-policy\.md#runbooks\|docs\/monitoring-policy\.md#runbooks>\n/,
          /1\. Vérifier : .*Supabase Dashboard/,
        ]),
        /2\. Actions : rollback du dernier déploiement/,
        /réponse attendue < 15 min/,
      ],
    ],
    [
      'P0 open, English',
      decisionOf('open', ['login-broken']),
      CI,
      'en',
      [
        /^ALERT Production — 🔴 P0 critical — Login broken/,
        /\*Error:\*/,
        /\*Environment:\*\nProduction/,
        joinRegex([
          /Runbook — App Down · authentication:\* <https:\/\/github\.com\/[^|]+#runbooks\|/,
          /docs\/monitoring-policy\.md#runbooks>\n1\. /,
        ]),
        /respond within 15 min/,
        /Trace: `test-results\/login-retry1\/trace\.zip`/,
      ],
    ],
    [
      'P1 open, local, trace path',
      decisionOf('open', ['invoice-total-wrong']),
      LOCAL,
      'fr',
      [
        /🟡 P1 important — Parcours en échec : journey: invoice/,
        /Expected: "CHF 20\.25"; Received: "CHF 19\.25"/,
        /Référence locale/,
        /Rapport : `reports\/latest\/html\/index\.html`/,
        /Trace : `test-results\/invoice-retry1\/trace\.zip`/,
        /\*Runbook — Error Spike :\* `docs\/monitoring-policy\.md#runbooks`\n1\. /,
        /réponse attendue < 4 h/,
      ],
    ],
    [
      'P0 reminder',
      decisionOf('remind', ['login-broken'], { reminder: 2, durationMs: 125 * 60_000 }),
      CI,
      'fr',
      [
        /^Rappel — 🔴 P0 critique — Connexion impossible/,
        /🔁 Rappel — 🔴 P0 critique/,
        /\*Toujours en échec\* depuis 2 h 05 min \(rappel n° 2\)/,
      ],
    ],
    [
      'P1 resolve with duration, French',
      decisionOf('resolve', ['invoice-total-wrong'], {
        durationMs: 45 * 60_000,
        at: at(45).toISOString(),
        since: at(0).toISOString(),
      }),
      CI,
      'fr',
      [
        /^Résolu — 🟡 P1 important — Parcours en échec : journey: invoice/,
        /✅ Résolu/,
        /\*Durée :\* 45 min \(du 25\.11\.2026 09:00 au 25\.11\.2026 09:45\)/,
      ],
    ],
    [
      'P0 resolve after flapping, English',
      decisionOf('resolve', ['login-broken'], { durationMs: 3 * 3_600_000, flaps: 2 }),
      CI,
      'en',
      [
        /✅ Resolved — 🔴 P0 critical — Login broken/,
        /\*Duration:\* 3 h 00 min/,
        /Unstable: turned red again 2 time\(s\)/,
      ],
    ],
    [
      'delivered late says so',
      decisionOf('open', ['login-broken']),
      CI,
      'fr',
      [/⏱ Envoi différé : décidé le 25\.11\.2026/],
    ],
  ];
  for (const [name, decision, ctx, locale, patterns] of cases) {
    test(name, () => {
      const message = formatIncidentMessage(decision, ctx, locale, name.startsWith('delivered late'));
      const text = payloadText(message);
      for (const pattern of patterns) assert.match(text, pattern);
      assertWithinLimits(message);
    });
  }

  test('a resolve carries no runbook and no error; an open carries both', () => {
    const open = payloadText(formatIncidentMessage(decisionOf('open', ['login-broken']), CI, 'fr'));
    const resolve = payloadText(
      formatIncidentMessage(decisionOf('resolve', ['login-broken'], { durationMs: 60_000 }), CI, 'fr'),
    );
    assert.match(open, /Runbook/);
    assert.doesNotMatch(resolve, /Runbook|Erreur/);
  });

  test("the runbook header links a section that exists in the repository, at the run's commit on GitHub", () => {
    const [file = '', anchor = ''] = RUNBOOKS_DOC.split('#');
    const headings = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => /^#{1,6} /.test(line))
      .map((line) =>
        line
          .replace(/^#+ /, '')
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .trim()
          .replace(/ /g, '-'),
      );
    assert.ok(headings.includes(anchor), `${file} has no heading for #${anchor}`);
    const env = {
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'viamentor/synthetics',
      GITHUB_RUN_ID: '42',
      GITHUB_SHA: 'abc123',
      SYNTHETICS_MAINTENANCE: 'none.json',
    };
    const ctx = messageContextOf(loadSuiteConfig({}), loadAlertingOptions(env), TARGET, 'reports/latest');
    assert.equal(
      ctx.runbooksUrl,
      'https://github.com/viamentor/synthetics/blob/abc123/docs/monitoring-policy.md#runbooks',
    );
    const local = messageContextOf(
      loadSuiteConfig({}),
      loadAlertingOptions({ SYNTHETICS_MAINTENANCE: 'none.json' }),
      TARGET,
      'r',
    );
    assert.equal(local.runbooksUrl, undefined);
    for (const locale of ['fr', 'en'] as const) {
      const text = payloadText(formatIncidentMessage(decisionOf('open', ['login-broken']), CI, locale));
      assert.doesNotMatch(text, /plan §|plan section/);
    }
  });

  test('Slack control characters in errors are escaped', () => {
    const text = payloadText(
      formatIncidentMessage(decisionOf('open', ['login-broken'], { reason: 'expected <= 500 & got <b>' }), CI, 'en'),
    );
    assert.match(text, /expected &lt;= 500 &amp; got &lt;b&gt;/);
  });

  test('an enormous reason and 200 checks stay within every limit, cut cleanly', () => {
    const message = formatIncidentMessage(
      decisionOf('open', ['app-down'], {
        reason: 'x '.repeat(5000),
        checkIds: Array.from({ length: 200 }, (_, i) => `journey:j${i}`),
        subject: 'y'.repeat(400),
      }),
      CI,
      'fr',
    );
    assertWithinLimits(message);
    assert.match(payloadText(message), /… et 192 de plus \(voir le rapport\)/);
  });
});

describe('gate and digest messages', () => {
  const gate = (verdict: 'pass' | 'fail', failing: number): GateResult => ({
    id: 'g:gate',
    kind: 'gate',
    target: CI.baseUrl,
    runId: 'g',
    at: at(0).toISOString(),
    verdict,
    counts: { passed: 40, failed: failing, flaky: 1, skipped: 0, degraded: 0, error: 0 },
    failing: Array.from({ length: failing }, (_, i) => ({
      id: `a11y:page-${i}`,
      status: 'failed' as const,
      error: `label — ${'z'.repeat(300)}`,
      evidence: [`test-results/p${i}/trace.zip`],
    })),
  });

  test('gate pass (French) and fail (English) for the deploys channel', () => {
    const pass = payloadText(formatGateMessage(gate('pass', 0), { ...CI, environment: 'preview' }, 'fr'));
    assert.match(pass, /✅ Contrôle post-déploiement réussi — Preview/);
    assert.match(pass, /\*Commit :\*\n`0123456`/);
    assert.match(pass, /41 réussis · 0 en échec/);
    const fail = payloadText(formatGateMessage(gate('fail', 2), CI, 'en'));
    assert.match(fail, /❌ Post-deploy check failed — promotion blocked/);
    assert.match(fail, /`a11y:page-0` failed — label/);
    assert.match(fail, /Re-run: "Re-run jobs" on the run page/);
  });

  test('a gate with 300 failing checks stays within the limits', () => {
    const message = formatGateMessage(gate('fail', 300), CI, 'fr');
    assertWithinLimits(message);
    assert.match(payloadText(message), /… et \d+ de plus/);
  });

  test('the digest: SLO, runs, open incidents, P2 items, resolved (French and English)', () => {
    const records = Array.from({ length: 4 }, (_, i) =>
      toRunRecord(summaryOf(`r${i}`, i === 3 ? ['login-broken'] : [], 20), 'monitor', at(i * 15)),
    );
    const state = emptyState();
    state.incidents = decideAlerts(deriveSignals(summaryOf('r3', ['login-broken']).checks), [], at(45), {
      runId: 'r3',
      target: TARGET,
    }).incidents;
    state.incidents.push({
      ...state.incidents[0]!,
      key: 'a11y:planning',
      severity: 'P2',
      kind: 'accessibility',
      subject: 'a11y: planning',
      reason: 'label (critical): #planning-date',
    });
    state.recent.push({
      ...state.incidents[0]!,
      key: 'journey:invoice',
      kind: 'journey',
      subject: 'journey: invoice',
      severity: 'P1',
      resolvedAt: at(30).toISOString(),
      durationMs: 30 * 60_000,
    });
    const digest = buildDigest(records, state, TARGET, at(60), 15);
    const fr = payloadText(formatDigestMessage(digest, 'fr', 'production'));
    for (const pattern of [
      /🟢 Digest quotidien — Production — 25\.11\.2026/,
      /\*SLO \(30 jours\)\*/,
      /Disponibilité 100\.00 %/,
      /budget d'erreur restant 43\.2 \/ 43\.2 min/,
      /4 exécutions, 1 en échec/,
      /🔴 Connexion impossible \(`journey:login`\) depuis 25\.11\.2026 09:45/,
      /\*Accessibilité \(P2\)\*\n• 🟢 Accessibilité : a11y: planning/,
      /✅ Parcours en échec : journey: invoice \(`journey:invoice`\) — durée 30 min/,
    ])
      assert.match(fr, pattern);
    const en = payloadText(formatDigestMessage(digest, 'en', 'production'));
    assert.match(en, /Daily digest — Production/);
    assert.match(en, /Availability 100\.00 % \(target 99\.90 %\) — error budget left 43\.2 \/ 43\.2 min/);
  });
});

describe('truncateText', () => {
  const table: Array<[string, string, number, string]> = [
    ['fits: unchanged', 'short text', 20, 'short text'],
    ['cut at a word boundary', 'the quick brown fox jumps over', 20, 'the quick brown fox…'],
    ['never inside a link', 'see <https://example.com/a/very/long/path|the report> now', 30, 'see…'],
    ['never inside a code span', 'error `some long code here` end', 20, 'error…'],
    ['never through an emoji', '🔴🔴🔴🔴🔴', 3, '🔴🔴…'],
    ['an unclosed code block is dropped', 'x\n```\nline one\nline two\nline three```', 20, 'x…'],
  ];
  for (const [name, input, max, expected] of table) {
    test(name, () => {
      const out = truncateText(input, max);
      assert.equal(out, expected);
      assert.ok(Array.from(out).length <= max);
    });
  }
});
