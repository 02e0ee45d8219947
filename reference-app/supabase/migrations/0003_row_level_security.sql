-- Row-level security: a signed-in user sees and writes only the rows of the tenant of their membership.
-- As in a Supabase project, anon may select from every table but has no policy, so it sees no row at all
-- (its count of tenants is 0, which /api/health relies on).
grant select on all tables in schema public to anon, authenticated;
grant insert, update, delete on public.students, public.lessons, public.invoices, public.invoice_lines,
  public.instructors, public.vehicles to authenticated;

alter table public.tenants enable row level security;
alter table public.members enable row level security;
create policy tenant_isolation on public.tenants for select to authenticated
  using (id = public.current_tenant_id());
create policy tenant_isolation on public.members for select to authenticated
  using (tenant_id = public.current_tenant_id());

-- Every table of the school's data: the same policy, for reading and writing.
do $$
declare
  name text;
begin
  foreach name in array array['instructors', 'vehicles', 'students', 'lessons', 'invoices', 'invoice_lines'] loop
    execute format('alter table public.%I enable row level security', name);
    execute format('create policy tenant_isolation on public.%I for all to authenticated
      using (tenant_id = public.current_tenant_id()) with check (tenant_id = public.current_tenant_id())', name);
  end loop;
end $$;
