/**
 * Block Kit building blocks that always respect Slack's limits — header ≤ 150 characters, section
 * text ≤ 3000, a field ≤ 2000 (≤ 10 fields), a context element ≤ 2000, ≤ 50 blocks — by clean
 * truncation: cut at a line or word boundary, never inside a link `<url|label>` or a code span,
 * never through an emoji, and marked with "…". Pure.
 */

export const SLACK_LIMITS = {
  header: 150,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  contextText: 2000,
  contextElements: 10,
  blocks: 50,
  fallbackText: 3000,
} as const;

export interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface SlackBlock {
  type: 'header' | 'section' | 'context' | 'divider';
  text?: TextObject;
  fields?: TextObject[];
  elements?: TextObject[];
}

/** What is posted to an incoming webhook: `text` is the notification and fallback, `blocks` the message. */
export interface SlackPayload {
  text: string;
  blocks: SlackBlock[];
}

const ELLIPSIS = '…';

/** Shortens `text` to at most `max` characters (code points), cleanly; unchanged when it fits. */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  let cut = chars.slice(0, Math.max(0, max - 1)).join('');
  const boundary = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf(' '));
  if (boundary >= cut.length * 0.8) cut = cut.slice(0, boundary);
  const openLink = cut.lastIndexOf('<');
  if (openLink > cut.lastIndexOf('>')) cut = cut.slice(0, openLink);
  const fence = cut.lastIndexOf('```');
  if ((cut.split('```').length - 1) % 2 === 1) cut = cut.slice(0, fence);
  else if ((cut.replace(/```/g, '').split('`').length - 1) % 2 === 1) cut = cut.slice(0, cut.lastIndexOf('`'));
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

export function header(text: string): SlackBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncateText(text.replace(/\s+/g, ' '), SLACK_LIMITS.header), emoji: true },
  };
}

export function section(markdown: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncateText(markdown, SLACK_LIMITS.sectionText) } };
}

export function fields(entries: ReadonlyArray<[string, string]>): SlackBlock {
  return {
    type: 'section',
    fields: entries
      .slice(0, SLACK_LIMITS.fields)
      .map(([label, value]) => ({ type: 'mrkdwn', text: truncateText(`*${label}*\n${value}`, SLACK_LIMITS.field) })),
  };
}

export function context(texts: readonly string[]): SlackBlock {
  return {
    type: 'context',
    elements: texts
      .slice(0, SLACK_LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn', text: truncateText(text, SLACK_LIMITS.contextText) })),
  };
}

/** A bullet list in as few sections as fit, the rest summarised by `more(count)`. */
export function listSections(
  title: string,
  items: readonly string[],
  more: (count: number) => string,
  maxSections = 3,
): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let current = `*${title}*`;
  let index = 0;
  for (; index < items.length; index += 1) {
    const line = `\n• ${truncateText(items[index]!, 500)}`;
    if (Array.from(current + line).length > SLACK_LIMITS.sectionText - 80) {
      if (blocks.length + 1 >= maxSections) break;
      blocks.push(section(current));
      current = '';
    }
    current += line;
  }
  if (index < items.length) current += `\n${more(items.length - index)}`;
  blocks.push(section(current.replace(/^\n/, '')));
  return blocks;
}

/** The message within Slack's limits: at most 50 blocks (the last one says how many were left out). */
export function payload(text: string, blocks: readonly SlackBlock[], more: (count: number) => string): SlackPayload {
  const fitted =
    blocks.length <= SLACK_LIMITS.blocks
      ? [...blocks]
      : [...blocks.slice(0, SLACK_LIMITS.blocks - 1), context([more(blocks.length - SLACK_LIMITS.blocks + 1)])];
  return { text: truncateText(text, SLACK_LIMITS.fallbackText), blocks: fitted };
}

/** The message as plain lines, for a console (dry run, `npm run digest` without a webhook). */
export function payloadAsText(message: SlackPayload): string[] {
  return message.blocks.flatMap((block) => [
    ...(block.text ? [block.text.text] : []),
    ...(block.fields ?? []).map((field) => field.text.replace('\n', ' ')),
    ...(block.elements ?? []).map((element) => element.text),
  ]);
}
