/**
 * The single-page app: the route table, the sign-in guard, and the render cycle of a page
 * (frame → loading → content → focus and title). Pages live in ./pages, one module per screen.
 */
import { ApiError, onUnauthorized } from './api.js';
import { h } from './dom.js';
import { shiftLayoutLater } from './faults.js';
import { renderLayout } from './layout.js';
import { compileRoutes, matchRoute, navigate, startRouter, takeFlash } from './router.js';
import { currentSession, signOut } from './session.js';
import { startTelemetry, trackPageView } from './telemetry.js';
import * as dashboard from './pages/dashboard.js';
import * as invoices from './pages/invoices.js';
import * as invoiceDetail from './pages/invoice-detail.js';
import * as invoiceForm from './pages/invoice-form.js';
import * as landing from './pages/landing.js';
import * as lessonForm from './pages/lesson-form.js';
import * as login from './pages/login.js';
import * as planning from './pages/planning.js';
import * as studentDetail from './pages/student-detail.js';
import * as studentForm from './pages/student-form.js';
import * as students from './pages/students.js';

const ROUTES = compileRoutes([
  { path: '/', render: landing.render, public: true },
  { path: '/login', render: login.render, public: true },
  { path: '/dashboard', render: dashboard.render },
  { path: '/students', render: students.render },
  { path: '/students/new', render: studentForm.renderNew },
  { path: '/students/:id', render: studentDetail.render },
  { path: '/students/:id/edit', render: studentForm.renderEdit },
  { path: '/planning', render: planning.render },
  { path: '/lessons/new', render: lessonForm.render },
  { path: '/invoices', render: invoices.render },
  { path: '/invoices/new', render: invoiceForm.render },
  { path: '/invoices/:id', render: invoiceDetail.render },
]);

const root = document.getElementById('root');
let currentRender = null;

function renderNotFound({ content }) {
  content.append(
    h('h1', { tabindex: '-1' }, 'Page introuvable'),
    h('p', {}, "Cette page n'existe pas. ", h('a', { href: '/' }, "Retour à l'accueil")),
  );
}

function renderFailure(content, error) {
  const message =
    error instanceof ApiError && error.status === 404
      ? "Cet élément n'existe pas ou a été supprimé."
      : 'Le chargement a échoué. Réessayez plus tard.';
  content.replaceChildren(h('h1', { tabindex: '-1' }, 'Erreur'), h('p', { role: 'alert', class: 'alert' }, message));
}

async function signOutAndLeave() {
  await signOut();
  await navigate('/login');
}

function finishRender(frame, focus) {
  const heading = frame.content.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Viamentor` : 'Viamentor';
  if (focus && heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
  shiftLayoutLater(frame.main);
  trackPageView();
}

async function renderCurrentLocation({ focus }) {
  const match = matchRoute(ROUTES, location.pathname);
  const route = match?.route ?? { render: renderNotFound, public: true };
  currentRender?.abort();
  const controller = new AbortController();
  currentRender = controller;
  if (!route.public && !(await currentSession())) {
    if (!controller.signal.aborted) await navigate('/login', { replace: true });
    return;
  }
  if (controller.signal.aborted) return;
  const frame = renderLayout(root, {
    signedIn: !route.public,
    pathname: location.pathname,
    onSignOut: signOutAndLeave,
  });
  const flash = takeFlash();
  frame.main.setAttribute('aria-busy', 'true');
  const loading = h('p', { class: 'loading' }, 'Chargement…');
  frame.content.append(loading);
  const page = {
    ...frame,
    content: h('div', { class: 'page-body' }),
    params: match?.params ?? {},
    query: new URLSearchParams(location.search),
    signal: controller.signal,
  };
  try {
    await route.render(page);
    if (controller.signal.aborted) return;
    loading.replaceWith(page.content);
  } catch (error) {
    if (controller.signal.aborted || error.name === 'AbortError') return;
    renderFailure(frame.content, error);
    // A bug (not an API answer) must still surface as an uncaught error for monitors to see.
    if (!(error instanceof ApiError))
      setTimeout(() => {
        throw error;
      });
  }
  frame.main.removeAttribute('aria-busy');
  if (flash) frame.announce(flash);
  finishRender(frame, focus);
}

startTelemetry();
onUnauthorized(() => void navigate('/login', { replace: true }));
void startRouter(renderCurrentLocation);
