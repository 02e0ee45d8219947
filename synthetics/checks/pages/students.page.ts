/** The students list, the student form and a student's page, used by the students journey. */
import { expect, type Locator, type Page } from '@playwright/test';
import { ROUTES, UI } from '../../target/viamentor.ts';
import { appMessage } from './app-message.page.ts';

const S = UI.students;

export interface StudentForm {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

export class StudentsPage {
  readonly page: Page;
  readonly list: Locator;
  readonly search: Locator;

  constructor(page: Page) {
    this.page = page;
    this.list = page.getByRole('table', { name: S.list });
    this.search = page.getByRole('searchbox', { name: S.search });
  }

  async goto(): Promise<void> {
    await this.page.goto(ROUTES.students);
  }

  /** Opens the empty form through the list's "new" link; resolves once its heading shows. */
  async openNewForm(): Promise<void> {
    await this.page.getByRole('link', { name: S.create }).click();
    await expect(this.page.getByRole('heading', { name: S.newHeading })).toBeVisible();
  }

  /** Fills the form and saves it; resolves to the app's answer (its status or alert text). */
  async save(student: StudentForm): Promise<string> {
    await this.page.getByLabel(S.firstName, { exact: true }).fill(student.firstName);
    await this.page.getByLabel(S.lastName, { exact: true }).fill(student.lastName);
    await this.page.getByLabel(S.email, { exact: true }).fill(student.email);
    await this.page.getByLabel(S.phone, { exact: true }).fill(student.phone);
    await this.page.getByRole('button', { name: S.save }).click();
    return appMessage(this.page);
  }

  /**
   * Back to the list through the main navigation, then a search; resolves once the list shows the search's
   * results only. The list filters as one types (debounced): a row clicked in the unfiltered list can be
   * undone when the results arrive (the student's page never opened, seen on a loaded runner).
   */
  async find(text: string): Promise<Locator> {
    const navigation = this.page.getByRole('navigation', { name: UI.shell.navigation });
    await navigation.getByRole('link', { name: UI.shell.studentsLink }).click();
    const rows = await this.searchFor(text);
    const otherRows = this.list
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell') })
      .filter({ hasNotText: text });
    await expect(otherRows, 'the list shows the search results only').toHaveCount(0);
    return rows;
  }

  /** Types into the list's search box; resolves to the rows that mention `text`. */
  async searchFor(text: string): Promise<Locator> {
    await this.search.fill(text);
    return this.list.getByRole('row').filter({ hasText: text });
  }

  /** From the list, opens the student's page and its edit form. */
  async openEditForm(name: string): Promise<void> {
    await this.list.getByRole('link', { name: new RegExp(name) }).click();
    await this.page.getByRole('link', { name: S.edit }).click();
    await expect(this.page.getByRole('heading', { name: S.editHeading })).toBeVisible();
  }

  /** On a student's page: delete it and confirm; resolves to the app's answer. */
  async remove(): Promise<string> {
    await this.page.getByRole('button', { name: S.remove }).click();
    const dialog = this.page.getByRole('alertdialog', { name: S.removeDialog });
    await dialog.getByRole('button', { name: S.confirmRemove }).click();
    return appMessage(this.page);
  }
}
