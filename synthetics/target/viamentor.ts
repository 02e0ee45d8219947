/**
 * The Viamentor target profile: routes, the French labels and button names, the app's messages,
 * the tariff and the data model. Journeys, page objects, the adapter and `npm run doctor` read it;
 * when the doctor reports an item missing on a target, this file is what to adjust.
 */
import type { DataModel, Messages, PageProbe, Probe, Tariff, TelemetryProfile } from './profile.ts';

export const ROUTES = {
  home: '/',
  login: '/login',
  dashboard: '/dashboard',
  students: '/students',
  bookLesson: '/lessons/new',
  planning: '/planning',
  invoices: '/invoices',
  health: '/api/health',
} as const;

export const UI = {
  home: { signIn: 'Se connecter' },
  login: { heading: 'Connexion', email: 'Adresse e-mail', password: 'Mot de passe', submit: 'Se connecter' },
  shell: {
    dashboard: 'Tableau de bord',
    navigation: 'Navigation principale',
    signOut: 'Se déconnecter',
    studentsLink: 'Élèves',
  },
  students: {
    heading: 'Élèves',
    list: 'Liste des élèves',
    search: 'Rechercher un élève',
    create: 'Nouvel élève',
    newHeading: 'Nouvel élève',
    editHeading: "Modifier l'élève",
    edit: 'Modifier',
    save: 'Enregistrer',
    firstName: 'Prénom',
    lastName: 'Nom',
    email: 'E-mail',
    phone: 'Téléphone',
    remove: 'Supprimer',
    removeDialog: "Supprimer l'élève ?",
    confirmRemove: 'Confirmer la suppression',
  },
  booking: {
    heading: 'Réserver une leçon',
    student: 'Élève',
    instructor: 'Moniteur',
    vehicle: 'Véhicule',
    date: 'Date',
    time: 'Heure',
    duration: 'Durée',
    minutes: 'minutes',
    notes: 'Remarque',
    submit: 'Réserver',
  },
  planning: {
    heading: 'Planning',
    date: 'Date',
    dayTablePrefix: 'Leçons du',
    cancel: 'Annuler la leçon',
    cancelDialog: 'Annuler cette leçon ?',
    confirmCancel: "Confirmer l'annulation",
  },
  invoices: {
    heading: 'Factures',
    create: 'Nouvelle facture',
    formHeading: 'Nouvelle facture',
    student: 'Élève',
    lessons: 'Leçons à facturer',
    notes: 'Remarque',
    submit: 'Générer la facture',
    numberPattern: '^Facture F-\\d{4}-\\d{4}$',
    lines: 'Lignes de facture',
    lineText: 'Leçon de conduite',
    totals: 'Totaux',
    subtotal: 'Sous-total',
    vat: 'TVA 8,1 %',
    total: 'Total',
    markPaid: 'Marquer comme payée',
    paid: 'Payée',
  },
} as const;

export const MESSAGES: Messages = {
  studentCreated: 'Élève créé.',
  studentUpdated: 'Élève mis à jour.',
  studentDeleted: 'Élève supprimé.',
  lessonBooked: 'Leçon réservée.',
  slotTaken: "Ce créneau n'est pas disponible",
  wrongPassword: 'E-mail ou mot de passe incorrect.',
};

/** The synthetic tenant's price list: 45 min CHF 85.00, 90 min CHF 165.00; Swiss VAT 8.1 %. */
export const TARIFF: Tariff = { lessonCents: { 45: 8500, 90: 16500 }, vatPermille: 81 };

/** The synthetic tenant's own student that journeys book lessons for (never modified). */
export const FIXTURE_STUDENT = {
  first_name: 'Élève',
  last_name: 'Synthétique',
  email: 'eleve.synthetique@viamentor.test',
  phone: '+41 79 000 00 00',
} as const;

export const DATA: DataModel = {
  tenantTables: ['students', 'instructors', 'vehicles', 'lessons', 'invoices'],
  rpcs: {
    book_lesson: ['student_id', 'instructor_id', 'vehicle_id', 'starts_at', 'duration_minutes'],
    create_invoice: ['student_id', 'lesson_ids'],
  },
  membership: { table: 'members', userColumn: 'user_id', tenantColumn: 'tenant_id' },
  taggedColumns: { students: ['first_name', 'last_name', 'email'], lessons: ['notes'], invoices: ['notes'] },
  tagColumn: { students: 'last_name', lessons: 'notes', invoices: 'notes' },
};

/**
 * The beacons production sends (Sentry, GA4, Vercel Web Analytics and Speed Insights). The patterns
 * match the URL shape on any host: the vendor's in production (`o<org>.ingest.sentry.io`,
 * `region1.google-analytics.com`, the app's own `/_vercel/…`), the reference app's local stand-ins.
 * A target that tunnels them elsewhere (Sentry's `tunnel` option, a GA4 server container) adjusts `url`.
 * A missing beacon is a P1: the errors or the analytics go dark, the app still works.
 */
export const TELEMETRY: TelemetryProfile = {
  severity: 'P1',
  beacons: [
    {
      name: 'sentry',
      title: 'Sentry envelope (error tracking, sessions)',
      url: String.raw`^https?://[^/?#]+(?:/[^?#]*)?/api/\d+/envelope/`,
      labBlock: ['*/api/*/envelope/*'],
    },
    {
      name: 'ga4',
      title: 'GA4 collect hit with a page_view',
      url: String.raw`^https?://[^/?#]+/g/collect\?`,
      labBlock: ['*/g/collect?*'],
      events: ['page_view'],
      pages: [ROUTES.dashboard, ROUTES.students, ROUTES.planning],
    },
    {
      name: 'vercel-analytics',
      title: 'Vercel Web Analytics page view',
      url: String.raw`^https?://[^/?#]+/_vercel/insights/(?:view|event)(?:[?#]|$)`,
      labBlock: ['*/_vercel/insights/view*', '*/_vercel/insights/event*'],
    },
    {
      name: 'speed-insights',
      title: 'Vercel Speed Insights vitals',
      url: String.raw`^https?://[^/?#]+/_vercel/speed-insights/vitals(?:[?#]|$)`,
      labBlock: ['*/_vercel/speed-insights/vitals*'],
    },
  ],
};

const { login, shell, students, booking, invoices, planning } = UI;
const heading = (name: string): Probe => ({ role: 'heading', name });
const label = (name: string): Probe => ({ role: 'label', name });
const button = (name: string): Probe => ({ role: 'button', name });
const link = (name: string): Probe => ({ role: 'link', name });

/** What the doctor opens and must find on each page, read-only. */
export const PAGES: readonly PageProbe[] = [
  { name: 'home', path: ROUTES.home, auth: false, find: [link(UI.home.signIn)] },
  {
    name: 'login',
    path: ROUTES.login,
    auth: false,
    find: [heading(login.heading), label(login.email), label(login.password), button(login.submit)],
  },
  {
    name: 'dashboard',
    path: ROUTES.dashboard,
    auth: true,
    find: [
      heading(shell.dashboard),
      { role: 'navigation', name: shell.navigation },
      button(shell.signOut),
      link(shell.studentsLink),
    ],
  },
  {
    name: 'students',
    path: ROUTES.students,
    auth: true,
    find: [
      heading(students.heading),
      { role: 'table', name: students.list },
      { role: 'searchbox', name: students.search },
      link(students.create),
    ],
  },
  {
    name: 'student-new',
    path: `${ROUTES.students}/new`,
    auth: true,
    find: [
      heading(students.newHeading),
      label(students.firstName),
      label(students.lastName),
      label(students.email),
      label(students.phone),
      button(students.save),
    ],
  },
  {
    name: 'lesson-new',
    path: ROUTES.bookLesson,
    auth: true,
    find: [
      heading(booking.heading),
      label(booking.student),
      label(booking.instructor),
      label(booking.vehicle),
      label(booking.date),
      label(booking.time),
      label(booking.notes),
      { role: 'group', name: booking.duration },
      button(booking.submit),
    ],
  },
  { name: 'planning', path: ROUTES.planning, auth: true, find: [heading(planning.heading), label(planning.date)] },
  { name: 'invoices', path: ROUTES.invoices, auth: true, find: [heading(invoices.heading), link(invoices.create)] },
  {
    name: 'invoice-new',
    path: `${ROUTES.invoices}/new`,
    auth: true,
    find: [heading(invoices.formHeading), label(invoices.student), label(invoices.notes), button(invoices.submit)],
  },
];
