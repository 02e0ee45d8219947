/** `/invoices`: every invoice of the school, newest first. */
import { listInvoices } from '../data.js';
import { h } from '../dom.js';
import { formatChf, formatInstantDate } from '../format.js';

/** The French label of an invoice status. */
export function statusLabel(status) {
  return status === 'paid' ? 'Payée' : 'Ouverte';
}

function invoiceRow(invoice) {
  return h(
    'tr',
    {},
    h('td', {}, h('a', { href: `/invoices/${invoice.id}` }, invoice.number)),
    h('td', {}, invoice.student_name),
    h('td', {}, formatInstantDate(invoice.created_at)),
    h('td', { class: 'amount' }, formatChf(invoice.total_cents)),
    h('td', {}, h('span', { class: `badge badge-${invoice.status}` }, statusLabel(invoice.status))),
  );
}

/** Renders the invoice list. */
export async function render({ content, signal }) {
  const invoices = await listInvoices(signal);
  const rows =
    invoices.length > 0 ? invoices.map(invoiceRow) : [h('tr', {}, h('td', { colspan: 5 }, 'Aucune facture.'))];
  content.append(
    h(
      'div',
      { class: 'page-header' },
      h('h1', {}, 'Factures'),
      h('a', { class: 'button button-primary', href: '/invoices/new' }, 'Nouvelle facture'),
    ),
    h(
      'table',
      { class: 'table' },
      h('caption', { class: 'visually-hidden' }, 'Liste des factures'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Numéro', 'Élève', 'Date', 'Total', 'Statut'].map((title) => h('th', { scope: 'col' }, title)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}
