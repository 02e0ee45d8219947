/**
 * `npm test`: every test/**\/*.test.ts file, in two lanes that run side by side, one file at a time each.
 *
 * - The serial lane: the files that run the suite (they import test/helpers/suite-run.ts) or measure
 *   timings in a browser (they say `test-lane: serial`). One suite run at a time on a 2-core machine keeps
 *   the journeys' and Lighthouse's timing budgets honest; these files are most of the time.
 * - The other lane: everything else (unit tests, the reference app over HTTP, workflows), while the
 *   serial lane runs. Each file starts its own reference app on port 0 with its own in-memory database,
 *   so no two files share a port or a database.
 *
 * The spec reporter prints each lane's results a top-level test at a time; the last line is the count
 * reporter's `N passed, N failed` over both lanes (CI reads it). Exits 1 when any test failed.
 * `node test/run-tests.ts [folder or file…]` runs those only; `--list` prints each file's lane, runs nothing.
 * By default the lanes run one after the other (one file at a time); `--lanes` runs them side by side.
 */
import { once } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { run } from 'node:test';
import { spec, type TestEvent } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import countReporter from './helpers/count-reporter.ts';
import { laneOf } from './helpers/test-lanes.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TEST_DIR = join(ROOT, 'test');

/** The *.test.ts files under each folder given (default: test/), or the files given themselves. */
function testFiles(roots: string[]): string[] {
  const found = roots.flatMap((root) =>
    statSync(root).isDirectory()
      ? readdirSync(root, { recursive: true, encoding: 'utf8' }).map((path) => join(root, path))
      : [root],
  );
  const tests = found.filter((path) => path.endsWith('.test.ts') && !path.split(sep).includes('node_modules'));
  return [...new Set(tests.map((path) => resolve(path)))].sort();
}

/** A lane's events, held back until a top-level test ends, so the two lanes' lines never interleave. */
async function* byTopLevelTest(lane: AsyncIterable<TestEvent>): AsyncGenerator<TestEvent[]> {
  let held: TestEvent[] = [];
  for await (const event of lane) {
    held.push(event);
    const topLevelEnd = (event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0;
    if (topLevelEnd) {
      yield held;
      held = [];
    }
  }
  if (held.length) yield held;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { list: { type: 'boolean', default: false }, lanes: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const files = testFiles(positionals.length ? positionals : [TEST_DIR]);
  const lanes = { serial: [] as string[], parallel: [] as string[] };
  for (const file of files) lanes[laneOf(readFileSync(file, 'utf8'))].push(file);
  if (values.list) {
    for (const [lane, members] of Object.entries(lanes))
      for (const file of members) console.log(`${lane}\t${relative(ROOT, file)}`);
    return;
  }

  const toSpec = new PassThrough({ objectMode: true });
  const toCount = new PassThrough({ objectMode: true });
  const specReporter = new spec();
  toSpec.pipe(specReporter).pipe(process.stdout, { end: false });
  const printed = once(specReporter, 'end');
  const counted = (async () => {
    let line = '';
    for await (const chunk of countReporter(toCount)) line += chunk;
    return line;
  })();

  let failed = false;
  const drain = async (stream: Readable) => {
    for await (const batch of byTopLevelTest(stream as AsyncIterable<TestEvent>))
      for (const event of batch) {
        if (event.type === 'test:fail') failed = true;
        toSpec.write(event);
        toCount.write(event);
      }
  };
  // Node's default isolation: each file in a process of its own.
  // One file at a time by default: in clean-clone CI runs on 2 cores, the other lane beside a suite run
  // pushed healthy runs past their timing budgets (API p95 1.5 s, home LCP 3 s). `--lanes` runs both.
  const groups = values.lanes ? Object.values(lanes) : [[...lanes.serial, ...lanes.parallel]];
  await Promise.all(
    groups.filter((members) => members.length > 0).map((members) => drain(run({ files: members, concurrency: 1 }))),
  );
  toSpec.end();
  toCount.end();
  await printed;
  process.stdout.write(await counted);
  if (failed) process.exitCode = 1;
}

await main();
