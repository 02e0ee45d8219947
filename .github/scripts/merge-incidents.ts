/**
 * Combines two writers' incident state (`incidents.json`) on the state branch: the core and the lab
 * runs have concurrency groups of their own (a queued lab run must never be dropped for a core run),
 * so both may push after restoring the same commit. They decide about different incidents (the lab
 * tier has only lab budgets), so a three-way merge per incident, per resolved incident, per outbox
 * message and per page, silence and held notice is safe (the silence job is a third writer); an item
 * both writers changed differently is a conflict — the push then fails loudly, as before, rather
 * than overwrite one run's decisions with another's.
 *
 * `node .github/scripts/merge-incidents.ts <base> <ours> <theirs>`: writes the result to <ours>;
 * exit 0 merged, 1 conflict (nothing written), 2 usage. A missing <base> is an empty state.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { argv, exit } from 'node:process';
import type { AlertState } from '../../synthetics/alerting/alert-state.ts';

/** The merged state, or the items that both writers changed differently. */
export type StateMerge = { state: AlertState; conflicts: [] } | { state?: undefined; conflicts: string[] };

type Keyed = { id: string; text: string; value: unknown };

function keyed<T>(items: readonly T[] | undefined, id: (item: T) => string): Map<string, Keyed> {
  return new Map((items ?? []).map((item) => [id(item), { id: id(item), text: JSON.stringify(item), value: item }]));
}

/** Three-way merge of one list; `removalWins`: an item one side removed (delivered) stays removed. */
function mergeList<T>(
  base: readonly T[] | undefined,
  ours: readonly T[] | undefined,
  theirs: readonly T[] | undefined,
  id: (item: T) => string,
  removalWins: boolean,
  conflicts: string[],
): T[] {
  const [b, o, t] = [keyed(base, id), keyed(ours, id), keyed(theirs, id)];
  const merged: T[] = [];
  for (const key of new Set([...o.keys(), ...t.keys(), ...b.keys()])) {
    const [was, mine, other] = [b.get(key)?.text, o.get(key), t.get(key)];
    if (removalWins && was !== undefined && (!mine || !other)) continue;
    const pick =
      mine?.text === other?.text ? mine : mine?.text === was ? other : other?.text === was ? mine : 'conflict';
    if (pick === 'conflict') conflicts.push(key);
    else if (pick) merged.push(pick.value as T);
  }
  return merged;
}

/** Pure: base, ours, theirs → the combined state, or the conflicting items. */
export function mergeIncidentStates(base: AlertState | undefined, ours: AlertState, theirs: AlertState): StateMerge {
  const conflicts: string[] = [];
  const state: AlertState = {
    v: 1,
    incidents: mergeList(
      base?.incidents,
      ours.incidents,
      theirs.incidents,
      (item) => `incident ${item.target} ${item.key}`,
      false,
      conflicts,
    ),
    recent: mergeList(
      base?.recent,
      ours.recent,
      theirs.recent,
      (item) => `resolved ${item.target} ${item.key} ${item.resolvedAt}`,
      false,
      conflicts,
    ),
    outbox: mergeList(base?.outbox, ours.outbox, theirs.outbox, (item) => `message ${item.id}`, true, conflicts),
  };
  // The optional lists too: a silence set from GitHub (the silence job) while a run persists must survive.
  const pages = mergeList(base?.pages, ours.pages, theirs.pages, (item) => `page ${item.id}`, true, conflicts);
  const silences = mergeList(
    base?.silences,
    ours.silences,
    theirs.silences,
    (item) => `silence ${item.id}`,
    false,
    conflicts,
  );
  const held = mergeList(
    base?.held,
    ours.held,
    theirs.held,
    (item) => `held ${item.decision.target} ${item.decision.key}`,
    false,
    conflicts,
  );
  if (pages.length || ours.pages || theirs.pages) state.pages = pages;
  if (silences.length || ours.silences || theirs.silences) state.silences = silences;
  if (held.length || ours.held || theirs.held) state.held = held;
  return conflicts.length > 0 ? { conflicts } : { state, conflicts: [] };
}

function read(path: string): AlertState | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as AlertState;
  } catch {
    return undefined;
  }
}

if (import.meta.main) {
  const [basePath, oursPath, theirsPath] = argv.slice(2);
  const ours = oursPath ? read(oursPath) : undefined;
  const theirs = theirsPath ? read(theirsPath) : undefined;
  if (argv.length !== 5 || !ours || !theirs) {
    console.error(
      'Usage: node .github/scripts/merge-incidents.ts <base> <ours> <theirs> (ours and theirs readable incident ' +
        'states)',
    );
    exit(2);
  }
  const result = mergeIncidentStates(read(basePath!), ours, theirs);
  if (!result.state) {
    console.error(`state: both writers changed ${result.conflicts.join(', ')}: not merging the incident state.`);
    exit(1);
  }
  writeFileSync(oursPath!, `${JSON.stringify(result.state, null, 1)}\n`);
  console.log(
    `state: incident states merged (${result.state.incidents.length} incidents, ` +
      `${result.state.outbox.length} queued messages)`,
  );
}
