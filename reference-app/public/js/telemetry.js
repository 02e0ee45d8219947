/**
 * Telemetry as production sends it, same URL shapes and bodies: a Sentry session envelope when the
 * app starts (and an event envelope per uncaught error), a GA4 `page_view` collect hit and a Vercel
 * Web Analytics view per rendered page, Speed Insights vitals once per page load. Everything goes to
 * this origin's stand-ins of the vendors (reference-app/src/beacons.ts): nothing leaves the machine.
 * The `telemetry-missing` fault keeps the Sentry SDK from starting (no envelope at all).
 */
import { hasFault } from './faults.js';

const SENTRY = { publicKey: 'viamentorlocal', path: '/sentry', projectId: '1' };
const SDK = { name: 'sentry.javascript.browser', version: '8.42.0' };
const GA4_MEASUREMENT_ID = 'G-VIAMENTOR1';
const ANALYTICS_SDK = { sdkn: '@vercel/analytics', sdkv: '1.4.1' };

const randomHex = (length) => Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join('');
const clientId = `${Math.floor(Math.random() * 2 ** 31)}.${Math.floor(Date.now() / 1000)}`;
const sessionId = String(Math.floor(Date.now() / 1000));
let sentryOn = false;
let hitCount = 0;

function post(url, body, contentType = 'text/plain;charset=UTF-8') {
  fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': contentType } }).catch(
    () => undefined, // telemetry never breaks the app
  );
}

function sentryEnvelopeUrl() {
  const query = new URLSearchParams({
    sentry_key: SENTRY.publicKey,
    sentry_version: '7',
    sentry_client: `${SDK.name}/${SDK.version}`,
  });
  return `${location.origin}${SENTRY.path}/api/${SENTRY.projectId}/envelope/?${query}`;
}

function sendEnvelope(type, payload) {
  const header = { sent_at: new Date().toISOString(), sdk: SDK };
  post(sentryEnvelopeUrl(), [header, { type }, payload].map((part) => JSON.stringify(part)).join('\n'));
}

function reportError(error) {
  if (!sentryOn) return;
  sendEnvelope('event', {
    event_id: randomHex(32),
    timestamp: Date.now() / 1000,
    platform: 'javascript',
    level: 'error',
    exception: { values: [{ type: error?.name ?? 'Error', value: String(error?.message ?? error) }] },
    request: { url: location.href },
  });
}

function startSentry() {
  if (hasFault('telemetry-missing')) return;
  sentryOn = true;
  const now = new Date().toISOString();
  sendEnvelope('session', {
    sid: randomHex(32),
    init: true,
    started: now,
    timestamp: now,
    status: 'ok',
    errors: 0,
    attrs: { release: 'viamentor-reference', environment: 'reference', user_agent: navigator.userAgent },
  });
  addEventListener('error', (event) => reportError(event.error ?? event.message));
  addEventListener('unhandledrejection', (event) => reportError(event.reason));
}

function firstContentfulPaint() {
  return new Promise((resolve) => {
    const found = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    if (found() !== undefined) return resolve(found());
    const observer = new PerformanceObserver(() => {
      if (found() === undefined) return;
      observer.disconnect();
      resolve(found());
    });
    observer.observe({ type: 'paint', buffered: true });
    setTimeout(() => resolve(found()), 5000);
  });
}

async function sendSpeedInsights() {
  const fcp = await firstContentfulPaint();
  const navigation = performance.getEntriesByType('navigation')[0];
  const metrics = [
    ...(navigation ? [{ name: 'TTFB', value: Math.round(navigation.responseStart) }] : []),
    ...(fcp === undefined ? [] : [{ name: 'FCP', value: Math.round(fcp) }]),
  ];
  const body = { dsn: 'viamentorlocal', path: location.pathname, href: location.href, metrics };
  post('/_vercel/speed-insights/vitals', JSON.stringify(body), 'application/json');
}

/** Starts the SDKs: Sentry's session, and Speed Insights once the page has loaded. */
export function startTelemetry() {
  startSentry();
  if (document.readyState === 'complete') void sendSpeedInsights();
  else addEventListener('load', () => void sendSpeedInsights(), { once: true });
}

/** One rendered page: GA4 `page_view` (gtag's collect hit) and a Vercel Web Analytics view. */
export function trackPageView() {
  hitCount += 1;
  const hit = new URLSearchParams({
    v: '2',
    tid: GA4_MEASUREMENT_ID,
    cid: clientId,
    sid: sessionId,
    _s: String(hitCount),
    ul: navigator.language.toLowerCase(),
    sr: `${screen.width}x${screen.height}`,
    dl: location.href,
    dt: document.title,
    en: 'page_view',
  });
  const collect = `/g/collect?${hit}`;
  if (!navigator.sendBeacon?.(collect)) post(collect, '');
  const view = { o: location.href, r: document.referrer, ts: Date.now(), sv: '0.1.3', ...ANALYTICS_SDK };
  post('/_vercel/insights/view', JSON.stringify(view), 'application/json');
}
