/** journey:students — create a synthetic student, find it by search, edit it, delete it. */
import { expect, test } from '../fixtures/test.ts';
import { checkId } from '../../model/check-ids.ts';
import type { StudentForm } from '../pages/students.page.ts';
import { MESSAGES } from '../../target/viamentor.ts';

test.describe('journey: students', {
  tag: '@students',
  annotation: { type: 'check', description: checkId.journey('students') },
}, () => {
  test('creates, finds, edits and deletes a synthetic student', async ({ page, studentsPage, syntheticTag }) => {
    const student: StudentForm = {
      firstName: 'Léa',
      lastName: syntheticTag,
      email: `${syntheticTag.toLowerCase()}@synthetic.viamentor.test`,
      phone: '+41 79 123 45 67',
    };

    await test.step('create a student', async () => {
      await studentsPage.goto();
      await studentsPage.openNewForm();
      expect(await studentsPage.save(student), 'saving a new student is confirmed').toBe(MESSAGES.studentCreated);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${student.firstName} ${student.lastName}`);
    });

    await test.step('find the student by search', async () => {
      const rows = await studentsPage.find(syntheticTag);
      await expect(rows, 'the search finds the new student').toHaveCount(1);
      await expect(rows).toContainText(student.email);
    });

    await test.step('edit the student', async () => {
      await studentsPage.openEditForm(syntheticTag);
      const answer = await studentsPage.save({ ...student, firstName: 'Zoé', phone: '021 345 67 89' });
      expect(answer, 'saving the changes is confirmed').toBe(MESSAGES.studentUpdated);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Zoé ${student.lastName}`);
      await expect(page.getByRole('main'), 'the new phone number is shown').toContainText('021 345 67 89');
    });

    await test.step('delete the student', async () => {
      expect(await studentsPage.remove(), 'the deletion is confirmed').toBe(MESSAGES.studentDeleted);
      const rows = await studentsPage.searchFor(syntheticTag);
      await expect(rows, 'the deleted student is gone').toHaveCount(0);
    });
  });
});
