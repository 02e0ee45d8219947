/**
 * Form building blocks with accessible wiring done once: every control has a label, errors sit next
 * to their field (`aria-invalid` + `aria-describedby`), and one `role=alert` per form for the rest.
 */
import { h, uniqueId } from './dom.js';

/** A labelled input (or select/textarea via `control`), with its error slot. */
export function field({ label, name, type = 'text', value = '', control, ...attributes }) {
  const id = uniqueId(name);
  const input = control ?? h('input', { id, name, type, value, ...attributes });
  input.id = id;
  input.name = name;
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  return h('div', { class: 'field', 'data-field': name }, h('label', { for: id }, label), input, error);
}

/** A labelled `<select>` with a first, empty "choose" option. */
export function selectField({ label, name, placeholder, options, selected, ...attributes }) {
  const control = h(
    'select',
    attributes,
    h('option', { value: '' }, placeholder),
    options.map(({ value, text }) => h('option', { value, selected: String(value) === String(selected ?? '') }, text)),
  );
  return field({ label, name, control });
}

/** The form-level message region (`role=alert`), hidden while empty. */
export function formAlert() {
  return h('p', { role: 'alert', class: 'alert' });
}

/** Clears the field errors and the alert of a form. */
export function clearErrors(form) {
  for (const wrapper of form.querySelectorAll('[data-field]')) {
    const control = wrapper.querySelector('input, select, textarea');
    control?.removeAttribute('aria-invalid');
    control?.removeAttribute('aria-describedby');
    wrapper.querySelector('.field-error').textContent = '';
  }
  const alert = form.querySelector('[role="alert"]');
  if (alert) alert.textContent = '';
}

/**
 * Shows the API's field messages next to their fields (`aliases` maps an API field to a form field,
 * e.g. `starts_at` → `time`) and focuses the first invalid one. Returns false if none matched.
 */
export function showFieldErrors(form, fields, aliases = {}) {
  let first = null;
  for (const [apiName, message] of Object.entries(fields ?? {})) {
    if (!message) continue;
    const wrapper = form.querySelector(`[data-field="${aliases[apiName] ?? apiName}"]`);
    const control = wrapper?.querySelector('input, select, textarea');
    if (!wrapper || !control) continue;
    const error = wrapper.querySelector('.field-error');
    error.textContent = message;
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', error.id);
    first ??= control;
  }
  first?.focus();
  return first !== null;
}

/** Shows a message in the form's alert region. */
export function showAlert(form, message) {
  const alert = form.querySelector('[role="alert"]');
  alert.textContent = message;
}

/** Disables the submit button while `work` runs, so a double click sends one request. */
export async function whileSubmitting(form, work) {
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    return await work();
  } finally {
    button.disabled = false;
  }
}
