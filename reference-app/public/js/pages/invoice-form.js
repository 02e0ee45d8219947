/** `/invoices/new`: choose a student, tick the lessons to bill, generate the invoice. */
import { ApiError } from '../api.js';
import { createInvoice, listLessons, listStudents } from '../data.js';
import { h } from '../dom.js';
import { clearErrors, field, formAlert, selectField, showAlert, showFieldErrors, whileSubmitting } from '../forms.js';
import { formatWallTime } from '../format.js';
import { navigate } from '../router.js';

/** `12.03.2026 14:00 · 45 min · Luca Bernasconi · Autoroute` */
function lessonLabel(lesson) {
  return [formatWallTime(lesson.starts_at), `${lesson.duration_minutes} min`, lesson.instructor_name, lesson.notes]
    .filter(Boolean)
    .join(' · ');
}

async function showLessons(group, studentId, signal) {
  const hint = (text) => group.replaceChildren(group.firstChild, h('p', { class: 'hint' }, text));
  if (!studentId) return hint("Choisissez d'abord un élève.");
  const lessons = await listLessons({ studentId, uninvoiced: true }, signal);
  if (lessons.length === 0) return hint('Aucune leçon à facturer pour cet élève.');
  group.replaceChildren(
    group.firstChild,
    ...lessons.map((lesson) =>
      h(
        'label',
        { class: 'choice' },
        h('input', { type: 'checkbox', name: 'lesson_ids', value: lesson.id }),
        lessonLabel(lesson),
      ),
    ),
  );
}

async function generate(form) {
  clearErrors(form);
  const lessonIds = [...form.querySelectorAll('input[name="lesson_ids"]:checked')].map((box) => box.value);
  const studentId = form.elements.student_id.value;
  if (studentId && lessonIds.length === 0) return showAlert(form, 'Sélectionnez au moins une leçon.');
  await whileSubmitting(form, async () => {
    let invoice;
    try {
      invoice = await createInvoice({
        student_id: studentId,
        lesson_ids: lessonIds,
        notes: form.elements.notes.value,
      });
    } catch (error) {
      if (!(error instanceof ApiError) || error.isServerSide)
        showAlert(form, 'La génération de la facture a échoué. Réessayez plus tard.');
      else if (!showFieldErrors(form, { student_id: error.fields.student_id })) showAlert(form, error.message);
      return;
    }
    await navigate(`/invoices/${invoice.id}`, { flash: 'Facture générée.' });
  });
}

/** Renders the invoice form (`?student_id=` preselects the student). */
export async function render({ content, query, signal }) {
  const students = await listStudents('', signal);
  const group = h('fieldset', { class: 'field checkbox-group' }, h('legend', {}, 'Leçons à facturer'));
  let loading = null;
  const onStudentChange = (studentId) => {
    loading?.abort();
    loading = new AbortController();
    showLessons(group, studentId, loading.signal).catch((error) => {
      if (error.name !== 'AbortError')
        group.replaceChildren(group.firstChild, h('p', { class: 'alert' }, 'Le chargement des leçons a échoué.'));
    });
  };
  const studentSelect = selectField({
    label: 'Élève',
    name: 'student_id',
    placeholder: 'Choisir un élève',
    selected: query.get('student_id'),
    options: students.map((s) => ({ value: s.id, text: `${s.first_name} ${s.last_name}` })),
    onchange: (event) => onStudentChange(event.target.value),
  });
  await showLessons(group, query.get('student_id'), signal);
  content.append(
    h('h1', {}, 'Nouvelle facture'),
    h(
      'form',
      {
        class: 'form',
        novalidate: true,
        onsubmit: (event) => {
          event.preventDefault();
          void generate(event.currentTarget);
        },
      },
      studentSelect,
      group,
      field({ label: 'Remarque', name: 'notes', maxlength: 500 }),
      formAlert(),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'button button-primary' }, 'Générer la facture'),
        h('a', { href: '/invoices' }, 'Retour aux factures'),
      ),
    ),
  );
}
