-- Row-level security: a signed-in user sees and writes only the rows of the tenant of their membership.
-- As in a Supabase project, anon may select from every table but has no policy, so it sees no row at all
-- (its count of tenants is 0, which /api/health relies on).
grant select on all tables in schema public to anon, authenticated;
grant insert, update, delete on public.students, public.lessons, public.invoices, public.invoice_lines,
  public.instructors, public.vehicles to authenticated;

alter table public.tenants enable row level security;
alter table public.members enable row level security;
alter table public.instructors enable row level security;
alter table public.vehicles enable row level security;
alter table public.students enable row level security;
alter table public.lessons enable row level security;
alter table public.invoices enable row level security;
alter table public.invoice_lines enable row level security;

create policy tenant_isolation on public.tenants for select to authenticated
  using (id = public.current_tenant_id());
create policy tenant_isolation on public.members for select to authenticated
  using (tenant_id = public.current_tenant_id());
create policy tenant_isolation on public.instructors for all to authenticated
  using (tenant_id = public.current_tenant_id()) with check (tenant_id = public.current_tenant_id());
create policy tenant_isolation on public.vehicles for all to authenticated
  using (tenant_id = public.current_tenant_id()) with check (tenant_id = public.current_tenant_id());
create policy tenant_isolation on public.students for all to authenticated
  using (tenant_id = public.current_tenant_id()) with check (tenant_id = public.current_tenant_id());
create policy tenant_isolation on public.lessons for all to authenticated
  using (tenant_id = public.current_tenant_id()) with check (tenant_id = public.current_tenant_id());
create policy tenant_isolation on public.invoices for all to authenticated
  using (tenant_id = public.current_tenant_id()) with check (tenant_id = public.current_tenant_id());
create policy tenant_isolation on public.invoice_lines for all to authenticated
  using (tenant_id = public.current_tenant_id()) with check (tenant_id = public.current_tenant_id());
