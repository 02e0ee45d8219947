/** journey:booking — book a free slot, see it in the planning, a double booking is refused, cancel it. */
import { bookFreeSlot, type Slot } from '../pages/lesson-booking.page.ts';
import { expect, test } from '../fixtures/test.ts';

test.describe('journey: booking', { tag: '@booking', annotation: { type: 'check', description: 'journey:booking' } }, () => {
  test('books a free slot, refuses a double booking and cancels the lesson', async ({ page, bookingPage, fixtureStudent, syntheticTag }) => {
    const booking = {
      student: { firstName: fixtureStudent.first_name, lastName: fixtureStudent.last_name },
      instructor: Math.floor(Math.random() * 3),
      vehicle: Math.floor(Math.random() * 3),
      durationMinutes: 45 as const,
      notes: syntheticTag,
    };
    const planningRow = page
      .getByRole('table', { name: /^Leçons du/ })
      .getByRole('row')
      .filter({ hasText: syntheticTag });
    let slot: Slot = { date: '', time: '' };

    await test.step('book a free slot', async () => {
      slot = await bookFreeSlot(bookingPage, booking);
    });

    await test.step('see the lesson in the planning', async () => {
      await expect(page, 'booking leads to the planning of that day').toHaveURL(new RegExp(`/planning\\?date=${slot.date}`));
      await expect(planningRow, 'the booked lesson is listed in the planning').toHaveCount(1);
      await expect(planningRow).toContainText(slot.time);
    });

    await test.step('try to book the same slot again', async () => {
      await bookingPage.goto();
      const outcome = await bookingPage.book({ ...booking, slot });
      expect(outcome.booked, `a double booking of ${slot.date} ${slot.time} must be refused`).toBe(false);
      if (!outcome.booked) expect(outcome.refusal).toContain("Ce créneau n'est pas disponible");
    });

    await test.step('cancel the lesson', async () => {
      await page.goto(`/planning?date=${slot.date}`);
      await planningRow.getByRole('button', { name: 'Annuler la leçon' }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Annuler cette leçon ?' });
      await dialog.getByRole('button', { name: "Confirmer l'annulation" }).click();
      await expect(planningRow, 'a cancelled lesson leaves the planning').toHaveCount(0);
    });
  });
});
