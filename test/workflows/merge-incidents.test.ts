/**
 * The incident-state merge the state branch uses when a core run and a lab run push after restoring
 * the same commit: a table of base / ours / theirs and the result, conflicts included.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeIncidentStates } from '../../.github/scripts/merge-incidents.ts';
import type { AlertState, OutboxItem } from '../../synthetics/alerting/alert-state.ts';
import type { Incident } from '../../synthetics/alerting/incidents.ts';

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
