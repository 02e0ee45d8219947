/**
 * The shape of a target profile: everything specific to one Viamentor UI and data model that the
 * journeys, page objects, the Supabase adapter and `npm run doctor` rely on. Pointing the suite at
 * a Viamentor whose labels or tables differ is a change to the profile file only.
 */

/** Something a user finds on a page without changing data, by its accessible role and name. */
export interface Probe {
  role:
    | 'heading'
    | 'link'
    | 'button'
    | 'textbox'
    | 'searchbox'
    | 'combobox'
    | 'table'
    | 'navigation'
    | 'group'
    | 'label';
  name: string;
}

/** A page the doctor opens (read-only) and what it must find there. */
export interface PageProbe {
  name: string;
  path: string;
  /** Needs the synthetic user's session. */
  auth: boolean;
  find: readonly Probe[];
}

/** The Supabase data model the suite reads and writes, all under RLS. */
export interface DataModel {
  /** Tenant-scoped tables the journeys use (each has a `tenant_id`). */
  tenantTables: readonly string[];
  /** RPC functions the journeys rely on, with their required argument names (the doctor's probe). */
  rpcs: Readonly<Record<string, readonly string[]>>;
  /** Where a user's tenant is recorded (`members`: `user_id` → `tenant_id`). */
  membership: { table: string; userColumn: string; tenantColumn: string };
  /** The columns searched for a synthetic tag, by table. */
  taggedColumns: Readonly<Record<'students' | 'lessons' | 'invoices', readonly string[]>>;
  /** The one column a journey writes its tag into: a record is synthetic only when it holds exactly a tag. */
  tagColumn: Readonly<Record<'students' | 'lessons' | 'invoices', string>>;
}

/** What the app says in answer to a user's action (status or alert texts). */
export interface Messages {
  studentCreated: string;
  studentUpdated: string;
  studentDeleted: string;
  lessonBooked: string;
  slotTaken: string;
  wrongPassword: string;
}

/** The synthetic tenant's prices and the VAT rate (what a correct invoice is computed from). */
export interface Tariff {
  lessonCents: Readonly<Record<45 | 90, number>>;
  vatPermille: number;
}

/**
 * A beacon the app must send while a user goes through it (an error tracker's envelope, an analytics
 * hit). The suite answers it in the browser and never forwards it; `telemetry:<name>` fails when
 * the journeys saw none.
 */
export interface TelemetryBeacon {
  /** The check id's suffix: `telemetry:<name>`. */
  name: string;
  /** What it is, for people (the check's title). */
  title: string;
  /** A regular expression (source) matched against the request's full URL. */
  url: string;
  /**
   * The same requests as Chrome blocked-URL patterns (`*` wildcards, whole URL): Lighthouse's lab runs
   * block them, as the journeys answer them locally, so a lab run never reaches the vendor either.
   */
  labBlock: readonly string[];
  /** Event names (GA4's `en` parameter, in the query or the body lines) that must each be seen. */
  events?: readonly string[];
  /** Pages (paths) that must each send it when the journeys visit them; absent: once per run is enough. */
  pages?: readonly string[];
}

/** The beacons the target sends, and how severe a missing one is (routed by the alert policy). */
export interface TelemetryProfile {
  severity: 'P0' | 'P1' | 'P2';
  beacons: readonly TelemetryBeacon[];
}
