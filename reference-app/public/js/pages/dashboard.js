/** `/dashboard`: the first page after sign-in — a greeting, three counts and the next lessons. */
import { dashboard } from '../data.js';
import { h } from '../dom.js';
import { formatWallTime } from '../format.js';
import { currentSession } from '../session.js';

function stat(label, value) {
  return h('div', { class: 'stat' }, h('dt', {}, label), h('dd', {}, String(value)));
}

function nextLessons(lessons) {
  if (lessons.length === 0) return h('p', {}, 'Aucune leçon à venir.');
  return h(
    'table',
    { class: 'table', 'aria-labelledby': 'next-lessons-title' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Date', 'Élève', 'Moniteur', 'Durée'].map((title) => h('th', { scope: 'col' }, title)),
      ),
    ),
    h(
      'tbody',
      {},
      lessons.map((lesson) =>
        h(
          'tr',
          {},
          h(
            'td',
            {},
            h('a', { href: `/planning?date=${lesson.starts_at.slice(0, 10)}` }, formatWallTime(lesson.starts_at)),
          ),
          h('td', {}, lesson.student_name),
          h('td', {}, lesson.instructor_name),
          h('td', {}, `${lesson.duration_minutes} min`),
        ),
      ),
    ),
  );
}

/** Renders the dashboard. */
export async function render({ content, signal }) {
  const data = await dashboard(signal);
  const name = (await currentSession())?.user?.user_metadata?.display_name ?? '';
  content.append(
    h('h1', {}, 'Tableau de bord'),
    h('p', { class: 'greeting' }, `Bonjour, ${name} !`),
    h(
      'dl',
      { class: 'stats' },
      stat('Élèves', data.students),
      stat('Leçons à venir', data.upcoming_lessons),
      stat('Factures ouvertes', data.open_invoices),
    ),
    h('h2', { id: 'next-lessons-title' }, 'Prochaines leçons'),
    nextLessons(data.next_lessons),
  );
}
