/** `/planning?date=YYYY-MM-DD`: the booked lessons of one day, with cancellation. */
import { ApiError } from '../api.js';
import { cancelLesson as cancelBooking, listLessons } from '../data.js';
import { confirmDialog } from '../dialog.js';
import { h } from '../dom.js';
import { hasFault } from '../faults.js';
import { addDays, formatDate, isIsoDate, todayInZurich } from '../format.js';

const COLUMNS = ['Heure', 'Durée', 'Élève', 'Moniteur', 'Véhicule', 'Remarque', 'Actions'];

async function cancelLesson(lesson, { reload, announce, alert }) {
  alert.textContent = '';
  const confirmed = await confirmDialog({
    title: 'Annuler cette leçon ?',
    description:
      `Leçon de ${lesson.student_name} le ${formatDate(lesson.starts_at)} à ${lesson.starts_at.slice(11, 16)} ` +
      `avec ${lesson.instructor_name}.`,
    confirmLabel: "Confirmer l'annulation",
    cancelLabel: 'Retour',
  });
  if (!confirmed) return;
  try {
    await cancelBooking(lesson.id);
  } catch (error) {
    alert.textContent =
      error instanceof ApiError && error.status === 409 ? error.message : "L'annulation a échoué. Réessayez plus tard.";
    return;
  }
  await reload();
  announce('Leçon annulée.');
}

function lessonRow(lesson, actions) {
  const action = lesson.invoice_id
    ? 'Facturée'
    : h(
        'button',
        { type: 'button', class: 'button button-small', onclick: () => cancelLesson(lesson, actions) },
        'Annuler la leçon',
      );
  return h(
    'tr',
    {},
    h('td', {}, lesson.starts_at.slice(11, 16)),
    h('td', {}, `${lesson.duration_minutes} min`),
    h('td', {}, h('a', { href: `/students/${lesson.student_id}` }, lesson.student_name)),
    h('td', {}, lesson.instructor_name),
    h('td', {}, lesson.vehicle_label),
    h('td', {}, lesson.notes),
    h('td', {}, action),
  );
}

/** The date picker; the `a11y-regression` fault renders it without any accessible name. */
function dateControl(date, onChange) {
  const input = h('input', {
    type: 'date',
    id: 'planning-date',
    value: date,
    onchange: (event) => onChange(event.target.value),
  });
  const label = hasFault('a11y-regression')
    ? h('span', { class: 'label' }, 'Date')
    : h('label', { for: 'planning-date' }, 'Date');
  return h('div', { class: 'field field-inline' }, label, input);
}

function dayLinks(date) {
  return h(
    'div',
    { class: 'day-links' },
    h('a', { href: `/planning?date=${addDays(date, -1)}` }, 'Jour précédent'),
    h('a', { href: `/planning?date=${addDays(date, 1)}` }, 'Jour suivant'),
  );
}

/** Renders the planning of the day in `?date=` (today in Zurich by default). */
export async function render({ content, query, signal, announce }) {
  let date = isIsoDate(query.get('date')) ? query.get('date') : todayInZurich();
  const caption = h('caption');
  const tbody = h('tbody');
  const alert = h('p', { role: 'alert', class: 'alert' });
  const actions = { reload: () => load(), announce, alert };
  async function load(options = {}) {
    const lessons = await listLessons({ date }, options.signal);
    caption.textContent = `Leçons du ${formatDate(date)}`;
    const rows = lessons.map((lesson) => lessonRow(lesson, actions));
    tbody.replaceChildren(
      ...(rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: COLUMNS.length }, 'Aucune leçon ce jour-là.'))]),
    );
  }
  await load({ signal });
  const bookLink = h('a', { class: 'button button-primary', href: `/lessons/new?date=${date}` }, 'Réserver une leçon');
  let links = dayLinks(date);
  const onDateChange = (value) => {
    if (!isIsoDate(value)) return;
    date = value;
    history.replaceState(null, '', `/planning?date=${date}`);
    bookLink.href = `/lessons/new?date=${date}`;
    links.replaceWith((links = dayLinks(date)));
    load().catch(() => {
      alert.textContent = 'Le chargement a échoué. Réessayez plus tard.';
    });
  };
  content.append(
    h('div', { class: 'page-header' }, h('h1', {}, 'Planning'), bookLink),
    h('div', { class: 'toolbar' }, dateControl(date, onDateChange), links),
    alert,
    h(
      'table',
      { class: 'table' },
      caption,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          COLUMNS.map((title) => h('th', { scope: 'col' }, title)),
        ),
      ),
      tbody,
    ),
  );
}
