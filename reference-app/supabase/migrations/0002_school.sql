-- The driving school's data: every row belongs to one tenant (a driving school); users reach a tenant
-- through their membership.
create table public.tenants (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  price_45_cents integer not null default 8500 check (price_45_cents > 0),
  price_90_cents integer not null default 16500 check (price_90_cents > 0),
  created_at timestamptz not null default now()
);

create table public.members (
  user_id uuid primary key references auth.users (id) on delete cascade,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  display_name text not null,
  role text not null default 'owner' check (role in ('owner', 'instructor', 'office')),
  created_at timestamptz not null default now()
);

-- The caller's tenant, read past RLS (security definer) so that policies can use it without recursion.
create function public.current_tenant_id() returns uuid
language sql stable security definer set search_path = public as $$
  select tenant_id from public.members where user_id = auth.uid()
$$;
grant execute on function public.current_tenant_id() to anon, authenticated;

create table public.instructors (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null default public.current_tenant_id() references public.tenants (id) on delete cascade,
  first_name text not null,
  last_name text not null,
  created_at timestamptz not null default now()
);

create table public.vehicles (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null default public.current_tenant_id() references public.tenants (id) on delete cascade,
  model text not null,
  plate text not null,
  created_at timestamptz not null default now()
);

create table public.students (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null default public.current_tenant_id() references public.tenants (id) on delete cascade,
  first_name text not null check (length(btrim(first_name)) between 1 and 80),
  last_name text not null check (length(btrim(last_name)) between 1 and 80),
  email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text not null check (regexp_replace(phone, '\s', '', 'g') ~ '^(\+41|0041|0)[0-9]{9}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index students_by_tenant on public.students (tenant_id, last_name);

create table public.lessons (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null default public.current_tenant_id() references public.tenants (id) on delete cascade,
  student_id uuid not null references public.students (id),
  instructor_id uuid not null references public.instructors (id),
  vehicle_id uuid not null references public.vehicles (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  duration_minutes integer not null check (duration_minutes in (45, 90)),
  notes text not null default '',
  status text not null default 'booked' check (status in ('booked', 'cancelled')),
  created_at timestamptz not null default now(),
  check (ends_at > starts_at)
);
create index lessons_by_day on public.lessons (tenant_id, starts_at);

create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null default public.current_tenant_id() references public.tenants (id) on delete cascade,
  student_id uuid not null references public.students (id),
  number text not null,
  status text not null default 'open' check (status in ('open', 'paid')),
  notes text not null default '',
  subtotal_cents integer not null check (subtotal_cents >= 0),
  vat_rate numeric(4, 3) not null,
  vat_cents integer not null check (vat_cents >= 0),
  total_cents integer not null check (total_cents >= 0),
  created_at timestamptz not null default now(),
  paid_at timestamptz,
  unique (tenant_id, number)
);

create table public.invoice_lines (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null default public.current_tenant_id() references public.tenants (id) on delete cascade,
  invoice_id uuid not null references public.invoices (id) on delete cascade,
  lesson_id uuid not null unique references public.lessons (id),
  description text not null,
  amount_cents integer not null check (amount_cents >= 0),
  created_at timestamptz not null default now()
);
