/** `/students/new` and `/students/:id/edit`: one form, validated by the API (messages per field). */
import { ApiError } from '../api.js';
import { createStudent, getStudent, updateStudent } from '../data.js';
import { h } from '../dom.js';
import { clearErrors, field, formAlert, showAlert, showFieldErrors, whileSubmitting } from '../forms.js';
import { navigate } from '../router.js';

const SAVE_FAILED = "L'enregistrement a échoué. Réessayez plus tard.";

function readForm(form) {
  const value = (name) => form.elements[name].value;
  return {
    first_name: value('first_name'),
    last_name: value('last_name'),
    email: value('email'),
    phone: value('phone'),
  };
}

async function save(form, { write, flash }) {
  clearErrors(form);
  await whileSubmitting(form, async () => {
    let student;
    try {
      student = await write(readForm(form));
    } catch (error) {
      if (!(error instanceof ApiError) || error.isServerSide) showAlert(form, SAVE_FAILED);
      else if (!showFieldErrors(form, error.fields)) showAlert(form, error.message);
      return;
    }
    await navigate(`/students/${student.id}`, { flash });
  });
}

function studentForm(student, target, backHref) {
  return h(
    'form',
    {
      class: 'form',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        void save(event.currentTarget, target);
      },
    },
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires.'),
    field({
      label: 'Prénom',
      name: 'first_name',
      value: student.first_name,
      autocomplete: 'given-name',
      required: true,
    }),
    field({ label: 'Nom', name: 'last_name', value: student.last_name, autocomplete: 'family-name', required: true }),
    field({
      label: 'E-mail',
      name: 'email',
      type: 'email',
      value: student.email,
      autocomplete: 'email',
      required: true,
    }),
    field({
      label: 'Téléphone',
      name: 'phone',
      type: 'tel',
      value: student.phone,
      autocomplete: 'tel',
      placeholder: '+41 79 123 45 67',
      required: true,
    }),
    formAlert(),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'button button-primary' }, 'Enregistrer'),
      h('a', { href: backHref }, 'Retour'),
    ),
  );
}

/** Renders the creation form. */
export function renderNew({ content }) {
  const empty = { first_name: '', last_name: '', email: '', phone: '' };
  content.append(
    h('h1', {}, 'Nouvel élève'),
    studentForm(empty, { write: createStudent, flash: 'Élève créé.' }, '/students'),
  );
}

/** Renders the edit form, filled with the student's current data. */
export async function renderEdit({ content, params, signal }) {
  const student = await getStudent(params.id, signal);
  content.append(
    h('h1', {}, "Modifier l'élève"),
    studentForm(
      student,
      { write: (input) => updateStudent(student.id, input), flash: 'Élève mis à jour.' },
      `/students/${student.id}`,
    ),
  );
}
