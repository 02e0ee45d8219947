/** `/`: the public landing page. Its hero image is the page's largest paint (LCP element). */
import { h } from '../dom.js';

const FEATURES = [
  ['Élèves', 'Fiches complètes, recherche instantanée et historique des leçons.'],
  ['Planning', 'Moniteurs et véhicules réservés sans double réservation possible.'],
  ['Facturation', 'Factures en CHF avec TVA suisse et arrondi à 5 centimes.'],
];

/** Renders the landing page. */
export function render({ content }) {
  content.append(
    h(
      'section',
      { class: 'hero', 'aria-labelledby': 'hero-title' },
      h(
        'div',
        { class: 'hero-text' },
        h('h1', { id: 'hero-title' }, 'Viamentor'),
        h(
          'p',
          { class: 'lead' },
          'Le logiciel des auto-écoles suisses : élèves, planning des leçons et facturation, au même endroit.',
        ),
        h('a', { class: 'button button-primary button-large', href: '/login' }, 'Se connecter'),
      ),
      h('img', {
        class: 'hero-image',
        src: '/assets/hero.png',
        alt: "Moniteur et élève dans une voiture d'auto-école",
        width: 1200,
        height: 600,
        fetchpriority: 'high',
      }),
    ),
    h(
      'section',
      { class: 'features', 'aria-labelledby': 'features-title' },
      h('h2', { id: 'features-title' }, 'Pensé pour les auto-écoles'),
      h(
        'ul',
        { class: 'feature-list' },
        FEATURES.map(([title, text]) => h('li', {}, h('h3', {}, title), h('p', {}, text))),
      ),
    ),
  );
}
