/** The sign-in form, shared by the login journey and the sign-in setup. */
import { expect, type Locator, type Page } from '@playwright/test';

export class LoginPage {
  readonly page: Page;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.page = page;
    this.email = page.getByLabel('Adresse e-mail');
    this.password = page.getByLabel('Mot de passe');
    this.submit = page.getByRole('button', { name: 'Se connecter' });
    this.error = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/login');
  }

  /** Types the credentials and submits, as a user does. */
  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Where signing in led: `dashboard`, or the text of the error the page shows instead. */
  async outcome(): Promise<string> {
    const dashboard = this.page.getByRole('heading', { name: 'Tableau de bord', level: 1 });
    await expect(dashboard.or(this.error.filter({ hasText: /\S/ })).first(), 'the sign-in is answered').toBeVisible();
    return (await dashboard.isVisible()) ? 'dashboard' : (await this.error.innerText()).trim();
  }
}
