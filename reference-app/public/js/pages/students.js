/** `/students`: the list of students, searchable by name or e-mail (the search is kept in `?q=`). */
import { listStudents } from '../data.js';
import { h } from '../dom.js';
import { breakStudentsListLater, searchIgnored } from '../faults.js';

function studentRow(student) {
  return h(
    'tr',
    {},
    h('td', {}, h('a', { href: `/students/${student.id}` }, `${student.first_name} ${student.last_name}`)),
    h('td', {}, student.email),
    h('td', {}, student.phone),
  );
}

function emptyRow(query) {
  const text = query ? `Aucun élève ne correspond à « ${query} ».` : 'Aucun élève pour le moment.';
  return h('tr', {}, h('td', { colspan: 3 }, text));
}

async function fillTable(tbody, query, signal) {
  const students = await listStudents(query, signal);
  tbody.replaceChildren(...(students.length > 0 ? students.map(studentRow) : [emptyRow(query)]));
}

function searchForm(query, onSearch) {
  let timer;
  const input = h('input', { type: 'search', id: 'student-search', name: 'q', value: query, autocomplete: 'off' });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => onSearch(input.value.trim()), 200);
  });
  return h(
    'form',
    {
      role: 'search',
      class: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        onSearch(input.value.trim());
      },
    },
    h('label', { for: 'student-search' }, 'Rechercher un élève'),
    input,
  );
}

/** Renders the list; typing in the search box filters it and updates the URL. */
export async function render({ content, query, signal }) {
  const initial = query.get('q') ?? '';
  const tbody = h('tbody');
  await fillTable(tbody, initial, signal);
  let search = null;
  const onSearch = (text) => {
    if (searchIgnored()) return;
    history.replaceState(null, '', text ? `/students?q=${encodeURIComponent(text)}` : '/students');
    search?.abort();
    search = new AbortController();
    fillTable(tbody, text, search.signal).catch((error) => {
      if (error.name !== 'AbortError')
        tbody.replaceChildren(h('tr', {}, h('td', { colspan: 3 }, 'La recherche a échoué. Réessayez plus tard.')));
    });
  };
  content.append(
    h(
      'div',
      { class: 'page-header' },
      h('h1', {}, 'Élèves'),
      h('a', { class: 'button button-primary', href: '/students/new' }, 'Nouvel élève'),
    ),
    searchForm(initial, onSearch),
    h(
      'table',
      { class: 'table' },
      h('caption', { class: 'visually-hidden' }, 'Liste des élèves'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Nom', 'E-mail', 'Téléphone'].map((title) => h('th', { scope: 'col' }, title)),
        ),
      ),
      tbody,
    ),
  );
  breakStudentsListLater();
}
