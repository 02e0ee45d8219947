-- The domain rules Postgres holds: no double booking, an invoiced lesson stays as billed, invoice
-- totals (VAT 8.1 % half-up to the centime, total rounded half-up to 0.05 CHF) and payment.
-- Errors raised with SQLSTATE 'PTnnn' reach the client with HTTP status nnn, as PostgREST does.

-- The reference app's fault switchboard sets viamentor.faults for the transaction of each request.
create function public.fault_on(fault text) returns boolean language sql stable as $$
  select fault = any (string_to_array(coalesce(current_setting('viamentor.faults', true), ''), ','))
$$;
grant execute on function public.fault_on(text) to anon, authenticated;

create function public.lessons_before_write() returns trigger language plpgsql as $$
declare
  clash record;
begin
  new.ends_at := new.starts_at + make_interval(mins => new.duration_minutes);
  if tg_op = 'UPDATE' and exists (select 1 from public.invoice_lines where lesson_id = old.id)
     and (new.status, new.starts_at, new.duration_minutes) is distinct from (old.status, old.starts_at, old.duration_minutes)
  then
    raise exception using errcode = 'PT409', message = 'Cette leçon est facturée : elle ne peut plus être modifiée.',
      hint = 'lesson_invoiced';
  end if;
  if new.status <> 'booked' or public.fault_on('booking-double-allowed') then
    return new;
  end if;
  select l.instructor_id = new.instructor_id as same_instructor,
         i.first_name || ' ' || i.last_name as instructor_name,
         v.model || ' · ' || v.plate as vehicle_label
    into clash
    from public.lessons l
    join public.instructors i on i.id = new.instructor_id
    join public.vehicles v on v.id = new.vehicle_id
   where l.id <> new.id and l.status = 'booked' and l.tenant_id = new.tenant_id
     and (l.instructor_id = new.instructor_id or l.vehicle_id = new.vehicle_id)
     and tstzrange(l.starts_at, l.ends_at) && tstzrange(new.starts_at, new.ends_at)
   order by (l.instructor_id = new.instructor_id) desc
   limit 1;
  if found then
    raise exception using errcode = 'PT409', hint = 'slot_unavailable',
      message = 'Ce créneau n''est pas disponible : ' || case when clash.same_instructor
        then 'le moniteur ' || clash.instructor_name || ' est déjà réservé.'
        else 'le véhicule ' || clash.vehicle_label || ' est déjà réservé.' end;
  end if;
  return new;
end $$;

create trigger lessons_before_write before insert or update on public.lessons
  for each row execute function public.lessons_before_write();

-- Books a lesson (the overlap rule is the trigger above); returns the new lesson.
create function public.book_lesson(student_id uuid, instructor_id uuid, vehicle_id uuid, starts_at timestamptz,
  duration_minutes integer, notes text default '') returns public.lessons
language sql volatile as $$
  insert into public.lessons (student_id, instructor_id, vehicle_id, starts_at, ends_at, duration_minutes, notes)
  values (book_lesson.student_id, book_lesson.instructor_id, book_lesson.vehicle_id, book_lesson.starts_at,
          book_lesson.starts_at, book_lesson.duration_minutes, coalesce(book_lesson.notes, ''))
  returning *
$$;

-- Integer centimes: VAT half-up to the centime, total half-up to the nearest 5 centimes.
create function public.invoice_totals(subtotal_cents integer, vat_rate numeric)
returns table (vat_cents integer, total_cents integer) language sql immutable as $$
  select round(subtotal_cents * vat_rate)::integer,
         (round((subtotal_cents + round(subtotal_cents * vat_rate)) / 5.0) * 5)::integer
$$;

create function public.next_invoice_number(tenant uuid, year text) returns text language sql volatile as $$
  select 'F-' || year || '-' || lpad((coalesce(max(split_part(number, '-', 3)::integer), 0) + 1)::text, 4, '0')
    from public.invoices where tenant_id = tenant and number like 'F-' || year || '-%'
$$;

-- Invoices booked, uninvoiced lessons of one student; returns the invoice with its lines.
create function public.create_invoice(student_id uuid, lesson_ids uuid[], notes text default '') returns jsonb
language plpgsql volatile as $$
declare
  tenant uuid := public.current_tenant_id();
  billable integer;
  invoice public.invoices;
  subtotal integer;
begin
  if coalesce(cardinality(lesson_ids), 0) = 0 then
    raise exception using errcode = 'PT422', message = 'Sélectionnez au moins une leçon.', hint = 'lesson_ids';
  end if;
  perform pg_advisory_xact_lock(hashtext(tenant::text));
  select count(*), sum(case l.duration_minutes when 45 then t.price_45_cents else t.price_90_cents end)
    into billable, subtotal
    from public.lessons l join public.tenants t on t.id = l.tenant_id
   where l.id = any (lesson_ids) and l.student_id = create_invoice.student_id and l.status = 'booked'
     and not exists (select 1 from public.invoice_lines x where x.lesson_id = l.id);
  if billable <> cardinality(lesson_ids) then
    raise exception using errcode = 'PT422', hint = 'lesson_ids',
      message = 'Une leçon est inconnue, d''un autre élève, annulée ou déjà facturée.';
  end if;
  insert into public.invoices (tenant_id, student_id, number, notes, subtotal_cents, vat_rate, vat_cents, total_cents)
  select tenant, create_invoice.student_id, public.next_invoice_number(tenant, to_char(now(), 'YYYY')),
         coalesce(create_invoice.notes, ''), subtotal, 0.081, totals.vat_cents, totals.total_cents
    from public.invoice_totals(subtotal, case when public.fault_on('invoice-total-wrong') then 0.077 else 0.081 end) totals
  returning * into invoice;
  insert into public.invoice_lines (tenant_id, invoice_id, lesson_id, description, amount_cents)
  select tenant, invoice.id, l.id,
         'Leçon de conduite ' || l.duration_minutes || ' min · '
           || to_char(l.starts_at at time zone 'Europe/Zurich', 'DD.MM.YYYY HH24:MI'),
         case l.duration_minutes when 45 then t.price_45_cents else t.price_90_cents end
    from public.lessons l join public.tenants t on t.id = l.tenant_id
   where l.id = any (lesson_ids)
   order by l.starts_at;
  return public.invoice_with_lines(invoice.id);
end $$;

create function public.invoice_with_lines(invoice_id uuid) returns jsonb language sql stable as $$
  select to_jsonb(i) || jsonb_build_object('lines', coalesce((
           select jsonb_agg(to_jsonb(x) order by l.starts_at) from public.invoice_lines x
             join public.lessons l on l.id = x.lesson_id where x.invoice_id = i.id
         ), '[]'::jsonb))
    from public.invoices i where i.id = invoice_with_lines.invoice_id
$$;

-- Marks an open invoice as paid; 404 for an unknown one, 409 when it is already paid.
create function public.mark_invoice_paid(invoice_id uuid) returns jsonb language plpgsql volatile as $$
declare
  current_status text;
begin
  select status into current_status from public.invoices where id = mark_invoice_paid.invoice_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'Facture introuvable.', hint = 'not_found';
  end if;
  if current_status = 'paid' then
    raise exception using errcode = 'PT409', message = 'Cette facture est déjà payée.', hint = 'already_paid';
  end if;
  update public.invoices set status = 'paid', paid_at = now() where id = mark_invoice_paid.invoice_id;
  return public.invoice_with_lines(mark_invoice_paid.invoice_id);
end $$;

revoke execute on all functions in schema public from public;
grant execute on function public.current_tenant_id(), public.fault_on(text), public.book_lesson(uuid, uuid, uuid,
  timestamptz, integer, text), public.invoice_totals(integer, numeric), public.next_invoice_number(uuid, text),
  public.create_invoice(uuid, uuid[], text), public.invoice_with_lines(uuid), public.mark_invoice_paid(uuid),
  public.lessons_before_write() to authenticated;
grant execute on function public.current_tenant_id(), public.fault_on(text) to anon;

create function public.touch_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;
create trigger students_touch_updated_at before update on public.students
  for each row execute function public.touch_updated_at();
grant execute on function public.touch_updated_at() to authenticated;
