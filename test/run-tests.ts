/**
 * `npm test`: every test/**\/*.test.ts file, in two lanes one after the other (test/helpers/test-lanes.ts):
 *
 * - the shared lane first, two files at a time (`--concurrency N`; of them at most `--suite-concurrency N`
 *   running the suite, 2 by default): unit tables, the reference app over HTTP, workflows, and the suite
 *   runs that judge what turns red rather than timings (they run with loose timing budgets). Each file
 *   starts its own reference app on port 0 with its own in-memory database, so no two files share a port
 *   or a database. Three at a time (two running the suite) was 3 % faster on this 2-core machine, but the
 *   early P0's delivery time beside them came to 51 s of its 60 s bound (docs/measurements.md).
 * - then the exclusive lane, one file at a time with nothing beside it: the files that judge timings
 *   against the shipped budgets (a healthy run of every tier, Lighthouse medians).
 *
 * The spec reporter prints each file's results a top-level test at a time; the last line is the count
 * reporter's `N passed, N failed` over both lanes (CI reads it). Exits 1 when any test failed.
 * `node test/run-tests.ts [folder or file…]` runs those only; `--list` prints each file's lane, runs nothing.
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
import { laneOf, runsTheSuite } from './helpers/test-lanes.ts';

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

/** A file's events, held back until a top-level test ends, so that two files' lines never interleave. */
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
    options: {
      list: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '2' },
      'suite-concurrency': { type: 'string', default: '2' },
    },
    allowPositionals: true,
  });
  const wholeNumber = (option: string, value: string | undefined): number => {
    const number = Number(value);
    if (Number.isInteger(number) && number >= 1) return number;
    console.error(`--${option} must be a whole number of files at once (1 or more), not "${value}"`);
    process.exit(2);
  };
  const concurrency = wholeNumber('concurrency', values.concurrency);
  const suiteConcurrency = wholeNumber('suite-concurrency', values['suite-concurrency']);
  const files = testFiles(positionals.length ? positionals : [TEST_DIR]);
  const lanes = { shared: [] as string[], exclusive: [] as string[] };
  for (const file of files) lanes[laneOf(readFileSync(file, 'utf8'))].push(file);
  // The shared lane's longest files first, so that no long file starts last: those that run the suite, the
  // biggest first (a file's size stands for its number of runs).
  const runsSuite = new Set(files.filter((file) => runsTheSuite(readFileSync(file, 'utf8'))));
  const weight = (file: string) => (runsSuite.has(file) ? 1e9 : 0) + statSync(file).size;
  lanes.shared.sort((a, b) => weight(b) - weight(a));
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
        // Each file's own totals (ℹ tests …) stay out of the log: the count reporter's line is the total.
        const fileTotals = event.type === 'test:diagnostic' && event.data.nesting === 0;
        if (!fileTotals) toSpec.write(event);
        toCount.write(event);
      }
  };
  // Node's default isolation: each file in a process of its own. `slots` files at once, each taking the next
  // one it may: at most `suiteSlots` of them running the suite (a file that waits on its runs' pages and
  // assertions leaves CPU idle, which a file that does not run the suite fills).
  const inSlots = async (queue: string[], slots: number, suiteSlots = slots) => {
    const next = [...queue];
    let suitesRunning = 0;
    const take = () => {
      const index = suitesRunning < suiteSlots ? 0 : next.findIndex((file) => !runsSuite.has(file));
      return index < 0 ? undefined : next.splice(index, 1)[0];
    };
    const slot = async () => {
      for (let file = take(); file; file = take()) {
        const suite = runsSuite.has(file);
        if (suite) suitesRunning += 1;
        await drain(run({ files: [file] }));
        if (suite) suitesRunning -= 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(slots, next.length) }, slot));
  };
  await inSlots(lanes.shared, concurrency, suiteConcurrency);
  await inSlots(lanes.exclusive, 1);
  toSpec.end();
  toCount.end();
  await printed;
  process.stdout.write(await counted);
  if (failed) process.exitCode = 1;
}

await main();
