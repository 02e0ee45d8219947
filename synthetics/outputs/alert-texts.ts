/**
 * The words of every alert, in French (the team's language, the default) and English: labels,
 * incident titles, the runbook step for each kind of incident (docs/monitoring-policy.md, Runbooks), and how dates and
 * durations read. Pure data and formatting; no message structure here.
 */
import type { IncidentKind, Severity } from '../alerting/alert-policy.ts';

export type Locale = 'fr' | 'en';

export const SEVERITY_EMOJI: Record<Severity, string> = { P0: '🔴', P1: '🟡', P2: '🟢' };

interface Texts {
  severity: Record<Severity, string>;
  title: Record<IncidentKind, (subject: string) => string>;
  opened: string;
  reminder: string;
  resolved: string;
  error: string;
  environment: string;
  url: string;
  since: string;
  checks: string;
  links: string;
  run: string;
  report: string;
  trace: string;
  runbook: string;
  duration: string;
  stillFailing: (elapsed: string, count: number) => string;
  silenceOver: string;
  stillOpenAfterSilence: (elapsed: string) => string;
  lasted: (duration: string, from: string, to: string) => string;
  flapped: (count: number) => string;
  respond: (within: string) => string;
  delayed: (at: string) => string;
  andMore: (count: number) => string;
  gatePass: string;
  gateFail: string;
  commit: string;
  result: string;
  gateCounts: (passed: number, failed: number, other: number) => string;
  rerun: string;
  footer: string;
}

const FR: Texts = {
  severity: { P0: 'P0 critique', P1: 'P1 important', P2: 'P2 info' },
  title: {
    'app-down': () => 'Application indisponible',
    login: () => 'Connexion impossible',
    journey: (subject) => `Parcours en échec : ${subject}`,
    latency: () => 'Temps de réponse API p95 > 2 s',
    performance: (subject) => `Performance dégradée : ${subject}`,
    regression: (subject) => `Régression : ${subject}`,
    accessibility: (subject) => `Accessibilité : ${subject}`,
    security: () => 'Fuite de données entre auto-écoles (RLS)',
    telemetry: (subject) => `Télémétrie muette : ${subject}`,
  },
  opened: 'ALERTE',
  reminder: 'Rappel',
  resolved: 'Résolu',
  error: 'Erreur',
  environment: 'Environnement',
  url: 'URL',
  since: 'Depuis',
  checks: 'Checks touchés',
  links: 'Liens',
  run: 'Exécution CI',
  report: 'Rapport',
  trace: 'Trace',
  runbook: 'Runbook',
  duration: 'Durée',
  stillFailing: (elapsed, count) => `*Toujours en échec* depuis ${elapsed} (rappel n° ${count})`,
  silenceOver: 'Fin du silence',
  stillOpenAfterSilence: (elapsed) =>
    `*Le silence est terminé et l'incident est toujours ouvert* (depuis ${elapsed}) ; les messages retenus ` +
    `pendant le silence ne sont pas renvoyés un par un`,
  lasted: (duration, from, to) => `*Durée :* ${duration} (du ${from} au ${to})`,
  flapped: (count) => `Instable : est repassé au rouge ${count} fois pendant l'incident`,
  respond: (within) => `réponse attendue < ${within}`,
  delayed: (at) => `⏱ Envoi différé : décidé le ${at}, Slack n'a pas pu être joint à temps`,
  andMore: (count) => `… et ${count} de plus (voir le rapport)`,
  gatePass: '✅ Contrôle post-déploiement réussi',
  gateFail: '❌ Contrôle post-déploiement en échec — promotion bloquée',
  commit: 'Commit',
  result: 'Résultat',
  gateCounts: (passed, failed, other) => {
    const others = other ? ` · ${other} autres` : '';
    return `${passed} réussis · ${failed} en échec${others}`;
  },
  rerun: "Relancer : « Re-run jobs » sur la page de l'exécution",
  footer: 'Viamentor Synthetics',
};

const EN: Texts = {
  severity: { P0: 'P0 critical', P1: 'P1 important', P2: 'P2 info' },
  title: {
    'app-down': () => 'Application down',
    login: () => 'Login broken',
    journey: (subject) => `Journey failing: ${subject}`,
    latency: () => 'API p95 response time > 2 s',
    performance: (subject) => `Performance degraded: ${subject}`,
    regression: (subject) => `Regression: ${subject}`,
    accessibility: (subject) => `Accessibility: ${subject}`,
    security: () => 'Data leak between driving schools (RLS)',
    telemetry: (subject) => `Telemetry gone silent: ${subject}`,
  },
  opened: 'ALERT',
  reminder: 'Reminder',
  resolved: 'Resolved',
  error: 'Error',
  environment: 'Environment',
  url: 'URL',
  since: 'Since',
  checks: 'Checks affected',
  links: 'Links',
  run: 'CI run',
  report: 'Report',
  trace: 'Trace',
  runbook: 'Runbook',
  duration: 'Duration',
  stillFailing: (elapsed, count) => `*Still failing* for ${elapsed} (reminder #${count})`,
  silenceOver: 'Silence over',
  stillOpenAfterSilence: (elapsed) =>
    `*The silence has ended and the incident is still open* (for ${elapsed}); the messages held back during the ` +
    `silence are not replayed one by one`,
  lasted: (duration, from, to) => `*Duration:* ${duration} (from ${from} to ${to})`,
  flapped: (count) => `Unstable: turned red again ${count} time(s) during the incident`,
  respond: (within) => `respond within ${within}`,
  delayed: (at) => `⏱ Delayed delivery: decided at ${at}, Slack could not be reached in time`,
  andMore: (count) => `… and ${count} more (see the report)`,
  gatePass: '✅ Post-deploy check passed',
  gateFail: '❌ Post-deploy check failed — promotion blocked',
  commit: 'Commit',
  result: 'Result',
  gateCounts: (passed, failed, other) => `${passed} passed · ${failed} failed${other ? ` · ${other} other` : ''}`,
  rerun: 'Re-run: "Re-run jobs" on the run page',
  footer: 'Viamentor Synthetics',
};

export const TEXTS: Record<Locale, Texts> = { fr: FR, en: EN };

/** Where the runbooks are quoted in full (the plan's section 9): every message's runbook header points there. */
export const RUNBOOKS_DOC = 'docs/monitoring-policy.md#runbooks';

/** The runbook step of each kind of incident (RUNBOOKS_DOC: App Down, Slow Performance, Error Spike). */
export const RUNBOOKS: Record<Locale, Record<IncidentKind, { name: string; steps: string[] }>> = {
  fr: {
    'app-down': {
      name: 'App Down',
      steps: [
        "Vérifier : l'URL (statut HTTP), Vercel Dashboard (build), Supabase Dashboard (santé de la base)",
        "Actions : rollback du dernier déploiement (si récent), vérifier les variables d'environnement et les " +
          'limites Vercel/Supabase',
        'Communication : status page, e-mail aux utilisateurs actifs',
      ],
    },
    login: {
      name: 'App Down · authentification',
      steps: [
        'Vérifier : Supabase Auth (statut, logs), la page de connexion, le dernier déploiement',
        "Actions : rollback du dernier déploiement (si récent), vérifier les variables d'environnement Supabase",
        'Communication : status page si la connexion reste impossible',
      ],
    },
    journey: {
      name: 'Error Spike',
      steps: [
        "Vérifier : la trace du parcours, Sentry (stack trace), type d'erreur (frontend, backend, réseau), pages " +
          'touchées',
        'Actions : hotfix si critique, patch déployé < 1 h',
      ],
    },
    latency: {
      name: 'Slow Performance',
      steps: [
        'Vérifier : Vercel Analytics (TTFB), Sentry Performance, performance des requêtes Supabase',
        'Actions : requêtes N+1, cache, limites Supabase',
      ],
    },
    performance: {
      name: 'Slow Performance',
      steps: [
        'Vérifier : Vercel Analytics (TTFB, LCP), Sentry Performance, requêtes Supabase',
        'Actions : requêtes N+1, activer le cache, optimiser les images',
      ],
    },
    regression: {
      name: 'Slow Performance',
      steps: [
        'Vérifier : ce qui a changé depuis la base de référence (déploiements récents), ' +
          'Vercel Analytics, Sentry Performance',
        'Actions : requêtes N+1, cache, images',
      ],
    },
    accessibility: {
      name: 'Accessibilité',
      steps: [
        'Vérifier : la règle axe et les éléments cités dans le rapport',
        "Actions : corriger, ou l'autoriser dans budgets.json (raison et date d'expiration)",
      ],
    },
    security: {
      name: 'Security · isolation des tenants',
      steps: [
        'Vérifier : Supabase Dashboard → Authentication → Policies ' +
          '(RLS activé, politiques tenant_isolation) et les migrations récentes',
        'Actions : rollback immédiat de la migration ou du déploiement fautif ; réactiver RLS ; révoquer les ' +
          'sessions si des données ont été lues',
        "Communication : responsable sécurité et direction (obligation d'annonce nLPD si des données " +
          'personnelles ont fuité)',
      ],
    },
    telemetry: {
      name: 'Télémétrie',
      steps: [
        'Vérifier : le beacon manquant dans le rapport, la console du navigateur (script bloqué, CSP, DSN ou ' +
          'ID de mesure), le dernier déploiement, Sentry / GA4 / Vercel Analytics (les données arrivent-elles ?)',
        "Actions : rétablir le script ou la configuration du SDK (variables d'environnement), rollback si besoin",
      ],
    },
  },
  en: {
    'app-down': {
      name: 'App Down',
      steps: [
        'Check: the URL (HTTP status), Vercel Dashboard (build status), Supabase Dashboard (database health)',
        'Actions: roll back the last deploy (if recent), check the environment variables and the Vercel/Supabase ' +
          'limits',
        'Communication: status page, e-mail to active users',
      ],
    },
    login: {
      name: 'App Down · authentication',
      steps: [
        'Check: Supabase Auth (status, logs), the login page, the last deploy',
        'Actions: roll back the last deploy (if recent), check the Supabase environment variables',
        'Communication: status page if login stays broken',
      ],
    },
    journey: {
      name: 'Error Spike',
      steps: [
        "Check: the journey's trace, Sentry (stack trace), error type (frontend, backend, network), pages affected",
        'Actions: hotfix if critical, patch deployed < 1 h',
      ],
    },
    latency: {
      name: 'Slow Performance',
      steps: [
        'Check: Vercel Analytics (TTFB), Sentry Performance, Supabase query performance',
        'Actions: N+1 queries, caching, Supabase limits',
      ],
    },
    performance: {
      name: 'Slow Performance',
      steps: [
        'Check: Vercel Analytics (TTFB, LCP), Sentry Performance, Supabase queries',
        'Actions: N+1 queries, enable caching, optimise images',
      ],
    },
    regression: {
      name: 'Slow Performance',
      steps: [
        'Check: what changed since the baseline (recent deploys), Vercel Analytics, Sentry Performance',
        'Actions: N+1 queries, caching, images',
      ],
    },
    accessibility: {
      name: 'Accessibility',
      steps: [
        'Check: the axe rule and the elements named in the report',
        'Actions: fix it, or allow it in budgets.json (reason and expiry date)',
      ],
    },
    security: {
      name: 'Security · tenant isolation',
      steps: [
        'Check: Supabase Dashboard → Authentication → Policies (RLS enabled, tenant_isolation policies) and ' +
          'recent migrations',
        'Actions: roll back the offending migration or deploy at once; re-enable RLS; revoke sessions if data was read',
        'Communication: security lead and management (Swiss FADP breach notice if personal data leaked)',
      ],
    },
    telemetry: {
      name: 'Telemetry',
      steps: [
        'Check: the missing beacon in the report, the browser console (script blocked, CSP, DSN or measurement ' +
          'ID), the last deploy, Sentry / GA4 / Vercel Analytics (is data arriving?)',
        "Actions: restore the script or the SDK's configuration (environment variables), roll back if needed",
      ],
    },
  },
};

/** A label followed by a colon, the way each language writes it (`Erreur :`, `Error:`). */
export function label(text: string, locale: Locale): string {
  return locale === 'fr' ? `${text} :` : `${text}:`;
}

/** A date and time as the team reads it (Zurich time): `25.11.2026 23:30`. */
export function formatDateTime(iso: string, locale: Locale): string {
  const format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CH' : 'en-GB', {
    timeZone: 'Europe/Zurich',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return format.format(new Date(iso)).replace(',', '');
}

/** A duration for people: `45 s`, `15 min`, `1 h 05 min`, `2 j 3 h` / `2 d 3 h`. */
export function formatDuration(ms: number, locale: Locale): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} ${locale === 'fr' ? 'j' : 'd'} ${hours % 24} h`;
}
