/**
 * Builds DOM nodes from data. Text is always inserted as text (never as HTML), so a student named
 * "<script>" stays a name.
 */

/**
 * Creates an element: `h('a', { href: '/students', class: 'button' }, 'Élèves')`.
 * Attributes set to `false`, `null` or `undefined` are left out; `true` sets an empty attribute;
 * `on<event>` functions become listeners. Children may be nodes, strings, numbers or arrays of them.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  const nodes = children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false);
  element.append(...nodes.map((child) => (child instanceof Node ? child : String(child))));
  return element;
}

let counter = 0;

/** A page-unique id for label and ARIA wiring. */
export function uniqueId(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}
