/**
 * One format for the whole tree (biome.json, line width 120): the formatter in check mode must find nothing to
 * change, and no tracked source line may be longer than 120 characters — the formatter cannot shorten a long
 * string, comment or regex, so that rule is checked here on its own, naming each `file:line`.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIOME = 'node_modules/.bin/biome';
const MAX_LINE = 120;
const SOURCE_FILES = ['*.ts', '*.js', '*.mjs', '*.sh'];

/** The folders biome.json leaves out (`!folder/**`): the line rule leaves them out too, so both agree. */
export function excludedFolders(config: { files?: { includes?: string[] } }): string[] {
  return (config.files?.includes ?? [])
    .filter((pattern) => /^![^*]+\/\*\*$/.test(pattern))
    .map((pattern) => pattern.slice(1, -2));
}

/** Every line over the limit as `file:line (N characters)`, characters counted as code points. */
export function longLines(files: readonly string[], read: (file: string) => string, excluded: string[]): string[] {
  const found: string[] = [];
  for (const file of files.filter((name) => !excluded.some((folder) => name.startsWith(folder)))) {
    read(file)
      .split('\n')
      .forEach((line, index) => {
        const length = Array.from(line).length;
        if (length > MAX_LINE) found.push(`${file}:${index + 1} (${length} characters)`);
      });
  }
  return found;
}

const config = JSON.parse(readFileSync(`${ROOT}biome.json`, 'utf8'));

test('the line rule names each long line and leaves the excluded folders out', () => {
  const files: Record<string, string> = {
    'a.ts': `short\n${'x'.repeat(121)}\n${'é'.repeat(120)}`,
    'vendor/b.ts': 'y'.repeat(200),
  };
  const read = (file: string) => files[file]!;
  assert.deepEqual(longLines(Object.keys(files), read, ['vendor/']), ['a.ts:2 (121 characters)']);
  assert.deepEqual(
    longLines(['a.ts'], () => 'z'.repeat(120), []),
    [],
  );
  assert.deepEqual(excludedFolders({ files: { includes: ['**', '!**/package-lock.json', '!vendor/**'] } }), [
    'vendor/',
  ]);
});

test('the formatter finds nothing to change (npm run format fixes it)', () => {
  assert.ok(existsSync(`${ROOT}${BIOME}`), `${BIOME} is missing: run npm ci`);
  const run = spawnSync(`${ROOT}${BIOME}`, ['format', '.'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, `biome format . found unformatted files:\n${run.stdout}${run.stderr}`);
});

test(`no tracked source line is longer than ${MAX_LINE} characters`, () => {
  const tracked = execFileSync('git', ['ls-files', '-z', '--', ...SOURCE_FILES], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  const found = longLines(tracked, (file) => readFileSync(`${ROOT}${file}`, 'utf8'), excludedFolders(config));
  assert.deepEqual(found, [], `lines over ${MAX_LINE} characters:\n${found.join('\n')}`);
});
