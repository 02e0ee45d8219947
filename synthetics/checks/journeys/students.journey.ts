/** journey:students — create a synthetic student, find it by search, edit it, delete it. */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { appMessage } from '../pages/app-message.page.ts';

interface StudentForm {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

async function fillStudentForm(page: Page, student: StudentForm): Promise<void> {
  await page.getByLabel('Prénom', { exact: true }).fill(student.firstName);
  await page.getByLabel('Nom', { exact: true }).fill(student.lastName);
  await page.getByLabel('E-mail', { exact: true }).fill(student.email);
  await page.getByLabel('Téléphone', { exact: true }).fill(student.phone);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
}

test.describe('journey: students', { tag: '@students', annotation: { type: 'check', description: 'journey:students' } }, () => {
  test('creates, finds, edits and deletes a synthetic student', async ({ page, syntheticTag }) => {
    const student: StudentForm = {
      firstName: 'Léa',
      lastName: syntheticTag,
      email: `${syntheticTag.toLowerCase()}@synthetic.viamentor.test`,
      phone: '+41 79 123 45 67',
    };
    const list = page.getByRole('table', { name: 'Liste des élèves' });

    await test.step('create a student', async () => {
      await page.goto('/students');
      await page.getByRole('link', { name: 'Nouvel élève' }).click();
      await expect(page.getByRole('heading', { name: 'Nouvel élève' })).toBeVisible();
      await fillStudentForm(page, student);
      expect(await appMessage(page), 'saving a new student is confirmed').toBe('Élève créé.');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${student.firstName} ${student.lastName}`);
    });

    await test.step('find the student by search', async () => {
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Élèves' }).click();
      await page.getByRole('searchbox', { name: 'Rechercher un élève' }).fill(syntheticTag);
      await expect(list.getByRole('row').filter({ hasText: syntheticTag }), 'the search finds the new student').toHaveCount(1);
      await expect(list.getByRole('row').filter({ hasText: syntheticTag })).toContainText(student.email);
    });

    await test.step('edit the student', async () => {
      await list.getByRole('link', { name: new RegExp(syntheticTag) }).click();
      await page.getByRole('link', { name: 'Modifier' }).click();
      await expect(page.getByRole('heading', { name: "Modifier l'élève" })).toBeVisible();
      await fillStudentForm(page, { ...student, firstName: 'Zoé', phone: '021 345 67 89' });
      expect(await appMessage(page), 'saving the changes is confirmed').toBe('Élève mis à jour.');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Zoé ${student.lastName}`);
      await expect(page.getByRole('main'), 'the new phone number is shown').toContainText('021 345 67 89');
    });

    await test.step('delete the student', async () => {
      await page.getByRole('button', { name: 'Supprimer' }).click();
      const dialog = page.getByRole('alertdialog', { name: "Supprimer l'élève ?" });
      await dialog.getByRole('button', { name: 'Confirmer la suppression' }).click();
      expect(await appMessage(page), 'the deletion is confirmed').toBe('Élève supprimé.');
      await page.getByRole('searchbox', { name: 'Rechercher un élève' }).fill(syntheticTag);
      await expect(list.getByRole('row').filter({ hasText: syntheticTag }), 'the deleted student is gone').toHaveCount(0);
    });
  });
});
