/** The lesson booking form, used by the booking and the invoice journeys. */
import { expect, type Locator, type Page } from '@playwright/test';
import { appMessage } from './app-message.page.ts';
import { MESSAGES, ROUTES, UI } from '../../target/viamentor.ts';

const B = UI.booking;

/** A wall-clock slot as the form takes it. */
export interface Slot {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
}

export interface Booking {
  student: { firstName: string; lastName: string };
  /** Which instructor and vehicle, by position in their lists (the synthetic tenant's own). */
  instructor: number;
  vehicle: number;
  slot: Slot;
  durationMinutes: 45 | 90;
  notes: string;
}

export type BookingOutcome = { booked: true } | { booked: false; refusal: string };

/** A random quarter-hour between 07:00 and 17:30, 60 to 420 days ahead: almost surely free. */
export function randomSlot(random: () => number = Math.random, today: Date = new Date()): Slot {
  const day = new Date(today.getTime() + (60 + Math.floor(random() * 360)) * 86_400_000);
  const quarter = Math.floor(random() * 43); // 07:00 … 17:30
  const hours = 7 + Math.floor(quarter / 4);
  const minutes = (quarter % 4) * 15;
  return {
    date: day.toISOString().slice(0, 10),
    time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
  };
}

/** `2027-03-12` + `10:15` → `12.03.2027 10:15`, as the app prints lessons. */
export function swissDateTime(slot: Slot): string {
  const [year, month, day] = slot.date.split('-');
  return `${day}.${month}.${year} ${slot.time}`;
}

export class LessonBookingPage {
  readonly page: Page;
  readonly student: Locator;
  readonly instructor: Locator;
  readonly vehicle: Locator;

  constructor(page: Page) {
    this.page = page;
    this.student = page.getByLabel(B.student, { exact: true });
    this.instructor = page.getByLabel(B.instructor, { exact: true });
    this.vehicle = page.getByLabel(B.vehicle, { exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto(ROUTES.bookLesson);
    await expect(this.page.getByRole('heading', { name: B.heading })).toBeVisible();
  }

  /** Fills the form and submits it; resolves to what the app answered. */
  async book(booking: Booking): Promise<BookingOutcome> {
    const option = this.student
      .getByRole('option')
      .filter({ hasText: booking.student.firstName })
      .filter({ hasText: booking.student.lastName });
    await expect(
      option,
      `the student "${booking.student.firstName} ${booking.student.lastName}" is offered`,
    ).toHaveCount(1);
    await this.student.selectOption((await option.getAttribute('value')) ?? '');
    await this.#selectNth(this.instructor, booking.instructor);
    await this.#selectNth(this.vehicle, booking.vehicle);
    await this.page.getByLabel(B.date, { exact: true }).fill(booking.slot.date);
    await this.page.getByLabel(B.time, { exact: true }).fill(booking.slot.time);
    await this.page.getByRole('radio', { name: `${booking.durationMinutes} ${B.minutes}` }).check();
    await this.page.getByLabel(B.notes, { exact: true }).fill(booking.notes);
    await this.page.getByRole('button', { name: B.submit }).click();
    const answer = await appMessage(this.page);
    return answer === MESSAGES.lessonBooked ? { booked: true } : { booked: false, refusal: answer };
  }

  async #selectNth(select: Locator, index: number): Promise<void> {
    const values = await select
      .getByRole('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value).filter(Boolean));
    const value = values[index % Math.max(values.length, 1)];
    expect(value, 'the list offers at least one choice').toBeTruthy();
    await select.selectOption(value ?? '');
  }
}

/**
 * Books the first free slot among a few random ones, the way a user who finds a slot taken
 * picks another. Returns the slot booked; fails when every try is refused.
 */
export async function bookFreeSlot(page: LessonBookingPage, booking: Omit<Booking, 'slot'>, tries = 4): Promise<Slot> {
  const refusals: string[] = [];
  for (let attempt = 0; attempt < tries; attempt += 1) {
    await page.goto();
    const slot = randomSlot();
    const outcome = await page.book({ ...booking, slot });
    if (outcome.booked) return slot;
    refusals.push(`${slot.date} ${slot.time}: ${outcome.refusal}`);
  }
  throw new Error(`no free slot found in ${tries} tries: ${refusals.join('; ')}`);
}
