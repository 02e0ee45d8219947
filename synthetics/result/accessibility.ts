/**
 * Accessibility verdict per page from axe scans: violations at a failing impact fail the page,
 * unless allow-listed — and an allow-list entry stops counting on its expiry date. Pure.
 */

import { checkId } from '../model/check-ids.ts';
import type { A11yViolation, Impact } from '../model/observations.ts';

export interface AllowEntry {
  rule: string;
  reason: string;
  expires: string; // YYYY-MM-DD, last day the entry applies
  pages?: string[];
}

export interface A11yPolicy {
  failOn: readonly Impact[];
  allow: readonly AllowEntry[];
}

export interface A11yAssertion {
  id: string;
  page: string;
  status: 'passed' | 'failed';
  /** Violations that fail the page. */
  violations: A11yViolation[];
  /** Violations at a failing impact that an unexpired allow-list entry excuses. */
  allowed: Array<A11yViolation & { reason: string; expires: string }>;
  message: string;
}

/** The entry excusing `rule` on `page` on `today`, if any (valid through its expiry day). */
export function allowEntryFor(policy: A11yPolicy, rule: string, page: string, today: string): AllowEntry | undefined {
  return policy.allow.find(
    (entry) => entry.rule === rule && (!entry.pages || entry.pages.includes(page)) && today <= entry.expires,
  );
}

/** Merges the violations of several scans of one page (same rule → targets united). */
export function mergeViolations(scans: ReadonlyArray<readonly A11yViolation[]>): A11yViolation[] {
  const byRule = new Map<string, A11yViolation>();
  for (const violation of scans.flat()) {
    const known = byRule.get(violation.rule);
    byRule.set(
      violation.rule,
      known
        ? { ...known, targets: [...new Set([...known.targets, ...violation.targets])] }
        : { ...violation, targets: [...violation.targets] },
    );
  }
  return [...byRule.values()];
}

function describe(violation: A11yViolation): string {
  const targets = violation.targets.slice(0, 3).join(', ');
  const more = violation.targets.length > 3 ? ' …' : '';
  const impact = violation.impact ?? 'unknown';
  return `${violation.rule} (${impact}): ${violation.help} — ${targets}${more} — ${violation.helpUrl}`;
}

/** Judges the scans of one page; `today` is YYYY-MM-DD (injected: no clock here). */
export function evaluateA11y(
  page: string,
  scans: ReadonlyArray<readonly A11yViolation[]>,
  policy: A11yPolicy,
  today: string,
): A11yAssertion {
  const failing = mergeViolations(scans).filter(
    (violation) => violation.impact && policy.failOn.includes(violation.impact),
  );
  const violations: A11yViolation[] = [];
  const allowed: A11yAssertion['allowed'] = [];
  for (const violation of failing) {
    const entry = allowEntryFor(policy, violation.rule, page, today);
    if (entry) allowed.push({ ...violation, reason: entry.reason, expires: entry.expires });
    else violations.push(violation);
  }
  const allowList = allowed.length ? ` (${allowed.length} allow-listed until their expiry)` : '';
  const message = violations.length
    ? `${violations.length} accessibility violation(s) at ${policy.failOn.join('/')} impact: ` +
      violations.map(describe).join(' | ')
    : `no ${policy.failOn.join('/')} violation${allowList} in ${scans.length} scan(s)`;
  return {
    id: checkId.a11y(page),
    page,
    status: violations.length ? 'failed' : 'passed',
    violations,
    allowed,
    message,
  };
}
