/**
 * The records every start begins with: a believable Swiss driving school, so that pages and
 * Lighthouse runs look like production, plus the fixture student the suite books lessons for.
 * The real-looking records must never be modified by the suite; tests check they stay unchanged.
 */

/** The tenant the synthetic user belongs to. */
export const TENANT_NAME = 'Auto-école Synthétique (monitoring)';

/** The fixture student the journeys book lessons for and invoice. */
export const FIXTURE_STUDENT = {
  first_name: 'Élève',
  last_name: 'Synthétique',
  email: 'eleve.synthetique@viamentor.test',
  phone: '+41 79 000 00 00',
} as const;

/** The three instructors; the order gives their seed ids (`seedId(…, 1, index)` in the tests). */
export const INSTRUCTORS = [
  { first_name: 'Luca', last_name: 'Bernasconi' },
  { first_name: 'Sophie', last_name: 'Favre' },
  { first_name: 'Marc', last_name: 'Dubois' },
] as const;

/** The three vehicles with Swiss plates; the order gives their seed ids. */
export const VEHICLES = [
  { model: 'VW Golf', plate: 'VD 123 456' },
  { model: 'Toyota Yaris', plate: 'GE 482 913' },
  { model: 'Škoda Fabia', plate: 'FR 35 217' },
] as const;

/** Real-looking students (indexes 0–11); the fixture student comes after them (index 12). */
export const STUDENTS = [
  { first_name: 'Camille', last_name: 'Rochat', email: 'camille.rochat@bluewin.ch', phone: '+41 79 412 36 85' },
  { first_name: 'Noah', last_name: 'Meier', email: 'noah.meier@gmx.ch', phone: '+41 76 583 21 04' },
  { first_name: 'Léa', last_name: 'Monnier', email: 'lea.monnier@sunrise.ch', phone: '+41 78 925 14 67' },
  { first_name: 'Matteo', last_name: 'Cattaneo', email: 'matteo.cattaneo@bluewin.ch', phone: '+41 79 301 88 42' },
  { first_name: 'Mia', last_name: 'Schneider', email: 'mia.schneider@gmail.com', phone: '+41 77 214 53 90' },
  { first_name: 'Yannick', last_name: 'Perret', email: 'y.perret@hispeed.ch', phone: '021 634 18 52' },
  { first_name: 'Chloé', last_name: 'Bonvin', email: 'chloe.bonvin@netplus.ch', phone: '+41 79 664 27 13' },
  { first_name: 'Elias', last_name: 'Keller', email: 'elias.keller@outlook.com', phone: '+41 76 447 90 21' },
  { first_name: 'Zoé', last_name: 'Dubuis', email: 'zoe.dubuis@bluewin.ch', phone: '+41 78 810 32 56' },
  { first_name: 'Samuel', last_name: 'Gerber', email: 'samuel.gerber@gmx.ch', phone: '+41 79 537 61 09' },
  { first_name: 'Inès', last_name: 'Pittet', email: 'ines.pittet@gmail.com', phone: '+41 76 902 45 38' },
  { first_name: 'Julien', last_name: 'Chappuis', email: 'julien.chappuis@sunrise.ch', phone: '024 425 73 16' },
] as const;

/** A seeded lesson: `day` is relative to today (Zurich), indexes point into the arrays above. */
export interface SeedLesson {
  student: number;
  day: number;
  time: string;
  duration: 45 | 90;
  instructor: number;
  vehicle: number;
  notes: string;
}

/** Lessons in the coming days (07:00–19:00), none for the fixture student and none overlapping. */
export const UPCOMING_LESSONS: readonly SeedLesson[] = [
  { student: 0, day: 1, time: '08:00', duration: 90, instructor: 0, vehicle: 0, notes: 'Autoroute A1 Lausanne–Morges' },
  { student: 1, day: 1, time: '10:00', duration: 45, instructor: 1, vehicle: 1, notes: 'Giratoires et priorités' },
  { student: 2, day: 1, time: '14:00', duration: 45, instructor: 0, vehicle: 0, notes: 'Manœuvres de parcage' },
  { student: 3, day: 2, time: '07:30', duration: 90, instructor: 2, vehicle: 2, notes: 'Circulation en ville' },
  {
    student: 4,
    day: 2,
    time: '16:15',
    duration: 45,
    instructor: 1,
    vehicle: 0,
    notes: 'Premier cours : prise en main',
  },
  { student: 5, day: 3, time: '09:00', duration: 90, instructor: 0, vehicle: 1, notes: "Préparation à l'examen" },
  { student: 6, day: 3, time: '13:30', duration: 45, instructor: 2, vehicle: 2, notes: 'Démarrage en côte' },
  { student: 7, day: 4, time: '11:00', duration: 45, instructor: 1, vehicle: 1, notes: "Insertion sur l'autoroute" },
  { student: 8, day: 5, time: '17:00', duration: 90, instructor: 0, vehicle: 0, notes: 'Examen blanc' },
  { student: 9, day: 6, time: '08:30', duration: 45, instructor: 2, vehicle: 1, notes: 'Giratoires' },
];

/** Past lessons; those with an `invoice` index are billed on the seeded invoice of that index. */
export const PAST_LESSONS: ReadonlyArray<SeedLesson & { invoice?: number }> = [
  {
    student: 0,
    day: -14,
    time: '10:00',
    duration: 45,
    instructor: 0,
    vehicle: 0,
    notes: 'Prise en main du véhicule',
    invoice: 0,
  },
  {
    student: 0,
    day: -7,
    time: '10:00',
    duration: 45,
    instructor: 0,
    vehicle: 0,
    notes: 'Circulation en ville',
    invoice: 0,
  },
  { student: 1, day: -10, time: '15:00', duration: 90, instructor: 1, vehicle: 1, notes: 'Autoroute', invoice: 1 },
  {
    student: 2,
    day: -9,
    time: '08:00',
    duration: 45,
    instructor: 2,
    vehicle: 2,
    notes: 'Démarrage en côte',
    invoice: 2,
  },
  {
    student: 2,
    day: -3,
    time: '08:00',
    duration: 90,
    instructor: 2,
    vehicle: 2,
    notes: 'Conduite sur route de campagne',
    invoice: 2,
  },
  { student: 10, day: -2, time: '14:00', duration: 45, instructor: 1, vehicle: 1, notes: 'Manœuvres de parcage' },
];

/** Seeded invoices: `issuedDaysAgo` / `paidDaysAgo` relative to the start. */
export const INVOICES = [
  { student: 0, issuedDaysAgo: 6, paidDaysAgo: 2, notes: 'Forfait prise en main' },
  { student: 1, issuedDaysAgo: 5, paidDaysAgo: undefined, notes: '' },
  { student: 2, issuedDaysAgo: 1, paidDaysAgo: undefined, notes: 'Payable sous 30 jours' },
] as const;
