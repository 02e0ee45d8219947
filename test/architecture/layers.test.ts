/**
 * The layers of `synthetics/` run one way (README, "Layout"): each folder imports only the folders
 * below it, no two folders import each other, and no file imports itself back through others.
 * Read from the code's own relative imports, so a new arrow against the flow fails here first.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The floors, lowest first: the model every floor shares, configuration (and the target profile),
 * the checks, the run result, the alerting decisions, the outputs that write them, the stages that
 * join decisions to outputs, and the entry points.
 */
export const LAYERS = [
  'model',
  'config',
  'target',
  'checks',
  'result',
  'alerting',
  'outputs',
  'stages',
  'cli',
] as const;

const ROOT = fileURLToPath(new URL('../../synthetics/', import.meta.url));
const IMPORT =
  /(?:^|[^\w.])(?:import|export)\b[^'"]*?\bfrom\s*['"](\.[^'"]+)['"]|\bimport\s*\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** Every file of synthetics/ with the files of synthetics/ it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(ROOT)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)]
      .map((match) => resolve(dirname(file), match[1] ?? match[2] ?? ''))
      .filter((target) => target.startsWith(ROOT));
    graph.set(file, targets);
  }
  return graph;
}

const floorOf = (file: string): string => relative(ROOT, file).split(sep)[0] ?? '';
const show = (file: string): string => relative(ROOT, file).split(sep).join('/');
const graph = importGraph();

test('every folder of synthetics/ is a documented layer', () => {
  const folders = new Set([...graph.keys()].map(floorOf).filter((floor) => !floor.includes('.')));
  const unknown = [...folders].filter((floor) => !(LAYERS as readonly string[]).includes(floor));
  assert.deepEqual(unknown, [], `add each new folder to LAYERS (and the README's layout) at its place in the flow`);
});

test('no import climbs back up the layer order', () => {
  const against: string[] = [];
  for (const [file, targets] of graph) {
    const from = LAYERS.indexOf(floorOf(file) as (typeof LAYERS)[number]);
    for (const target of targets) {
      const to = LAYERS.indexOf(floorOf(target) as (typeof LAYERS)[number]);
      if (from >= 0 && to > from)
        against.push(`${show(file)} → ${show(target)} (${LAYERS[from]} may not import ${LAYERS[to]})`);
    }
  }
  assert.deepEqual(against, [], `imports against the flow ${LAYERS.join(' → ')}:\n${against.join('\n')}`);
});

test('no file imports itself back through other files', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]): void => {
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open')
        cycles.push([...path.slice(path.indexOf(target)), target].map(show).join(' → '));
      else if (!state.has(target)) visit(target, [...path, target]);
    }
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, [file]);
  assert.deepEqual(cycles, [], `file loops:\n${cycles.join('\n')}`);
});
