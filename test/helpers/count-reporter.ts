/**
 * node:test reporter that ends the output with the plain line CI reads: `N passed, N failed`
 * (`, N skipped` when some were). Counts tests, not suites; a file that fails to load counts as
 * a failure.
 */
import type { TestEvent } from 'node:test/reporters';

export default async function* countReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details.type === 'suite') continue;
    if (event.type === 'test:fail') failed += 1;
    else if (event.data.skip !== undefined || event.data.todo !== undefined) skipped += 1;
    else passed += 1;
  }
  yield `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
