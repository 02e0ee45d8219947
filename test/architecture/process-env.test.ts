/**
 * One run context reads the environment: `synthetics/config/load.ts` is the only file of the suite
 * (synthetics/ and the Playwright configurations) that touches `process.env`. Everything else receives
 * typed values — the configuration, budgets, run id, watchers, session folder (`runContext()`), a child's
 * environment (`childEnv()`), the few variables read before validation (`rawEnv()`) — so that a variable
 * is validated, documented and defaulted in one place. The reference app and the tests are not the suite.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The only reader, and why: it loads `.env`, validates, defaults, and sets the run id and session folder. */
const OWNER = 'synthetics/config/load.ts';

/** `process.env`, `process['env']`, `const { env } = process` and `process.env` reached through `globalThis`. */
const READS = new RegExp(
  [
    /\bprocess\s*(?:\?\.|\.)\s*env\b/.source,
    /\bprocess\s*\[\s*['"`]env['"`]\s*\]/.source,
    /\{[^}]*\benv\b[^}]*\}\s*=\s*(?:globalThis\.)?process\b/.source,
  ].join('|'),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

const FILES = [
  ...sourceFiles(join(REPO, 'synthetics')),
  join(REPO, 'playwright.config.ts'),
  join(REPO, 'playwright.merge.config.ts'),
].map((path) => relative(REPO, path).split('\\').join('/'));

test('only the run context (config/load.ts) reads process.env', () => {
  const readers = FILES.filter((file) => file !== OWNER).flatMap((file) =>
    readFileSync(join(REPO, file), 'utf8')
      .split('\n')
      .flatMap((line, index) => (READS.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(readers, [], `read the environment through ${OWNER} (runContext, childEnv, rawEnv) instead`);
});

test('the owner does read it, and the pattern sees every form', () => {
  assert.match(readFileSync(join(REPO, OWNER), 'utf8'), READS);
  for (const line of ['process.env.CI', "process['env']", 'const { env } = process;', 'process?.env'])
    assert.match(line, READS, line);
  for (const line of ['const env = childEnv();', 'options.env.PORT', 'subprocess.envelope'])
    assert.doesNotMatch(line, READS, line);
});
