/**
 * The incident-state merge the state branch uses when a core run and a lab run push after restoring
 * the same commit: a table of base / ours / theirs and the result, conflicts included.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeIncidentStates } from '../../.github/scripts/merge-incidents.ts';
import type { AlertState, OutboxItem } from '../../synthetics/alerting/alert-state.ts';
import type { Incident } from '../../synthetics/alerting/incidents.ts';
import type { Silence } from '../../synthetics/alerting/silences.ts';

const incident = (key: string, redStreak = 1) => ({ key, target: 't', redStreak }) as unknown as Incident;
const message = (id: string, claimedBy?: string) =>
  ({ id, ...(claimedBy ? { claimedBy } : {}) }) as unknown as OutboxItem;
const state = (incidents: Incident[], outbox: OutboxItem[] = []): AlertState => ({
  v: 1,
  incidents,
  recent: [],
  outbox,
});
const keys = (merged: AlertState | undefined) =>
  merged &&
  [
    ...merged.incidents.map((item) => `${item.key}:${item.redStreak}`),
    ...merged.outbox.map((item) => `msg ${item.id}${item.claimedBy ? `@${item.claimedBy}` : ''}`),
  ].sort();

describe('mergeIncidentStates', () => {
  const cases: Array<[string, AlertState | undefined, AlertState, AlertState, string[] | undefined, string[]]> = [
    [
      'each side changed its own incident',
      state([incident('a'), incident('b')]),
      state([incident('a', 2), incident('b')]),
      state([incident('a'), incident('b', 2)]),
      ['a:2', 'b:2'],
      [],
    ],
    [
      'each side added one',
      state([]),
      state([incident('app-down')]),
      state([incident('budget:home:lcp')]),
      ['app-down:1', 'budget:home:lcp:1'],
      [],
    ],
    [
      'one side resolved (removed) an incident the other left alone',
      state([incident('a'), incident('b')]),
      state([incident('b')]),
      state([incident('a'), incident('b', 2)]),
      ['b:2'],
      [],
    ],
    ['no base yet (a new branch)', undefined, state([incident('a')]), state([incident('b')]), ['a:1', 'b:1'], []],
    [
      'both changed the same incident alike',
      state([incident('a')]),
      state([incident('a', 2)]),
      state([incident('a', 2)]),
      ['a:2'],
      [],
    ],
    [
      'both changed the same incident differently',
      state([incident('a')]),
      state([incident('a', 2)]),
      state([incident('a', 3)]),
      undefined,
      ['incident t a'],
    ],
    [
      'one side resolved, the other changed it',
      state([incident('a')]),
      state([]),
      state([incident('a', 2)]),
      undefined,
      ['incident t a'],
    ],
    [
      'a message delivered by one side and claimed by the other stays delivered',
      state([], [message('m')]),
      state([], []),
      state([], [message('m', 'lab')]),
      [],
      [],
    ],
    [
      'messages queued by both are both kept',
      state([]),
      state([], [message('core')]),
      state([], [message('lab')]),
      ['msg core', 'msg lab'],
      [],
    ],
  ];
  for (const [name, base, ours, theirs, merged, conflicts] of cases) {
    test(name, () => {
      const result = mergeIncidentStates(base, ours, theirs);
      assert.deepEqual(keys(result.state), merged);
      assert.deepEqual(result.conflicts, conflicts);
    });
  }
});

describe('mergeIncidentStates keeps the silences, pages and held notices', () => {
  const silence = (id: string, until = '2026-11-30T06:00:00Z'): Silence => ({
    id,
    reason: 'maintenance',
    from: '2026-11-30T05:00:00Z',
    until,
    source: 'manual',
  });
  const ids = (silences: Silence[] | undefined) => (silences ?? []).map((item) => `${item.id}@${item.until}`).sort();

  test('a silence set from GitHub while a run persisted is kept (and the run keeps its incident)', () => {
    const base = state([incident('a')]);
    const run = state([incident('a', 2)]);
    const silenceJob: AlertState = { ...state([incident('a')]), silences: [silence('sil-1')] };
    const merged = mergeIncidentStates(base, run, silenceJob);
    assert.deepEqual(merged.conflicts, []);
    assert.deepEqual(ids(merged.state?.silences), ['sil-1@2026-11-30T06:00:00Z']);
    assert.deepEqual(keys(merged.state), ['a:2']);
  });

  test('a silence cleared on one side (its end moved) while the other left it alone is cleared', () => {
    const base: AlertState = { ...state([]), silences: [silence('sil-1')] };
    const cleared: AlertState = { ...state([]), silences: [silence('sil-1', '2026-11-30T05:10:00Z')] };
    const merged = mergeIncidentStates(base, base, cleared);
    assert.deepEqual(ids(merged.state?.silences), ['sil-1@2026-11-30T05:10:00Z']);
  });

  test('pages queued by both sides are both kept; a delivered page stays delivered', () => {
    const page = (id: string) => ({ id, attempts: 0 }) as unknown as NonNullable<AlertState['pages']>[number];
    const base: AlertState = { ...state([]), pages: [page('p0')] };
    const merged = mergeIncidentStates(
      base,
      { ...state([]), pages: [page('core')] },
      { ...state([]), pages: [page('p0'), page('lab')] },
    );
    assert.deepEqual(merged.state?.pages?.map((item) => item.id).sort(), ['core', 'lab']);
  });

  test('states without the optional lists stay without them', () => {
    const merged = mergeIncidentStates(state([]), state([incident('a')]), state([]));
    assert.deepEqual(Object.keys(merged.state!).sort(), ['incidents', 'outbox', 'recent', 'v']);
  });
});
