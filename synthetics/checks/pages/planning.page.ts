/** The planning of one day, used by the booking journey (see the lesson, cancel it). */
import type { Locator, Page } from '@playwright/test';
import { ROUTES, UI } from '../../target/viamentor.ts';

const P = UI.planning;

export class PlanningPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** The URL of a day's planning, as the app navigates to it after a booking. */
  static urlOf(date: string): RegExp {
    return new RegExp(`${ROUTES.planning}\\?date=${date}`);
  }

  async goto(date: string): Promise<void> {
    await this.page.goto(`${ROUTES.planning}?date=${date}`);
  }

  /** The rows of the day's lessons that mention `text` (a synthetic tag). */
  lessonRows(text: string): Locator {
    return this.page
      .getByRole('table', { name: new RegExp(`^${P.dayTablePrefix}`) })
      .getByRole('row')
      .filter({ hasText: text });
  }

  /** Cancels the lesson of `row` and confirms in the dialog. */
  async cancel(row: Locator): Promise<void> {
    await row.getByRole('button', { name: P.cancel }).click();
    const dialog = this.page.getByRole('alertdialog', { name: P.cancelDialog });
    await dialog.getByRole('button', { name: P.confirmCancel }).click();
  }
}
