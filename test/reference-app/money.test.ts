/**
 * The invoice arithmetic of the reference app, case by case: half-up rounding of the VAT to the
 * centime and of the total to 5 centimes, all in integers. Expected values are worked out by hand.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  computeInvoiceTotals,
  divideRoundingHalfUp,
  lessonPriceCents,
  OLD_VAT_RATE_BP,
  roundToFiveCentimes,
  VAT_RATE_BP,
  vatCents,
} from '../../reference-app/src/money.ts';

describe('divideRoundingHalfUp', () => {
  const cases: Array<[number, number, number, string]> = [
    [0, 10, 0, 'zero'],
    [14, 10, 1, '1.4 rounds down'],
    [15, 10, 2, '1.5 rounds up (half-up)'],
    [25, 10, 3, '2.5 rounds up, not to even'],
    [16, 10, 2, '1.6 rounds up'],
    [6_885_000, 10_000, 689, '688.5 centimes of VAT → 689'],
    [6_884_999, 10_000, 688, 'just under half → down'],
    [2, 5, 0, '0.4 → 0'],
    [3, 5, 1, '0.6 → 1'],
  ];
  for (const [numerator, denominator, expected, why] of cases) {
    test(`${numerator} / ${denominator} = ${expected} (${why})`, () => {
      assert.equal(divideRoundingHalfUp(numerator, denominator), expected);
    });
  }

  test('refuses negative, fractional or unsafe operands', () => {
    assert.throws(() => divideRoundingHalfUp(-1, 10), RangeError);
    assert.throws(() => divideRoundingHalfUp(1.5, 10), RangeError);
    assert.throws(() => divideRoundingHalfUp(10, 0), RangeError);
    assert.throws(() => divideRoundingHalfUp(Number.MAX_SAFE_INTEGER + 1, 10), RangeError);
  });
});

describe('roundToFiveCentimes', () => {
  const cases: Array<[number, number]> = [
    [18_375, 18_375],
    [18_376, 18_375],
    [18_377, 18_375],
    [18_378, 18_380],
    [18_379, 18_380],
    [18_380, 18_380],
    [2, 0],
    [3, 5],
  ];
  for (const [cents, expected] of cases) {
    test(`${cents} → ${expected}`, () => assert.equal(roundToFiveCentimes(cents), expected));
  }
});

describe('vatCents', () => {
  test('8.1 % of CHF 85.00 is 6.885 → CHF 6.89 (half-up)', () => assert.equal(vatCents(8500, VAT_RATE_BP), 689));
  test('8.1 % of CHF 165.00 is 13.365 → CHF 13.37', () => assert.equal(vatCents(16_500, VAT_RATE_BP), 1337));
  test('7.7 % (old rate) of CHF 85.00 is 6.545 → CHF 6.55', () => assert.equal(vatCents(8500, OLD_VAT_RATE_BP), 655));
  test('no VAT on nothing', () => assert.equal(vatCents(0, VAT_RATE_BP), 0));
});

describe('computeInvoiceTotals', () => {
  // subtotal × 8.1 % = exact VAT → rounded to the centime; subtotal + VAT → rounded to 5 centimes.
  const cases: Array<{ lessons: string; lines: number[]; subtotal: number; vat: number; total: number }> = [
    { lessons: '1 × 45 min', lines: [8500], subtotal: 8500, vat: 689, total: 9190 }, // 688.5 → 689; 9189 → 9190
    // 1336.5 → 1337; 17837 → 17835
    { lessons: '1 × 90 min', lines: [16_500], subtotal: 16_500, vat: 1337, total: 17_835 },
    // 1377 exact; 18377 → 18375
    { lessons: '2 × 45 min', lines: [8500, 8500], subtotal: 17_000, vat: 1377, total: 18_375 },
    // exact; already a multiple of 5
    { lessons: '45 + 90 min', lines: [8500, 16_500], subtotal: 25_000, vat: 2025, total: 27_025 },
    // 4009.5 → 4010
    { lessons: '3 × 90 min', lines: [16_500, 16_500, 16_500], subtotal: 49_500, vat: 4010, total: 53_510 },
    // 2065.5 → 2066; 27566 → 27565
    { lessons: '3 × 45 min', lines: [8500, 8500, 8500], subtotal: 25_500, vat: 2066, total: 27_565 },
    // 2673 exact; 35673 → 35675
    { lessons: '2 × 90 min', lines: [16_500, 16_500], subtotal: 33_000, vat: 2673, total: 35_675 },
    // 214038 → 214040
    { lessons: '12 × 90 min', lines: Array(12).fill(16_500), subtotal: 198_000, vat: 16_038, total: 214_040 },
  ];
  for (const { lessons, lines, subtotal, vat, total } of cases) {
    test(`${lessons}: subtotal ${subtotal}, VAT ${vat}, total ${total}`, () => {
      assert.deepEqual(computeInvoiceTotals(lines), { subtotal_cents: subtotal, vat_cents: vat, total_cents: total });
    });
  }

  test('the old 7.7 % rate gives a different total for one 45-minute lesson', () => {
    assert.deepEqual(computeInvoiceTotals([8500], OLD_VAT_RATE_BP), {
      subtotal_cents: 8500,
      vat_cents: 655,
      total_cents: 9155,
    });
  });

  test('refuses a negative line', () => assert.throws(() => computeInvoiceTotals([8500, -1]), RangeError));
});

describe('lessonPriceCents', () => {
  test('45 min costs CHF 85.00 and 90 min CHF 165.00', () => {
    assert.equal(lessonPriceCents(45), 8500);
    assert.equal(lessonPriceCents(90), 16_500);
  });
  test('other durations have no tariff', () => assert.throws(() => lessonPriceCents(60), RangeError));
});
