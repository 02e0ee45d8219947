/**
 * The page frame: banner with the brand, the main navigation and sign-out for signed-in pages,
 * the main landmark with its status region (flash messages), and a footer on public pages.
 */
import { h } from './dom.js';

const NAV_LINKS = [
  ['/dashboard', 'Tableau de bord'],
  ['/students', 'Élèves'],
  ['/planning', 'Planning'],
  ['/invoices', 'Factures'],
];

function isCurrentSection(pathname, href) {
  if (href === '/planning' && pathname.startsWith('/lessons')) return true;
  return pathname === href || pathname.startsWith(`${href}/`);
}

function mainNavigation(pathname) {
  const items = NAV_LINKS.map(([href, label]) =>
    h('li', {}, h('a', { href, 'aria-current': isCurrentSection(pathname, href) ? 'page' : null }, label)),
  );
  return h('nav', { class: 'main-nav', 'aria-label': 'Navigation principale' }, h('ul', {}, items));
}

function footer() {
  return h(
    'footer',
    { class: 'site-footer' },
    h('p', {}, 'Viamentor · Logiciel de gestion pour auto-écoles suisses · Lausanne'),
  );
}

/**
 * Replaces the whole page with a fresh frame and returns where the page renders (`content`) and
 * how it announces a result (`announce`, the single `role=status` region of the page).
 */
export function renderLayout(root, { signedIn, pathname, onSignOut }) {
  const header = h(
    'header',
    { class: 'site-header' },
    h('a', { class: 'skip-link', href: '#main' }, 'Aller au contenu'),
    h('a', { class: 'brand', href: signedIn ? '/dashboard' : '/' }, 'Viamentor'),
    signedIn && mainNavigation(pathname),
    signedIn &&
      h('button', { type: 'button', class: 'button button-quiet sign-out', onclick: onSignOut }, 'Se déconnecter'),
  );
  const status = h('p', { role: 'status', class: 'flash' });
  const content = h('div', { class: 'page' });
  const main = h('main', { id: 'main', tabindex: '-1' }, status, content);
  // A message answers the last action only: the next click on a button or form submission clears it.
  const clearStatus = (event) => {
    if (event.type === 'submit' || event.target.closest?.('button')) status.textContent = '';
  };
  main.addEventListener('click', clearStatus, true);
  main.addEventListener('submit', clearStatus, true);
  root.replaceChildren(header, main, ...(signedIn ? [] : [footer()]));
  return {
    main,
    content,
    announce(message) {
      status.textContent = '';
      status.textContent = message;
    },
  };
}
