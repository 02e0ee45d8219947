/**
 * Confirmation of destructive actions: a modal `alertdialog` named by its title, focus on the safe
 * choice, Escape cancels, and focus returns to the button that opened it.
 */
import { h, uniqueId } from './dom.js';

/** Asks a yes/no question; resolves to true when the user confirms. */
export function confirmDialog({ title, description, confirmLabel, cancelLabel }) {
  const titleId = uniqueId('dialog-title');
  const descriptionId = uniqueId('dialog-description');
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const dialog = h('dialog', {
      class: 'dialog',
      role: 'alertdialog',
      'aria-modal': 'true',
      'aria-labelledby': titleId,
      'aria-describedby': descriptionId,
    });
    const close = (confirmed) => {
      dialog.close();
      dialog.remove();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(confirmed);
    };
    const cancel = h('button', { type: 'button', class: 'button', onclick: () => close(false) }, cancelLabel);
    const confirm = h(
      'button',
      { type: 'button', class: 'button button-danger', onclick: () => close(true) },
      confirmLabel,
    );
    dialog.append(
      h('h2', { id: titleId }, title),
      h('p', { id: descriptionId }, description),
      h('div', { class: 'dialog-actions' }, cancel, confirm),
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
