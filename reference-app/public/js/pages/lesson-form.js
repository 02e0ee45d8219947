/** `/lessons/new`: booking a lesson; a busy instructor or vehicle is refused with the API's message. */
import { ApiError } from '../api.js';
import { bookLesson, listInstructors, listStudents, listVehicles } from '../data.js';
import { h } from '../dom.js';
import { clearErrors, field, formAlert, selectField, showAlert, showFieldErrors, whileSubmitting } from '../forms.js';
import { isIsoDate, todayInZurich } from '../format.js';
import { navigate } from '../router.js';

/** API fields shown next to a differently named form field. */
const FIELD_ALIASES = { starts_at: 'time', duration_minutes: 'duration' };

function readBooking(form) {
  const value = (name) => form.elements[name].value;
  return {
    student_id: value('student_id'),
    instructor_id: value('instructor_id'),
    vehicle_id: value('vehicle_id'),
    starts_at: `${value('date')}T${value('time')}`,
    duration_minutes: Number(value('duration')),
    notes: value('notes'),
  };
}

async function book(form) {
  clearErrors(form);
  const booking = readBooking(form);
  await whileSubmitting(form, async () => {
    try {
      await bookLesson(booking);
    } catch (error) {
      if (!(error instanceof ApiError) || error.isServerSide)
        showAlert(form, 'La réservation a échoué. Réessayez plus tard.');
      else if (!showFieldErrors(form, error.fields, FIELD_ALIASES)) showAlert(form, error.message);
      return;
    }
    await navigate(`/planning?date=${booking.starts_at.slice(0, 10)}`, { flash: 'Leçon réservée.' });
  });
}

function durationGroup() {
  const radio = (minutes, checked) =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'duration', value: minutes, checked }),
      `${minutes} minutes`,
    );
  return h(
    'fieldset',
    { class: 'field', 'data-field': 'duration' },
    h('legend', {}, 'Durée'),
    radio(45, true),
    radio(90, false),
    h('p', { class: 'field-error', id: 'duration-error' }),
  );
}

/** Renders the booking form (`?date=` and `?student_id=` preselect the date and the student). */
export async function render({ content, query, signal }) {
  const [students, instructors, vehicles] = await Promise.all([
    listStudents('', signal),
    listInstructors(signal),
    listVehicles(signal),
  ]);
  const date = isIsoDate(query.get('date')) ? query.get('date') : todayInZurich();
  content.append(
    h('h1', {}, 'Réserver une leçon'),
    h(
      'form',
      {
        class: 'form',
        novalidate: true,
        onsubmit: (event) => {
          event.preventDefault();
          void book(event.currentTarget);
        },
      },
      selectField({
        label: 'Élève',
        name: 'student_id',
        placeholder: 'Choisir un élève',
        selected: query.get('student_id'),
        options: students.map((s) => ({ value: s.id, text: `${s.first_name} ${s.last_name}` })),
      }),
      selectField({
        label: 'Moniteur',
        name: 'instructor_id',
        placeholder: 'Choisir un moniteur',
        options: instructors.map((i) => ({ value: i.id, text: i.name })),
      }),
      selectField({
        label: 'Véhicule',
        name: 'vehicle_id',
        placeholder: 'Choisir un véhicule',
        options: vehicles.map((v) => ({ value: v.id, text: v.label })),
      }),
      h(
        'div',
        { class: 'field-row' },
        field({ label: 'Date', name: 'date', type: 'date', value: date, required: true }),
        field({ label: 'Heure', name: 'time', type: 'time', step: 300, required: true }),
      ),
      durationGroup(),
      field({ label: 'Remarque', name: 'notes', maxlength: 500 }),
      formAlert(),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'button button-primary' }, 'Réserver'),
        h('a', { href: `/planning?date=${date}` }, 'Retour au planning'),
      ),
    ),
  );
}
