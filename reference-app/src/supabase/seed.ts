/**
 * Seeds the Supabase origin's database at each start, with dates relative to today (Zurich): the
 * synthetic tenant (the same school as seed-data.ts) and a second tenant with its own user, students,
 * lessons and invoices, so that tenant isolation can be checked and a leak can be seen failing.
 * Invoices are made by the `create_invoice` function itself, as the tenant's user would.
 */
import { addDays, zurichDate } from '../clock.ts';
import { hashPassword } from '../passwords.ts';
import {
  FIXTURE_STUDENT,
  INSTRUCTORS,
  INVOICES,
  PAST_LESSONS,
  STUDENTS,
  TENANT_NAME,
  UPCOMING_LESSONS,
  VEHICLES,
  type SeedLesson,
} from '../seed-data.ts';
import type { SupabaseDatabase } from './database.ts';

/** A user of a seeded tenant. */
export interface SeedUser {
  email: string;
  password: string;
  displayName: string;
}

/** Fixed ids, so that tests and documentation can name the seeded tenants and users. */
export const SEED_IDS = {
  syntheticTenant: '5e1f0000-0000-4000-8000-000000000001',
  syntheticUser: '5e1f0000-0000-4000-8000-000000000101',
  secondTenant: '5e1f0000-0000-4000-8000-000000000002',
  secondUser: '5e1f0000-0000-4000-8000-000000000102',
} as const;

/** The second tenant: another school, whose rows the synthetic user must never see. */
export const SECOND_TENANT = {
  name: 'Auto-école du Léman',
  user: {
    email: 'direction@auto-ecole-leman.test',
    password: 'viamentor-second-tenant',
    displayName: 'Direction Léman',
  },
  instructors: [{ first_name: 'Nadia', last_name: 'Rossier' }],
  vehicles: [{ model: 'Renault Clio', plate: 'VD 998 877' }],
  students: [
    { first_name: 'Arthur', last_name: 'Léman', email: 'arthur.leman@bluewin.ch', phone: '+41 79 555 10 20' },
    { first_name: 'Lucie', last_name: 'Vaudoise', email: 'lucie.vaudoise@gmx.ch', phone: '+41 78 555 30 40' },
  ],
  upcoming: [
    { student: 0, day: 1, time: '09:00', duration: 45, instructor: 0, vehicle: 0, notes: 'Léman : giratoires' },
  ],
  past: [
    {
      student: 1,
      day: -4,
      time: '11:00',
      duration: 90,
      instructor: 0,
      vehicle: 0,
      notes: 'Léman : autoroute',
      invoice: 0,
    },
  ],
  invoices: [{ student: 1, issuedDaysAgo: 3, paidDaysAgo: undefined, notes: 'Léman' }],
} as const;

const lit = (value: string | number): string =>
  typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
const uuid = (prefix: string, index: number): string =>
  `${prefix}-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;

interface School {
  tenant: string;
  prefix: string;
  name: string;
  instructors: ReadonlyArray<{ first_name: string; last_name: string }>;
  vehicles: ReadonlyArray<{ model: string; plate: string }>;
  students: ReadonlyArray<{ first_name: string; last_name: string; email: string; phone: string }>;
  lessons: ReadonlyArray<SeedLesson & { invoice?: number }>;
}

function schoolSql(school: School, today: string): string {
  const { tenant, prefix } = school;
  const rows = (items: string[]) => items.join(',\n  ');
  const lessonRow = (lesson: SeedLesson, index: number) =>
    `(${rows([
      lit(uuid(`${prefix}4`, index)),
      lit(tenant),
      lit(uuid(`${prefix}3`, lesson.student)),
      lit(uuid(`${prefix}1`, lesson.instructor)),
      lit(uuid(`${prefix}2`, lesson.vehicle)),
      `(${lit(`${addDays(today, lesson.day)} ${lesson.time}`)}::timestamp at time zone 'Europe/Zurich')`,
      `now()`,
      lit(lesson.duration),
      lit(lesson.notes),
    ])})`;
  return `
insert into public.tenants (id, name, created_at)
  values (${lit(tenant)}, ${lit(school.name)}, now() - interval '400 days');
insert into public.instructors (id, tenant_id, first_name, last_name) values ${school.instructors
    .map((i, n) => `(${lit(uuid(`${prefix}1`, n))}, ${lit(tenant)}, ${lit(i.first_name)}, ${lit(i.last_name)})`)
    .join(', ')};
insert into public.vehicles (id, tenant_id, model, plate) values ${school.vehicles
    .map((v, n) => `(${lit(uuid(`${prefix}2`, n))}, ${lit(tenant)}, ${lit(v.model)}, ${lit(v.plate)})`)
    .join(', ')};
insert into public.students (id, tenant_id, first_name, last_name, email, phone, created_at, updated_at)
  values ${school.students
    .map(
      (s, n) =>
        `(${rows([
          lit(uuid(`${prefix}3`, n)),
          lit(tenant),
          lit(s.first_name),
          lit(s.last_name),
          lit(s.email),
          lit(s.phone),
          `now() - interval '${90 - n * 6} days'`,
          `now() - interval '${90 - n * 6} days'`,
        ])})`,
    )
    .join(', ')};
insert into public.lessons (id, tenant_id, student_id, instructor_id, vehicle_id, starts_at, ends_at,
  duration_minutes, notes)
values ${school.lessons.map(lessonRow).join(',\n')};`;
}

interface SeedInvoice {
  student: number;
  issuedDaysAgo: number;
  paidDaysAgo: number | undefined;
  notes: string;
}

function invoicesSql(school: School, user: string, invoices: readonly SeedInvoice[]): string {
  const claims = lit(JSON.stringify({ sub: user, role: 'authenticated' }));
  const made = invoices.map((invoice, index) => {
    const lessonIds = school.lessons
      .map((lesson, n) => ({ lesson, id: uuid(`${school.prefix}4`, n) }))
      .filter(({ lesson }) => lesson.invoice === index)
      .map(({ id }) => lit(id));
    const student = lit(uuid(`${school.prefix}3`, invoice.student));
    const made = `public.create_invoice(${student}, array[${lessonIds.join(', ')}]::uuid[], ${lit(invoice.notes)})`;
    const paid = invoice.paidDaysAgo === undefined ? 'null' : `now() - interval '${invoice.paidDaysAgo} days'`;
    return `select set_config('viamentor.seed_invoice', ${made} ->> 'id', true);
      update public.invoices set created_at = now() - interval '${invoice.issuedDaysAgo} days', paid_at = ${paid},
      status = ${invoice.paidDaysAgo === undefined ? "'open'" : "'paid'"}
      where id = current_setting('viamentor.seed_invoice')::uuid;`;
  });
  return `select set_config('request.jwt.claims', ${claims}, true);\n${made.join('\n')}`;
}

async function userSql(id: string, tenant: string, user: SeedUser): Promise<string> {
  const meta = lit(JSON.stringify({ display_name: user.displayName }));
  return `insert into auth.users (id, email, encrypted_password, raw_user_meta_data, created_at)
    values (${lit(id)}, ${lit(user.email.toLowerCase())}, ${lit(await hashPassword(user.password))}, ${meta}::jsonb,
      now() - interval '400 days');
  insert into public.members (user_id, tenant_id, display_name)
    values (${lit(id)}, ${lit(tenant)}, ${lit(user.displayName)});`;
}

/** Runs the seed SQL (see seedSql) in the database. */
export async function seedSupabase(db: SupabaseDatabase, sql: string): Promise<void> {
  await db.pg.exec(sql);
}

/** The seed of both tenants and their users, as one transaction (passwords hashed meanwhile). */
export async function seedSql(synthetic: SeedUser, now = new Date()): Promise<string> {
  const today = zurichDate(now);
  const first: School = {
    tenant: SEED_IDS.syntheticTenant,
    prefix: '5e1f00a',
    name: TENANT_NAME,
    instructors: INSTRUCTORS,
    vehicles: VEHICLES,
    students: [...STUDENTS, FIXTURE_STUDENT],
    lessons: [...PAST_LESSONS, ...UPCOMING_LESSONS],
  };
  const second: School = {
    tenant: SEED_IDS.secondTenant,
    prefix: '5e1f00b',
    name: SECOND_TENANT.name,
    instructors: SECOND_TENANT.instructors,
    vehicles: SECOND_TENANT.vehicles,
    students: SECOND_TENANT.students,
    lessons: [...SECOND_TENANT.past, ...SECOND_TENANT.upcoming],
  };
  return [
    'begin;',
    schoolSql(first, today),
    schoolSql(second, today),
    await userSql(SEED_IDS.syntheticUser, SEED_IDS.syntheticTenant, synthetic),
    await userSql(SEED_IDS.secondUser, SEED_IDS.secondTenant, SECOND_TENANT.user),
    invoicesSql(first, SEED_IDS.syntheticUser, INVOICES),
    invoicesSql(second, SEED_IDS.secondUser, SECOND_TENANT.invoices),
    'commit;',
  ].join('\n');
}
