/** The invoice form and an invoice's page, used by the invoice journey. */
import type { Locator, Page } from '@playwright/test';
import { ROUTES, UI } from '../../target/viamentor.ts';
import { normaliseChf } from '../../target/tariff.ts';

const I = UI.invoices;

export class InvoicePage {
  readonly page: Page;
  readonly heading: Locator;
  readonly markPaidButton: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1 });
    this.markPaidButton = page.getByRole('button', { name: I.markPaid });
  }

  /** Opens the invoice form through the invoices list. */
  async openNewForm(): Promise<void> {
    await this.page.goto(ROUTES.invoices);
    await this.page.getByRole('link', { name: I.create }).click();
  }

  /** Picks the student; resolves to the lesson checkboxes whose label mentions `text`. */
  async chooseStudent(student: { firstName: string; lastName: string }, text: string): Promise<Locator> {
    const select = this.page.getByLabel(I.student, { exact: true });
    const option = select
      .getByRole('option')
      .filter({ hasText: student.firstName })
      .filter({ hasText: student.lastName });
    await select.selectOption((await option.getAttribute('value')) ?? '');
    return this.page.getByRole('group', { name: I.lessons }).getByRole('checkbox', { name: new RegExp(text) });
  }

  /** Adds the note and generates the invoice. */
  async generate(notes: string): Promise<void> {
    await this.page.getByLabel(I.notes, { exact: true }).fill(notes);
    await this.page.getByRole('button', { name: I.submit }).click();
  }

  /** The heading an invoice's page must show (`Facture F-2026-0001`). */
  static numberPattern(): RegExp {
    return new RegExp(I.numberPattern);
  }

  /** The lesson lines of the invoice. */
  lines(): Locator {
    return this.page.getByRole('table', { name: I.lines }).getByRole('row').filter({ hasText: I.lineText });
  }

  /** The amount of a line, normalised (`CHF 85.00`). */
  async amountOf(line: Locator): Promise<string> {
    return normaliseChf(await line.getByRole('cell').last().innerText());
  }

  /** A total by its label, anchored so that "Total" is not "Sous-total". */
  async total(which: 'subtotal' | 'vat' | 'total'): Promise<string> {
    const label = I[which].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const row = this.page
      .getByRole('table', { name: I.totals })
      .getByRole('row')
      .filter({ hasText: new RegExp(`^\\s*${label}`) });
    return normaliseChf(await row.getByRole('cell').last().innerText());
  }

  async markPaid(): Promise<void> {
    await this.markPaidButton.click();
  }

  /** The "paid" badge. */
  paidBadge(): Locator {
    return this.page.getByText(I.paid, { exact: true });
  }
}
