/**
 * Slack messages for incident decisions (open, remind, resolve) and post-deploy gate results,
 * modelled on the plan's example: severity emoji and label, what broke, environment, URL, checks
 * affected, first failure reason, links (CI run, report, trace), the runbook step, the duration on
 * resolve. French by default, English on request. Pure: decision and context in, payload out.
 */
import { ALERT_POLICY } from '../alerting/alert-policy.ts';
import type { GateResult, MessageContext } from '../alerting/alert-state.ts';
import type { AlertDecision } from '../alerting/incidents.ts';
import {
  RUNBOOKS,
  RUNBOOKS_DOC,
  SEVERITY_EMOJI,
  TEXTS,
  formatDateTime,
  formatDuration,
  label,
  type Locale,
} from './alert-texts.ts';
import {
  context,
  fields,
  header,
  listSections,
  payload,
  section,
  truncateText,
  type SlackBlock,
  type SlackPayload,
} from './slack-blocks.ts';

const REASON_CHARS = 1500;
const ENVIRONMENTS: Record<Locale, Record<string, string>> = {
  fr: { production: 'Production', preview: 'Preview', local: 'Référence locale' },
  en: { production: 'Production', preview: 'Preview', local: 'Local reference app' },
};

/** Slack mrkdwn control characters in text that is not ours (error messages, titles). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The environment's name in the message's language (`production`, `preview`, `local`, or as configured). */
export function environmentLabel(environment: string, locale: Locale): string {
  return ENVIRONMENTS[locale][environment] ?? environment;
}

function environmentName(ctx: MessageContext, locale: Locale): string {
  return environmentLabel(ctx.environment, locale);
}

/** Title of an incident in the message's language. */
export function incidentTitle(decision: Pick<AlertDecision, 'incidentKind' | 'subject'>, locale: Locale): string {
  return TEXTS[locale].title[decision.incidentKind](decision.subject);
}

function linksLine(ctx: MessageContext, evidence: readonly string[] | undefined, locale: Locale): string {
  const t = TEXTS[locale];
  const parts: string[] = [];
  if (ctx.runUrl) parts.push(`<${ctx.runUrl}|${t.run}>`);
  if (ctx.reportUrl) parts.push(`<${ctx.reportUrl}/html/index.html|${t.report}>`);
  else if (ctx.runUrl) parts.push(`<${ctx.runUrl}#artifacts|${t.report}>`);
  else parts.push(`${label(t.report, locale)} \`${ctx.reportPath}/html/index.html\``);
  // A trace is `…/trace.zip` in a plain run, `blob/resources/<sha1>.zip` in a merged (sharded) one.
  const trace = evidence?.find((path) => path.endsWith('.zip')) ?? evidence?.[0];
  if (trace)
    parts.push(ctx.reportUrl ? `<${ctx.reportUrl}/${trace}|${t.trace}>` : `${label(t.trace, locale)} \`${trace}\``);
  return `*${label(t.links, locale)}* ${parts.join(' · ')}`;
}

function checksValue(checkIds: readonly string[], locale: Locale): string {
  const shown = checkIds
    .slice(0, 8)
    .map((id) => `\`${id}\``)
    .join(', ');
  const more = checkIds.length > 8 ? ` ${TEXTS[locale].andMore(checkIds.length - 8)}` : '';
  return `${checkIds.length} — ${shown}${more}`;
}

/** The runbook's steps under a header that links the runbooks section (a path when no repository is known). */
function runbookSection(decision: AlertDecision, ctx: MessageContext, locale: Locale): SlackBlock {
  const runbook = RUNBOOKS[locale][decision.incidentKind];
  const steps = runbook.steps.map((step, index) => `${index + 1}. ${step}`).join('\n');
  const doc = ctx.runbooksUrl ? `<${ctx.runbooksUrl}|${RUNBOOKS_DOC}>` : `\`${RUNBOOKS_DOC}\``;
  return section(`*${label(`${TEXTS[locale].runbook} — ${runbook.name}`, locale)}* ${doc}\n${steps}`);
}

function footer(decision: AlertDecision, ctx: MessageContext, locale: Locale, delayed: boolean): SlackBlock {
  const t = TEXTS[locale];
  const parts = [
    `${t.footer} · run \`${decision.runId}\` · ` +
      `incident \`${escapeMrkdwn(decision.key)}\` · ${t.respond(ALERT_POLICY.respondWithin[decision.severity])}`,
  ];
  if (delayed) parts.unshift(t.delayed(formatDateTime(decision.at, locale)));
  return context(parts);
}

/**
 * Open, remind or resolve, as a Block Kit message. `delayed`: delivered by a later run than the one that decided it.
 */
export function formatIncidentMessage(
  decision: AlertDecision,
  ctx: MessageContext,
  locale: Locale,
  delayed = false,
): SlackPayload {
  const t = TEXTS[locale];
  const title = incidentTitle(decision, locale);
  const severity = `${SEVERITY_EMOJI[decision.severity]} ${t.severity[decision.severity]}`;
  const env = environmentName(ctx, locale);
  const reminder = decision.silenceEnded ? `🔔 ${t.silenceOver}` : `🔁 ${t.reminder}`;
  const headline =
    decision.kind === 'open'
      ? `${severity} — ${title}`
      : decision.kind === 'remind'
        ? `${reminder} — ${severity} — ${title}`
        : `✅ ${t.resolved} — ${severity} — ${title}`;
  const overview = fields([
    [label(t.environment, locale), env],
    [label(t.url, locale), ctx.baseUrl],
    [label(t.since, locale), formatDateTime(decision.since, locale)],
    [label(t.checks, locale), checksValue(decision.checkIds, locale)],
  ]);
  const reason = decision.reason
    ? section(
        `*${label(t.error, locale)}*\n` +
          `\`\`\`${escapeMrkdwn(truncateText(decision.reason.replace(/```/g, "'''"), REASON_CHARS))}\`\`\``,
      )
    : undefined;
  const blocks: SlackBlock[] = [header(headline)];
  if (decision.kind === 'resolve') {
    blocks.push(
      section(
        t.lasted(
          formatDuration(decision.durationMs ?? 0, locale),
          formatDateTime(decision.since, locale),
          formatDateTime(decision.at, locale),
        ),
      ),
      overview,
    );
    if (decision.flaps > 0) blocks.push(section(t.flapped(decision.flaps)));
    blocks.push(section(linksLine(ctx, undefined, locale)));
  } else {
    const elapsed = formatDuration(decision.durationMs ?? 0, locale);
    if (decision.kind === 'remind')
      blocks.push(
        section(
          decision.silenceEnded ? t.stillOpenAfterSilence(elapsed) : t.stillFailing(elapsed, decision.reminder ?? 1),
        ),
      );
    if (reason) blocks.push(reason);
    blocks.push(overview, section(linksLine(ctx, decision.evidence, locale)), runbookSection(decision, ctx, locale));
  }
  blocks.push(footer(decision, ctx, locale, delayed));
  const prefix =
    decision.kind === 'open'
      ? `${t.opened} ${env}`
      : decision.kind === 'remind'
        ? decision.silenceEnded
          ? t.silenceOver
          : t.reminder
        : t.resolved;
  return payload(`${prefix} — ${severity} — ${title} — ${ctx.baseUrl}`, blocks, t.andMore);
}

/** A post-deploy gate result for the deploys channel: pass or fail, and what is not green. */
export function formatGateMessage(
  gate: GateResult,
  ctx: MessageContext,
  locale: Locale,
  delayed = false,
): SlackPayload {
  const t = TEXTS[locale];
  const headline = gate.verdict === 'pass' ? t.gatePass : t.gateFail;
  const counts = gate.counts;
  const other = counts.skipped + counts.degraded + counts.error;
  const blocks: SlackBlock[] = [
    header(`${headline} — ${environmentName(ctx, locale)}`),
    fields([
      [label(t.environment, locale), environmentName(ctx, locale)],
      [label(t.url, locale), ctx.baseUrl],
      [label(t.commit, locale), ctx.sha ? `\`${ctx.sha.slice(0, 7)}\`` : '—'],
      [label(t.result, locale), t.gateCounts(counts.passed + counts.flaky, counts.failed, other)],
    ]),
  ];
  if (gate.failing.length) {
    const items = gate.failing.map(
      (check) =>
        `\`${check.id}\` ${check.status}${check.error ? ` — ${escapeMrkdwn(truncateText(check.error, 200))}` : ''}`,
    );
    blocks.push(...listSections(label(t.checks, locale), items, t.andMore));
  }
  blocks.push(
    section(
      linksLine(
        ctx,
        gate.failing.flatMap((check) => check.evidence ?? []),
        locale,
      ),
    ),
  );
  if (ctx.runUrl && gate.verdict === 'fail') blocks.push(section(t.rerun));
  blocks.push(
    context([...(delayed ? [t.delayed(formatDateTime(gate.at, locale))] : []), `${t.footer} · run \`${gate.runId}\``]),
  );
  return payload(`${headline} — ${ctx.baseUrl}`, blocks, t.andMore);
}
