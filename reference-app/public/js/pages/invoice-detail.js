/** `/invoices/:id`: lines, subtotal, VAT and total of one invoice; marking it paid. */
import { ApiError } from '../api.js';
import { getInvoice, markInvoicePaid } from '../data.js';
import { h } from '../dom.js';
import { formatChf, formatInstantDate, formatPercent } from '../format.js';
import { navigate } from '../router.js';
import { statusLabel } from './invoices.js';

function linesTable(lines) {
  return h(
    'table',
    { class: 'table' },
    h('caption', {}, 'Lignes de facture'),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, 'Description'), h('th', { scope: 'col', class: 'amount' }, 'Montant')),
    ),
    h(
      'tbody',
      {},
      lines.map((line) =>
        h('tr', {}, h('td', {}, line.description), h('td', { class: 'amount' }, formatChf(line.amount_cents))),
      ),
    ),
  );
}

function totalsTable(invoice) {
  const row = (label, cents) =>
    h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'amount' }, formatChf(cents)));
  return h(
    'table',
    { class: 'table totals' },
    h('caption', {}, 'Totaux'),
    h(
      'tbody',
      {},
      row('Sous-total', invoice.subtotal_cents),
      row(`TVA ${formatPercent(invoice.vat_rate)} %`, invoice.vat_cents),
      row('Total', invoice.total_cents),
    ),
  );
}

async function markPaid(invoice, alert) {
  alert.textContent = '';
  try {
    await markInvoicePaid(invoice.id);
  } catch (error) {
    alert.textContent =
      error instanceof ApiError && !error.isServerSide ? error.message : "L'opération a échoué. Réessayez plus tard.";
    return;
  }
  await navigate(`/invoices/${invoice.id}`, { replace: true, flash: 'Facture marquée comme payée.' });
}

/** Renders one invoice. */
export async function render({ content, params, signal }) {
  const invoice = await getInvoice(params.id, signal);
  const alert = h('p', { role: 'alert', class: 'alert' });
  content.append(
    h('h1', {}, `Facture ${invoice.number}`),
    h(
      'dl',
      { class: 'details' },
      h(
        'div',
        {},
        h('dt', {}, 'Élève'),
        h('dd', {}, h('a', { href: `/students/${invoice.student_id}` }, invoice.student_name)),
      ),
      h('div', {}, h('dt', {}, 'Date'), h('dd', {}, formatInstantDate(invoice.created_at))),
      h(
        'div',
        {},
        h('dt', {}, 'Statut'),
        h('dd', {}, h('span', { class: `badge badge-${invoice.status}` }, statusLabel(invoice.status))),
      ),
      invoice.notes && h('div', {}, h('dt', {}, 'Remarque'), h('dd', {}, invoice.notes)),
    ),
    linesTable(invoice.lines),
    totalsTable(invoice),
    alert,
  );
  if (invoice.status === 'open') {
    content.append(
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', class: 'button button-primary', onclick: () => markPaid(invoice, alert) },
          'Marquer comme payée',
        ),
      ),
    );
  }
}
