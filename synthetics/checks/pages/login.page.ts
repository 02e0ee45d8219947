/** The sign-in form, shared by the login journey and the sign-in setup. */
import { expect, type Locator, type Page } from '@playwright/test';
import { ROUTES, UI } from '../../target/viamentor.ts';

export class LoginPage {
  readonly page: Page;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.page = page;
    this.email = page.getByLabel(UI.login.email);
    this.password = page.getByLabel(UI.login.password);
    this.submit = page.getByRole('button', { name: UI.login.submit });
    this.error = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto(ROUTES.login);
  }

  /** Types the credentials and submits, as a user does. */
  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** The dashboard's main heading: where a signed-in user lands. */
  dashboardHeading(): Locator {
    return this.page.getByRole('heading', { name: UI.shell.dashboard, level: 1 });
  }

  /** The signed-in shell's main navigation. */
  navigation(): Locator {
    return this.page.getByRole('navigation', { name: UI.shell.navigation });
  }

  /** Signs out through the shell's button, as a user does. */
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: UI.shell.signOut }).click();
  }

  /** Where signing in led: `dashboard`, or the text of the error the page shows instead. */
  async outcome(): Promise<string> {
    const dashboard = this.dashboardHeading();
    await expect(dashboard.or(this.error.filter({ hasText: /\S/ })).first(), 'the sign-in is answered').toBeVisible();
    return (await dashboard.isVisible()) ? 'dashboard' : (await this.error.innerText()).trim();
  }
}
