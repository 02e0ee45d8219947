/**
 * The UI contract of reference-app/README.md, proven in a real browser: the journeys' accessible
 * names, the session in localStorage, and no serious or critical axe violation on any page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { assertAccessible, expect, launchChromium, newPage, signInThroughUi } from './browser.ts';
import { freshDate } from './records.ts';
import { seedId, signedInClient } from './supabase-client.ts';

/** Where supabase-js keeps the session for http://127.0.0.1:<port> (`sb-<first label of the host>-auth-token`). */
const SESSION_KEY = 'sb-127-auth-token';

let app: ReferenceApp;
let browser: Browser;
let page: Page;
let pageErrors: string[];
before(async () => {
  [app, browser] = await Promise.all([startReferenceApp(), launchChromium()]);
  ({ page, pageErrors } = await newPage(browser, app.url));
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

const student = {
  firstName: 'Léa',
  lastName: `Contrat-${Date.now()}`,
  email: 'lea.contrat@example.ch',
  phone: '+41 79 123 45 67',
};
const lessonDate = freshDate();

describe('public pages', () => {
  test('the landing page shows the brand, its heading, the hero image and the sign-in link', async () => {
    await page.goto('/');
    await expect(page.getByRole('banner').getByRole('link', { name: 'Viamentor' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Viamentor');
    const hero = page.getByRole('img', { name: "Moniteur et élève dans une voiture d'auto-école" });
    await expect(hero).toBeInViewport();
    assert.ok(await hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1200));
    await assertAccessible(page);
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a wrong password is refused with the readable message and no session', async () => {
    await page.getByLabel('Adresse e-mail').fill(app.email);
    await page.getByLabel('Mot de passe').fill('wrong-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY), null);
    await assertAccessible(page);
    await page.goto('/students');
    await expect(page).toHaveURL(/\/login$/, { timeout: 5000 });
  });

  test('signing in stores the supabase-style session and lands on the dashboard', async () => {
    await signInThroughUi(page, app);
    const stored = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)) ?? '{}') as Record<
      string,
      unknown
    >;
    assert.equal(stored.token_type, 'bearer');
    await expect(page.getByText('Moniteur Synthétique')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link')).toHaveText([
      'Tableau de bord',
      'Élèves',
      'Planning',
      'Factures',
    ]);
    await assertAccessible(page);
  });
});

describe('signed-in pages', () => {
  test('every route renders its heading without serious or critical axe violations', async () => {
    const db = await signedInClient(app);
    const firstInvoice = await db.from('invoices').select('id').like('number', 'F-%-0001').single();
    await db.auth.signOut({ scope: 'local' });
    const camille = seedId('a', 3, 0);
    const routes: Array<[string, string | RegExp]> = [
      ['/dashboard', 'Tableau de bord'],
      ['/students', 'Élèves'],
      ['/students/new', 'Nouvel élève'],
      [`/students/${camille}`, 'Camille Rochat'],
      [`/students/${camille}/edit`, "Modifier l'élève"],
      ['/planning', 'Planning'],
      ['/lessons/new', 'Réserver une leçon'],
      ['/invoices', 'Factures'],
      ['/invoices/new', 'Nouvelle facture'],
      [`/invoices/${(firstInvoice.data as { id: string }).id}`, /^Facture F-\d{4}-0001$/],
    ];
    for (const [path, heading] of routes) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
      await assertAccessible(page);
    }
  });

  test('creates a student, showing a validation error next to its field first', async () => {
    await page.goto('/students');
    await page.getByRole('link', { name: 'Nouvel élève' }).click();
    await page.getByLabel('Prénom', { exact: true }).fill(student.firstName);
    await page.getByLabel('Nom', { exact: true }).fill(student.lastName);
    await page.getByLabel('E-mail', { exact: true }).fill('not-an-email');
    await page.getByLabel('Téléphone', { exact: true }).fill(student.phone);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const email = page.getByLabel('E-mail', { exact: true });
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription('Adresse e-mail invalide.');
    await assertAccessible(page);
    await email.fill(student.email);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status')).toHaveText('Élève créé.');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${student.firstName} ${student.lastName}`);
    await page.getByRole('button', { name: 'Supprimer' }).click();
    await expect(page.getByRole('status'), 'the next action clears the message').toHaveCount(0);
    const dialog = page.getByRole('alertdialog', { name: "Supprimer l'élève ?" });
    await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect(page.getByRole('button', { name: 'Supprimer' }), 'focus returns to the opener').toBeFocused();
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Élèves' }).click();
    await page.getByRole('searchbox', { name: 'Rechercher un élève' }).fill(student.lastName);
    await expect(
      page.getByRole('table', { name: 'Liste des élèves' }).getByRole('row').filter({ hasText: student.lastName }),
    ).toHaveCount(1);
    await expect(page).toHaveURL(new RegExp(`/students\\?q=${student.lastName}$`));
  });

  test('books a lesson, refuses the same slot twice, and cancels it from the planning', async () => {
    const bookAt = async () => {
      await page.goto('/lessons/new');
      await page
        .getByLabel('Élève', { exact: true })
        .selectOption({ label: `${student.firstName} ${student.lastName}` });
      await page.getByLabel('Moniteur', { exact: true }).selectOption({ label: 'Luca Bernasconi' });
      await page.getByLabel('Véhicule', { exact: true }).selectOption({ label: 'VW Golf · VD 123 456' });
      await page.getByLabel('Date', { exact: true }).fill(lessonDate);
      await page.getByLabel('Heure', { exact: true }).fill('10:15');
      await page.getByRole('radio', { name: '45 minutes' }).check();
      await page.getByLabel('Remarque', { exact: true }).fill('Test contrat UI');
      await page.getByRole('button', { name: 'Réserver' }).click();
    };
    await bookAt();
    await expect(page).toHaveURL(new RegExp(`/planning\\?date=${lessonDate}$`));
    await expect(page.getByRole('status')).toHaveText('Leçon réservée.');
    const [year, month, day] = lessonDate.split('-');
    const row = page
      .getByRole('table', { name: `Leçons du ${day}.${month}.${year}` })
      .getByRole('row')
      .filter({ hasText: 'Test contrat UI' });
    await expect(row).toContainText('10:15');
    await assertAccessible(page);

    await bookAt();
    await expect(page.getByRole('alert')).toHaveText(
      "Ce créneau n'est pas disponible : le moniteur Luca Bernasconi est déjà réservé.",
    );

    await page.goto(`/planning?date=${lessonDate}`);
    await row.getByRole('button', { name: 'Annuler la leçon' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Annuler cette leçon ?' });
    await expect(dialog.getByRole('button', { name: 'Retour' })).toBeFocused();
    await dialog.getByRole('button', { name: "Confirmer l'annulation" }).click();
    await expect(row).toHaveCount(0);
    await expect(page.getByText('Aucune leçon ce jour-là.')).toBeVisible();
  });

  test('generates an invoice for a booked lesson and marks it paid', async () => {
    const db = await signedInClient(app);
    const id = async (table: string, column: string, value: string) =>
      ((await db.from(table).select('id').eq(column, value).single()).data as { id: string }).id;
    const lesson = await db.rpc('book_lesson', {
      student_id: await id('students', 'last_name', student.lastName),
      instructor_id: await id('instructors', 'last_name', 'Favre'),
      vehicle_id: await id('vehicles', 'model', 'Toyota Yaris'),
      starts_at: `${lessonDate}T14:00:00+01:00`, // January: Zurich is UTC+1
      duration_minutes: 90,
      notes: 'À facturer',
    });
    assert.equal(lesson.error, null);
    await db.auth.signOut({ scope: 'local' });
    await page.goto('/invoices');
    await page.getByRole('link', { name: 'Nouvelle facture' }).click();
    await page.getByRole('button', { name: 'Générer la facture' }).click();
    await page.getByLabel('Élève', { exact: true }).selectOption({ label: `${student.firstName} ${student.lastName}` });
    const [year, month, day] = lessonDate.split('-');
    const box = page
      .getByRole('group', { name: 'Leçons à facturer' })
      .getByRole('checkbox', { name: `${day}.${month}.${year} 14:00 · 90 min · Sophie Favre · À facturer` });
    await expect(box).not.toBeChecked();
    await page.getByRole('button', { name: 'Générer la facture' }).click();
    await expect(page.getByRole('alert')).toHaveText('Sélectionnez au moins une leçon.');
    await box.check();
    await page.getByLabel('Remarque', { exact: true }).fill('Facture du test UI');
    await page.getByRole('button', { name: 'Générer la facture' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Facture F-\d{4}-\d{4}$/);
    await expect(
      page.getByRole('table', { name: 'Lignes de facture' }).getByRole('row').filter({ hasText: 'Leçon de conduite' }),
    ).toHaveText([`Leçon de conduite 90 min · ${day}.${month}.${year} 14:00CHF 165.00`]);
    const totals = page.getByRole('table', { name: 'Totaux' });
    await expect(totals.getByRole('row')).toHaveText(['Sous-totalCHF 165.00', 'TVA 8,1 %CHF 13.37', 'TotalCHF 178.35']);
    await expect(page.getByText('Ouverte', { exact: true })).toBeVisible();
    await assertAccessible(page);
    await page.getByRole('button', { name: 'Marquer comme payée' }).click();
    await expect(page.getByText('Payée', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Marquer comme payée' })).toHaveCount(0);
  });

  test('signing out clears the session and guards the signed-in pages', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/login$/);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY), null);
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a session that Supabase refuses is cleared at the first 401 and the user is sent to /login', async () => {
    await signInThroughUi(page, app);
    // A token that is not the project's (Supabase answers 401 PGRST301), still "valid" for supabase-js.
    await page.evaluate((key) => {
      const session = JSON.parse(localStorage.getItem(key) ?? '{}') as { access_token: string };
      const [header, payload] = session.access_token.split('.');
      localStorage.setItem(key, JSON.stringify({ ...session, access_token: `${header}.${payload}.forged` }));
    }, SESSION_KEY);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Élèves' }).click();
    await expect(page).toHaveURL(/\/login$/);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY), null);
  });

  test('no uncaught exception happened on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
