-- The input rules the SPA checks before it saves, held by Postgres as well, so that every client meets them:
-- a student's names, e-mail and phone are stored trimmed (runs of spaces in the phone become one space), and the
-- remark of a lesson or an invoice is stored trimmed and is at most 500 characters.

create function public.students_normalize() returns trigger language plpgsql as $$
begin
  new.first_name := btrim(new.first_name);
  new.last_name := btrim(new.last_name);
  new.email := btrim(new.email);
  new.phone := regexp_replace(btrim(new.phone), '\s+', ' ', 'g');
  return new;
end $$;
create trigger students_normalize before insert or update on public.students
  for each row execute function public.students_normalize();

create function public.notes_normalize() returns trigger language plpgsql as $$
begin
  new.notes := btrim(new.notes);
  return new;
end $$;
create trigger notes_normalize before insert or update on public.lessons
  for each row execute function public.notes_normalize();
create trigger notes_normalize before insert or update on public.invoices
  for each row execute function public.notes_normalize();

alter table public.lessons add constraint lessons_notes_length check (length(notes) <= 500);
alter table public.invoices add constraint invoices_notes_length check (length(notes) <= 500);

revoke execute on function public.students_normalize(), public.notes_normalize() from public;
grant execute on function public.students_normalize(), public.notes_normalize() to authenticated;
