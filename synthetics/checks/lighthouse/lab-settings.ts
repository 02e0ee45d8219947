/**
 * What a lab run asks of Lighthouse, and nothing more: the audits the budgets read, no report
 * string it would render only for us to throw away, and waits sized for this suite's pages.
 *
 * Why the waits: with observed timings (`provided`, `devtools`) Lighthouse raises every quiet window
 * to 5,250 ms (`nonSimulatedSettingsOverrides`), so a run of a page that is done in 1 s still waits
 * ~11 s in `lh:driver:navigate` (load + 5.25 s pause and network quiet, then 5.25 s of CPU quiet).
 * The CPU window stays: total blocking time ends at time-to-interactive, which needs a 5 s quiet
 * window in the trace (shorter: NO_TTI_CPU_IDLE_PERIOD). The other windows only delay the start of
 * that one, and the trace keeps recording through it: a hero image delayed 3 s keeps the network
 * busy (LCP ~4 s), a banner pushed in 700 ms after render is a shift inside the CPU window — the lab
 * fault tests prove both.
 */
import { desktopConfig, type Config, type Flags } from 'lighthouse';
import { nonSimulatedSettingsOverrides } from 'lighthouse/core/config/constants.js';
import defaultConfig from 'lighthouse/core/config/default-config.js';
import { LAB_AUDITS } from './read-result.ts';
import type { FormFactor, MeasureOptions } from './lab-types.ts';
import { TELEMETRY } from '../../target/viamentor.ts';

/**
 * The target profile's telemetry beacons, as Chrome blocked-URL patterns: blocked in every lab run
 * unless a caller says otherwise. Never sent to the vendors (as the journeys answer them locally), and
 * a page's `keepalive` beacon never completes in Lighthouse's view: unblocked, each run waited out
 * its network-quiet window to the 45 s load limit (52 s instead of 15 s for the login page).
 */
export const LAB_BLOCKED_URLS: readonly string[] = TELEMETRY.beacons.flatMap((beacon) => beacon.labBlock);

/** Lighthouse's quiet windows for our runs (ms); `lhr.configSettings` of every report shows them. */
export const LAB_WAITS = {
  pauseAfterFcpMs: 1_000,
  pauseAfterLoadMs: 1_000,
  networkQuietThresholdMs: 1_000,
  cpuQuietThresholdMs: 5_250,
} as const;

/**
 * Lets the waits above apply to observed throttling too. Lighthouse takes the larger of the setting
 * and its override table, so the table is set to the same values (process-wide, idempotent).
 */
export function allowLabWaits(): void {
  Object.assign(nonSimulatedSettingsOverrides, LAB_WAITS);
}

/** Lighthouse flags: the budgets' audits only, no full-page screenshot, storage kept (it holds the session). */
export function lighthouseFlags(
  options: Pick<MeasureOptions, 'throttling' | 'blockedUrlPatterns'>,
  port: number,
): Flags {
  return {
    port,
    // The reports are written from the result (writeReports): Lighthouse need not render one.
    output: [],
    logLevel: 'silent',
    onlyAudits: [...LAB_AUDITS],
    disableFullPageScreenshot: true,
    // The profile is new for every run, so there is nothing stale to reset; resetting would erase the session.
    disableStorageReset: true,
    throttlingMethod: options.throttling ?? 'provided',
    ...LAB_WAITS,
    blockedUrlPatterns: [...(options.blockedUrlPatterns ?? LAB_BLOCKED_URLS)],
    // No extraHeaders: Lighthouse sends them to every origin; the bypass header goes through the target's tab only.
  };
}

/** An audit's id as a config lists it: `metrics/largest-contentful-paint` → `largest-contentful-paint`. */
function auditId(entry: NonNullable<Config['audits']>[number]): string {
  const path = typeof entry === 'string' ? entry : 'path' in entry ? entry.path : '';
  return path.split('/').pop() ?? path;
}

/**
 * Lighthouse's own config for `formFactor` (desktop: its desktop config), with its gatherers as they
 * are but only the audits the budgets read. Lighthouse resolves every audit a config lists before
 * `onlyAudits` filters them (`lh:config`: 0.45–2.6 s a run with all 162 audits, a few ms with these);
 * what it gathers and computes is the same (test/lighthouse/read-result.test.ts compares both).
 */
export function labConfig(formFactor: FormFactor): Config {
  const wanted = new Set(LAB_AUDITS);
  return {
    artifacts: defaultConfig.artifacts,
    audits: (defaultConfig.audits ?? []).filter((entry) => wanted.has(auditId(entry))),
    settings: { ...defaultConfig.settings, ...(formFactor === 'desktop' ? desktopConfig.settings : {}) },
  };
}
