/** journey:invoice — invoice booked lessons; each line, the VAT and the total to the centime; mark it paid. */
import { bookFreeSlot, swissDateTime, type Slot } from '../pages/lesson-booking.page.ts';
import { InvoicePage } from '../pages/invoice.page.ts';
import { expect, test } from '../fixtures/test.ts';
import { checkId } from '../../model/check-ids.ts';
import { TARIFF_CENTS, expectedTotals, formatChf } from '../../target/tariff.ts';

test.describe('journey: invoice', {
  tag: '@invoice',
  annotation: { type: 'check', description: checkId.journey('invoice') },
}, () => {
  test('invoices booked lessons with the right lines, VAT and total, then marks it paid', async ({
    bookingPage,
    invoicePage,
    fixtureStudent,
    syntheticTag,
  }) => {
    const student = { firstName: fixtureStudent.first_name, lastName: fixtureStudent.last_name };
    const lessons: Array<{ slot: Slot; durationMinutes: 45 | 90 }> = [];

    await test.step('book a 45-minute and a 90-minute lesson', async () => {
      for (const durationMinutes of [45, 90] as const) {
        const slot = await bookFreeSlot(bookingPage, {
          student,
          instructor: 0,
          vehicle: 0,
          durationMinutes,
          notes: syntheticTag,
        });
        lessons.push({ slot, durationMinutes });
      }
    });

    await test.step('generate the invoice for these lessons', async () => {
      await invoicePage.openNewForm();
      const ours = await invoicePage.chooseStudent(student, syntheticTag);
      await expect(ours, 'both booked lessons can be invoiced').toHaveCount(2);
      for (const checkbox of await ours.all()) await checkbox.check();
      await invoicePage.generate(syntheticTag);
      await expect(invoicePage.heading, 'the invoice is generated').toHaveText(InvoicePage.numberPattern());
    });

    await test.step('check each line', async () => {
      const lines = invoicePage.lines();
      await expect(lines, 'one line per invoiced lesson').toHaveCount(lessons.length);
      for (const { slot, durationMinutes } of lessons) {
        const line = lines.filter({ hasText: swissDateTime(slot) });
        await expect(line, `a line for the lesson of ${swissDateTime(slot)}`).toHaveCount(1);
        await expect(line).toContainText(`${durationMinutes} min`);
        const amount = await invoicePage.amountOf(line);
        expect(amount, `the ${durationMinutes}-minute lesson costs the tariff`).toBe(
          formatChf(TARIFF_CENTS[durationMinutes]),
        );
      }
    });

    await test.step('check the subtotal, the VAT and the total', async () => {
      const expected = expectedTotals(lessons.map(({ durationMinutes }) => TARIFF_CENTS[durationMinutes]));
      const subtotal = await invoicePage.total('subtotal');
      expect(subtotal, 'the subtotal is the sum of the lines').toBe(formatChf(expected.subtotal));
      const vat = await invoicePage.total('vat');
      expect(vat, 'the VAT is 8.1 % of the subtotal, to the centime').toBe(formatChf(expected.vat));
      const total = await invoicePage.total('total');
      expect(total, 'the total is subtotal + VAT, rounded to 0.05 CHF').toBe(formatChf(expected.total));
    });

    await test.step('mark the invoice paid', async () => {
      await invoicePage.markPaid();
      await expect(invoicePage.paidBadge(), 'the invoice shows as paid').toBeVisible();
      await expect(invoicePage.markPaidButton).toHaveCount(0);
    });
  });
});
