/**
 * History-API routing: `/students/:id` patterns, same-origin link clicks handled without a reload,
 * back/forward, and a one-shot "flash" message carried to the next page (e.g. "Élève créé.").
 */

let renderLocation = async () => {};
let pendingFlash = '';

/** Compiles `/students/:id` into a matcher; `:params` match an id (a UUID: hex digits and dashes). */
export function compileRoutes(routes) {
  return routes.map((route) => {
    const keys = [];
    const source = route.path.replace(/:(\w+)/g, (_, key) => {
      keys.push(key);
      return '([0-9A-Fa-f-]+)';
    });
    return { ...route, keys, regex: new RegExp(`^${source}$`) };
  });
}

/** The route and params of a path, or null. A trailing slash is ignored. */
export function matchRoute(compiled, pathname) {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const route of compiled) {
    const match = route.regex.exec(path);
    if (match) return { route, params: Object.fromEntries(route.keys.map((key, index) => [key, match[index + 1]])) };
  }
  return null;
}

/** Goes to `path` inside the app; `flash` is shown by the next page in its status region. */
export function navigate(path, { replace = false, flash = '' } = {}) {
  pendingFlash = flash;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  return renderLocation({ focus: true });
}

/** Takes the flash message meant for the page being rendered. */
export function takeFlash() {
  const flash = pendingFlash;
  pendingFlash = '';
  return flash;
}

function isAppLink(event, anchor) {
  if (!anchor || event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (anchor.target || anchor.hasAttribute('download') || anchor.getAttribute('href').startsWith('#')) return false;
  const url = new URL(anchor.href, location.href);
  return url.origin === location.origin && !url.pathname.startsWith('/api/');
}

/** Starts routing: renders the current location now, and on every link click or history move. */
export function startRouter(render) {
  renderLocation = render;
  document.addEventListener('click', (event) => {
    const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!isAppLink(event, anchor)) return;
    event.preventDefault();
    const url = new URL(anchor.href, location.href);
    void navigate(`${url.pathname}${url.search}`);
  });
  window.addEventListener('popstate', () => void renderLocation({ focus: true }));
  return renderLocation({ focus: false });
}
