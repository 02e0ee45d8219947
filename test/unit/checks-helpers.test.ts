/** The pure helpers the checks rely on: tags, tariff maths, client-error filtering, browser lookup. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TAG_PATTERN, isTaggedRecord, syntheticTag } from '../../synthetics/checks/api/synthetic-records.ts';
import { expectedTotals, formatChf, normaliseChf } from '../../synthetics/target/tariff.ts';
import {
  describeClientErrors,
  unexpectedClientErrors,
  type ClientError,
} from '../../synthetics/checks/fixtures/client-errors.ts';
import { BrowserNotFoundError, CHROMIUM_FLAGS, findChromium } from '../../synthetics/config/browser.ts';
import { randomSlot, swissDateTime } from '../../synthetics/checks/pages/lesson-booking.page.ts';

describe('synthetic tags', () => {
  test('a tag carries the run id and the journey', () => {
    assert.equal(syntheticTag('20261125-223000-a1b2', 'journey:Students'), 'SYN-20261125-223000-a1b2-journeystudents');
    assert.match(syntheticTag('20261125-223000-a1b2', 'booking'), TAG_PATTERN);
  });
  test('a run id that would make an unrecognisable tag is refused', () => {
    assert.throws(() => syntheticTag('unknown', 'booking'), /does not make a valid synthetic tag/);
  });
  const student = (last: string) => ({
    id: 1,
    first_name: 'Léa',
    last_name: last,
    email: 'lea@example.ch',
    phone: '',
    created_at: '',
  });
  const cases: Array<[string, boolean]> = [
    ['SYN-20261125-223000-a1b2-students', true],
    ['Synthétique', false],
    ['SYN-smith', false],
    ['Müller', false],
    ['Muller (see SYN-20261125-223000-a1b2-students)', false],
    ['SYN-20261125-223000-a1b2-students-copy', false],
  ];
  for (const [lastName, tagged] of cases) {
    test(`a student named "${lastName}" is ${tagged ? '' : 'not '}synthetic`, () =>
      assert.equal(isTaggedRecord('students', student(lastName)), tagged));
  }
  test('with a tag, only that tag counts', () => {
    const lesson = {
      id: 2,
      student_id: 1,
      notes: 'SYN-20261125-223000-a1b2-booking',
      status: 'booked',
      created_at: '',
    };
    assert.equal(isTaggedRecord('lessons', lesson, 'SYN-20261125-223000-a1b2-booking'), true);
    assert.equal(isTaggedRecord('lessons', lesson, 'SYN-20261125-223000-ffff-booking'), false);
    assert.equal(isTaggedRecord('lessons', { ...lesson, notes: null }), false);
    assert.equal(
      isTaggedRecord('lessons', { ...lesson, notes: 'real lesson, moved from SYN-20261125-223000-a1b2-booking' }),
      false,
    );
    assert.equal(
      isTaggedRecord(
        'lessons',
        { ...lesson, notes: 'SYN-20261125-223000-a1b2-booking' },
        'SYN-20261125-223000-a1b2-book',
      ),
      false,
    );
  });
});

describe('invoice maths (independent of the app)', () => {
  const cases: Array<[number[], { subtotal: number; vat: number; total: number }]> = [
    [[8500], { subtotal: 8500, vat: 689, total: 9190 }], // 6.885 → 6.89; 91.89 → 91.90
    [[16500], { subtotal: 16500, vat: 1337, total: 17835 }], // 13.365 → 13.37; 178.37 → 178.35
    [[8500, 16500], { subtotal: 25000, vat: 2025, total: 27025 }],
    [[8500, 8500], { subtotal: 17000, vat: 1377, total: 18375 }], // 183.77 → 183.75
    [[16500, 16500, 16500], { subtotal: 49500, vat: 4010, total: 53510 }], // 40.095 → 40.10
    [[], { subtotal: 0, vat: 0, total: 0 }],
  ];
  for (const [lines, expected] of cases)
    test(`lines ${lines.join(' + ') || 'none'}`, () => assert.deepEqual(expectedTotals(lines), expected));
  test('amounts compare as text whatever the apostrophes', () => {
    assert.equal(normaliseChf("CHF 1'234.50"), 'CHF 1234.50');
    assert.equal(normaliseChf('CHF 1’234.50'), 'CHF 1234.50');
    assert.equal(normaliseChf('CHF\u00a091.90'), 'CHF 91.90');
    assert.equal(formatChf(123450), 'CHF 1234.50');
  });
});

describe('booking slots', () => {
  test('a random slot is a future quarter-hour between 07:00 and 17:30', () => {
    const today = new Date('2026-11-25T10:00:00Z');
    for (const r of [0, 0.5, 0.999]) {
      const slot = randomSlot(() => r, today);
      assert.match(slot.time, /^(0[7-9]|1[0-7]):(00|15|30|45)$/);
      assert.ok(slot.date > '2027-01-23', slot.date);
    }
  });
  test('slots print the Swiss way', () =>
    assert.equal(swissDateTime({ date: '2027-03-12', time: '10:15' }), '12.03.2027 10:15'));
});

describe('client errors', () => {
  const errors: ClientError[] = [
    { kind: 'uncaught-exception', message: 'TypeError: x is undefined', page: '/students' },
    { kind: 'server-error', message: 'GET /api/students answered 500', page: '/students' },
  ];
  test('allow-listed errors are not unexpected', () => {
    assert.deepEqual(unexpectedClientErrors(errors, [{ pattern: /answered 500/, reason: 'known' }]), [errors[0]]);
    assert.deepEqual(unexpectedClientErrors(errors, [{ pattern: 'TypeError', reason: 'known' }]), [errors[1]]);
  });
  test('the message names the first error, the count and the evidence', () => {
    assert.equal(
      describeClientErrors(errors),
      'client error on /students: TypeError: x is undefined (and 1 more) — ' +
        'evidence in the attachment "client-errors"',
    );
  });
});

describe('finding Chromium', () => {
  const only =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path);
  test('CHROME_PATH comes first', () => {
    assert.deepEqual(
      findChromium(
        '/opt/chrome',
        '/pw/chrome',
        only('/opt/chrome', '/usr/bin/chromium', '/usr/bin/chromium-headless-shell', '/pw/chrome'),
      ),
      {
        source: 'CHROME_PATH',
        executablePath: '/opt/chrome',
        args: CHROMIUM_FLAGS,
        checksExecutablePath: '/opt/chrome',
      },
    );
  });
  test("the checks launch the system's headless shell when it has one; Lighthouse keeps the full browser", () => {
    const withShell = findChromium(
      undefined,
      '/pw/chrome',
      only('/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell'),
    );
    assert.equal(withShell.executablePath, '/usr/bin/chromium');
    assert.equal(withShell.checksExecutablePath, '/usr/lib/chromium/chromium-headless-shell');
    const without = findChromium(undefined, '/pw/chrome', only('/usr/bin/chromium'));
    assert.equal(without.checksExecutablePath, '/usr/bin/chromium');
    assert.equal(findChromium(undefined, '/pw/chrome', only('/pw/chrome')).checksExecutablePath, '/pw/chrome');
  });
  test("then a system Chromium, then Playwright's own", () => {
    assert.equal(findChromium(undefined, '/pw/chrome', only('/usr/bin/chromium', '/pw/chrome')).source, 'system');
    assert.equal(findChromium(undefined, '/pw/chrome', only('/pw/chrome')).source, 'playwright');
  });
  test('a CHROME_PATH that does not exist is an error, not a fallback', () => {
    assert.throws(() => findChromium('/nope', '/pw/chrome', only('/pw/chrome')), BrowserNotFoundError);
  });
  test('no browser at all says exactly what to run', () => {
    assert.throws(() => findChromium(undefined, undefined, only()), /npx playwright install --with-deps chromium/);
  });
});
