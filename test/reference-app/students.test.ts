/**
 * `/api/students` over real HTTP: create, read, search, update, delete, and each validation
 * message of the UI contract, field by field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { bookLesson, createStudent, freshDate } from './records.ts';

interface StudentBody {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  created_at: string;
  updated_at: string;
}
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

let app: ReferenceApp;
before(async () => {
  app = await startReferenceApp();
});
after(() => app.stop());

const valid = {
  first_name: 'Jeanne',
  last_name: 'Cuénod',
  email: 'jeanne.cuenod@example.ch',
  phone: '+41 79 123 45 67',
};

describe('reading students', () => {
  test('lists the seeded students sorted by last name (accents sorted with their letter)', async () => {
    const { status, body } = await app.authed<StudentBody[]>('GET', '/api/students');
    assert.equal(status, 200);
    assert.equal(body.length, 13, '12 real-looking students and the fixture student');
    const lastNames = body.map((student) => student.last_name);
    assert.deepEqual(lastNames, [...lastNames].sort(new Intl.Collator('fr-CH').compare));
    assert.ok(lastNames.includes('Synthétique'));
  });

  test('searches first name, last name and e-mail, case-insensitively', async () => {
    const search = async (q: string) =>
      (await app.authed<StudentBody[]>('GET', `/api/students?q=${encodeURIComponent(q)}`)).body.map((s) => s.last_name);
    assert.deepEqual(await search('ROCHAT'), ['Rochat']);
    assert.deepEqual(await search('camille'), ['Rochat']);
    assert.deepEqual(await search('gmx.ch'), ['Gerber', 'Meier']);
    assert.deepEqual(await search('élève'), ['Synthétique']);
    assert.deepEqual(await search('no-such-student'), []);
  });

  test('reads one student; an unknown id is 404', async () => {
    const { body } = await app.authed<StudentBody>('GET', '/api/students/1');
    assert.equal(body.id, 1);
    const missing = await app.authed<ErrorBody>('GET', '/api/students/99999');
    assert.deepEqual([missing.status, missing.body.error.code], [404, 'not_found']);
  });
});

describe('writing students', () => {
  test('creates (201), updates (200) and deletes (204) a student', async () => {
    const created = await app.authed<StudentBody>('POST', '/api/students', { ...valid, first_name: '  Jeanne  ' });
    assert.equal(created.status, 201);
    assert.equal(created.body.first_name, 'Jeanne', 'names are trimmed');
    assert.match(created.body.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const id = created.body.id;
    const updated = await app.authed<StudentBody>('PUT', `/api/students/${id}`, { ...valid, phone: '021 345 67 89' });
    assert.deepEqual([updated.status, updated.body.phone], [200, '021 345 67 89']);
    assert.equal((await app.authed('DELETE', `/api/students/${id}`)).status, 204);
    assert.equal((await app.authed('GET', `/api/students/${id}`)).status, 404);
    assert.equal((await app.authed('DELETE', `/api/students/${id}`)).status, 404);
  });

  test('a student with lessons cannot be deleted (409); without them it can', async () => {
    const id = await createStudent(app, 'Avec-Lecons');
    const lesson = await bookLesson(app, { student_id: id, starts_at: `${freshDate()}T10:00` });
    const refused = await app.authed<ErrorBody>('DELETE', `/api/students/${id}`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'student_has_lessons');
    assert.match(refused.body.error.message, /leçon/);
    assert.equal((await app.authed('DELETE', `/api/lessons/${lesson.id}`)).status, 204);
    assert.equal((await app.authed('DELETE', `/api/students/${id}`)).status, 204);
  });

  test('updating an unknown student is 404', async () => {
    assert.equal((await app.authed('PUT', '/api/students/99999', valid)).status, 404);
  });
});

describe('validation (422 with the French message of each field)', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, string>]> = [
    ['an empty first name', { first_name: '   ' }, { first_name: 'Le prénom est obligatoire.' }],
    ['a missing last name', { last_name: undefined }, { last_name: 'Le nom est obligatoire.' }],
    [
      'a last name of 81 characters',
      { last_name: 'x'.repeat(81) },
      { last_name: 'Le nom ne doit pas dépasser 80 caractères.' },
    ],
    ['an e-mail without @', { email: 'jeanne.example.ch' }, { email: 'Adresse e-mail invalide.' }],
    ['an e-mail without a dotted domain', { email: 'jeanne@localhost' }, { email: 'Adresse e-mail invalide.' }],
    ['a French phone number', { phone: '+33 6 12 34 56 78' }, { phone: 'Numéro de téléphone suisse invalide.' }],
    ['a phone number one digit short', { phone: '079 123 45 6' }, { phone: 'Numéro de téléphone suisse invalide.' }],
    ['a phone number with dashes', { phone: '079-123-45-67' }, { phone: 'Numéro de téléphone suisse invalide.' }],
    [
      'fields of the wrong type',
      { first_name: 42, email: ['a@b.ch'] },
      { first_name: 'Le prénom est obligatoire.', email: 'Adresse e-mail invalide.' },
    ],
    [
      'everything missing',
      { first_name: undefined, last_name: undefined, email: undefined, phone: undefined },
      {
        first_name: 'Le prénom est obligatoire.',
        last_name: 'Le nom est obligatoire.',
        email: 'Adresse e-mail invalide.',
        phone: 'Numéro de téléphone suisse invalide.',
      },
    ],
  ];
  for (const [what, change, fields] of cases) {
    test(`refuses ${what}`, async () => {
      const response = await app.authed<ErrorBody>('POST', '/api/students', { ...valid, ...change });
      assert.equal(response.status, 422);
      assert.equal(response.body.error.code, 'validation_failed');
      assert.deepEqual(response.body.error.fields, fields);
    });
  }

  for (const phone of ['+41 79 123 45 67', '0041 79 123 45 67', '079 123 45 67', '021 345 67 89', '+41791234567']) {
    test(`accepts the Swiss phone number ${phone}`, async () => {
      assert.equal((await app.authed('POST', '/api/students', { ...valid, phone })).status, 201);
    });
  }

  test('PUT validates like POST', async () => {
    const response = await app.authed<ErrorBody>('PUT', '/api/students/1', { ...valid, email: 'nope' });
    assert.deepEqual([response.status, response.body.error.fields], [422, { email: 'Adresse e-mail invalide.' }]);
  });
});
