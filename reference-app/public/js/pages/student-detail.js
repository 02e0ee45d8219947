/** `/students/:id`: one student's details and lessons; editing and (confirmed) deletion. */
import { ApiError } from '../api.js';
import { deleteStudent as removeStudent, getStudent, listLessons } from '../data.js';
import { confirmDialog } from '../dialog.js';
import { h } from '../dom.js';
import { formatInstantDate, formatWallTime } from '../format.js';
import { navigate } from '../router.js';

async function deleteStudent(student, alert) {
  alert.textContent = '';
  const confirmed = await confirmDialog({
    title: "Supprimer l'élève ?",
    description: `La fiche de ${student.first_name} ${student.last_name} sera supprimée définitivement.`,
    confirmLabel: 'Confirmer la suppression',
    cancelLabel: 'Annuler',
  });
  if (!confirmed) return;
  try {
    await removeStudent(student.id);
  } catch (error) {
    alert.textContent =
      error instanceof ApiError && error.status === 409
        ? error.message
        : 'La suppression a échoué. Réessayez plus tard.';
    return;
  }
  await navigate('/students', { flash: 'Élève supprimé.' });
}

function lessonList(lessons, studentId) {
  const items = lessons.map((lesson) =>
    h(
      'li',
      {},
      `${formatWallTime(lesson.starts_at)} · ${lesson.duration_minutes} min · ${lesson.instructor_name}`,
      lesson.invoice_id ? ' · facturée' : '',
    ),
  );
  return h(
    'section',
    { class: 'section', 'aria-labelledby': 'student-lessons-title' },
    h('h2', { id: 'student-lessons-title' }, 'Leçons'),
    items.length > 0 ? h('ul', { class: 'plain-list' }, items) : h('p', {}, 'Aucune leçon réservée.'),
    h('a', { href: `/lessons/new?student_id=${studentId}` }, 'Réserver une leçon pour cet élève'),
  );
}

/** Renders the student page. */
export async function render({ content, params, signal }) {
  const [student, lessons] = await Promise.all([
    getStudent(params.id, signal),
    listLessons({ studentId: params.id }, signal),
  ]);
  const alert = h('p', { role: 'alert', class: 'alert' });
  content.append(
    h('h1', {}, `${student.first_name} ${student.last_name}`),
    h(
      'dl',
      { class: 'details' },
      h('div', {}, h('dt', {}, 'E-mail'), h('dd', {}, student.email)),
      h('div', {}, h('dt', {}, 'Téléphone'), h('dd', {}, student.phone)),
      h('div', {}, h('dt', {}, 'Élève depuis le'), h('dd', {}, formatInstantDate(student.created_at))),
    ),
    alert,
    h(
      'div',
      { class: 'actions' },
      h('a', { class: 'button', href: `/students/${student.id}/edit` }, 'Modifier'),
      h(
        'button',
        { type: 'button', class: 'button button-danger', onclick: () => deleteStudent(student, alert) },
        'Supprimer',
      ),
    ),
    lessonList(lessons, student.id),
  );
}
