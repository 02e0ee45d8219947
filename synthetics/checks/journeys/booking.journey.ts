/** journey:booking — book a free slot, see it in the planning, a double booking is refused, cancel it. */
import { bookFreeSlot, type Slot } from '../pages/lesson-booking.page.ts';
import { PlanningPage } from '../pages/planning.page.ts';
import { expect, test } from '../fixtures/test.ts';
import { checkId } from '../../model/check-ids.ts';
import { MESSAGES } from '../../target/viamentor.ts';

test.describe('journey: booking', {
  tag: '@booking',
  annotation: { type: 'check', description: checkId.journey('booking') },
}, () => {
  test('books a free slot, refuses a double booking and cancels the lesson', async ({
    page,
    bookingPage,
    planningPage,
    fixtureStudent,
    syntheticTag,
  }) => {
    const booking = {
      student: { firstName: fixtureStudent.first_name, lastName: fixtureStudent.last_name },
      instructor: Math.floor(Math.random() * 3),
      vehicle: Math.floor(Math.random() * 3),
      durationMinutes: 45 as const,
      notes: syntheticTag,
    };
    const planningRow = planningPage.lessonRows(syntheticTag);
    let slot: Slot = { date: '', time: '' };

    await test.step('book a free slot', async () => {
      slot = await bookFreeSlot(bookingPage, booking);
    });

    await test.step('see the lesson in the planning', async () => {
      await expect(page, 'booking leads to the planning of that day').toHaveURL(PlanningPage.urlOf(slot.date));
      await expect(planningRow, 'the booked lesson is listed in the planning').toHaveCount(1);
      await expect(planningRow).toContainText(slot.time);
    });

    await test.step('try to book the same slot again', async () => {
      await bookingPage.goto();
      const outcome = await bookingPage.book({ ...booking, slot });
      expect(outcome.booked, `a double booking of ${slot.date} ${slot.time} must be refused`).toBe(false);
      if (!outcome.booked) expect(outcome.refusal).toContain(MESSAGES.slotTaken);
    });

    await test.step('cancel the lesson', async () => {
      await planningPage.goto(slot.date);
      await planningPage.cancel(planningRow);
      await expect(planningRow, 'a cancelled lesson leaves the planning').toHaveCount(0);
    });
  });
});
