/**
 * Browser-side faults of the test switchboard. The server announces them in the HTML shell
 * (`window.__VIAMENTOR_FAULTS__`) only when the switchboard is on and the fault enabled; in normal
 * mode the list is empty and nothing here does anything.
 */
import { h } from './dom.js';

const enabled = new Set(Array.isArray(window.__VIAMENTOR_FAULTS__) ? window.__VIAMENTOR_FAULTS__ : []);

/** True when the server enabled this browser-side fault for this page load. */
export function hasFault(name) {
  return enabled.has(name);
}

/**
 * `layout-shift`: a tall banner pushed in at the top of the page after it has rendered
 * (CLS ≈ 0.17 at 1280×720, more on mobile).
 */
export function shiftLayoutLater(main) {
  if (!hasFault('layout-shift')) return;
  setTimeout(() => {
    const page = main.parentElement;
    if (!main.isConnected || !page || page.querySelector(':scope > .promo-banner')) return;
    page.prepend(
      h(
        'aside',
        { class: 'promo-banner', 'aria-label': 'Annonce' },
        h('p', {}, "Nouveau : réservez vos leçons depuis l'application mobile Viamentor !"),
      ),
    );
  }, 700);
}

/** `search-ignored`: the students list's search box filters nothing (the list stays unfiltered). */
export function searchIgnored() {
  return hasFault('search-ignored');
}

/** `js-error`: the students list reads a counter that is not there (an uncaught TypeError). */
export function breakStudentsListLater() {
  if (!hasFault('js-error')) return;
  setTimeout(() => {
    const counter = document.querySelector('[data-student-count]');
    counter.textContent = String(document.querySelectorAll('tbody tr').length);
  }, 100);
}
