/** journey:invoice — invoice booked lessons; each line, the VAT and the total to the centime; mark it paid. */
import { bookFreeSlot, swissDateTime, type Slot } from '../pages/lesson-booking.page.ts';
import { expect, test } from '../fixtures/test.ts';
import { TARIFF_CENTS, expectedTotals, formatChf, normaliseChf } from './tariff.ts';

test.describe('journey: invoice', { tag: '@invoice', annotation: { type: 'check', description: 'journey:invoice' } }, () => {
  test('invoices booked lessons with the right lines, VAT and total, then marks it paid', async ({ page, bookingPage, fixtureStudent, syntheticTag }) => {
    const student = { firstName: fixtureStudent.first_name, lastName: fixtureStudent.last_name };
    const lessons: Array<{ slot: Slot; durationMinutes: 45 | 90 }> = [];

    await test.step('book a 45-minute and a 90-minute lesson', async () => {
      for (const durationMinutes of [45, 90] as const) {
        const slot = await bookFreeSlot(bookingPage, { student, instructor: 0, vehicle: 0, durationMinutes, notes: syntheticTag });
        lessons.push({ slot, durationMinutes });
      }
    });

    await test.step('generate the invoice for these lessons', async () => {
      await page.goto('/invoices');
      await page.getByRole('link', { name: 'Nouvelle facture' }).click();
      const option = page.getByLabel('Élève', { exact: true }).getByRole('option').filter({ hasText: student.firstName }).filter({ hasText: student.lastName });
      await page.getByLabel('Élève', { exact: true }).selectOption((await option.getAttribute('value')) ?? '');
      const ours = page.getByRole('group', { name: 'Leçons à facturer' }).getByRole('checkbox', { name: new RegExp(syntheticTag) });
      await expect(ours, 'both booked lessons can be invoiced').toHaveCount(2);
      for (const checkbox of await ours.all()) await checkbox.check();
      await page.getByLabel('Remarque', { exact: true }).fill(syntheticTag);
      await page.getByRole('button', { name: 'Générer la facture' }).click();
      await expect(page.getByRole('heading', { level: 1 }), 'the invoice is generated').toHaveText(/^Facture F-\d{4}-\d{4}$/);
    });

    await test.step('check each line', async () => {
      const lines = page.getByRole('table', { name: 'Lignes de facture' }).getByRole('row').filter({ hasText: 'Leçon de conduite' });
      await expect(lines, 'one line per invoiced lesson').toHaveCount(lessons.length);
      for (const { slot, durationMinutes } of lessons) {
        const line = lines.filter({ hasText: swissDateTime(slot) });
        await expect(line, `a line for the lesson of ${swissDateTime(slot)}`).toHaveCount(1);
        await expect(line).toContainText(`${durationMinutes} min`);
        const amount = normaliseChf(await line.getByRole('cell').last().innerText());
        expect(amount, `the ${durationMinutes}-minute lesson costs the tariff`).toBe(formatChf(TARIFF_CENTS[durationMinutes]));
      }
    });

    await test.step('check the subtotal, the VAT and the total', async () => {
      const expected = expectedTotals(lessons.map(({ durationMinutes }) => TARIFF_CENTS[durationMinutes]));
      const totals = page.getByRole('table', { name: 'Totaux' });
      // Labels are plain text (no regex characters); anchored so that "Total" is not "Sous-total".
      const amountOf = async (label: string) =>
        normaliseChf(await totals.getByRole('row').filter({ hasText: new RegExp(`^\\s*${label}`) }).getByRole('cell').last().innerText());
      expect(await amountOf('Sous-total'), 'the subtotal is the sum of the lines').toBe(formatChf(expected.subtotal));
      expect(await amountOf('TVA 8,1 %'), 'the VAT is 8.1 % of the subtotal, to the centime').toBe(formatChf(expected.vat));
      expect(await amountOf('Total'), 'the total is subtotal + VAT, rounded to 0.05 CHF').toBe(formatChf(expected.total));
    });

    await test.step('mark the invoice paid', async () => {
      await page.getByRole('button', { name: 'Marquer comme payée' }).click();
      await expect(page.getByText('Payée', { exact: true }), 'the invoice shows as paid').toBeVisible();
      await expect(page.getByRole('button', { name: 'Marquer comme payée' })).toHaveCount(0);
    });
  });
});
