#!/usr/bin/env bash
# The monitoring state (HISTORY_PATH: runs.jsonl, incidents.json) lives on its own branch,
# `synthetics-state` (STATE_BRANCH), one commit per run, as Upptime keeps its history: durable (no
# cache eviction), auditable (`git log`), readable by every job. Runs in a checkout of the repository
# whose `origin` may be pushed to (actions/checkout's token with `contents: write`).
#
#   state-branch.sh restore <dir>            the branch's files into <dir> (empty when the branch is new)
#   state-branch.sh persist <dir> <message>  <dir> committed on top of what was restored, pushed
#
# Concurrency: core runs and lab runs each have a concurrency group, so the two kinds may overlap.
# If the branch moved (the other kind of run, a person), the push is retried on top of the new head:
# runs.jsonl is merged line by line (both runs are kept) and incidents.json incident by incident
# (merge-incidents.ts: core and lab decide about different incidents); only when both writers
# changed the same incident does the script fail loudly rather than overwrite one run's decisions.
set -euo pipefail

branch="${STATE_BRANCH:-synthetics-state}"
base_ref="refs/synthetics-state/base"
export GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-github-actions[bot]}"
export GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"

usage() {
  echo "usage: state-branch.sh restore <dir> | persist <dir> <message>" >&2
  exit 2
}

# git, authenticated with STATE_TOKEN when it is set (CI: the job's token, given to this step only —
# the checkout keeps no credentials, so nothing else in the job, npm install scripts included, has them).
remote_git() {
  if [ -n "${STATE_TOKEN:-}" ]; then
    local basic
    basic="$(printf 'x-access-token:%s' "$STATE_TOKEN" | base64 | tr -d '\n')"
    git -c "http.extraheader=AUTHORIZATION: basic $basic" "$@"
  else
    git "$@"
  fi
}

# Fetches the branch's head into refs/remotes/origin/<branch>.
fetch_head() {
  remote_git fetch --quiet --depth=1 origin "+refs/heads/$branch:refs/remotes/origin/$branch"
}

# Only a branch that does not exist starts an empty state; a remote that cannot be read stops the
# run — starting afresh would re-open every incident already open, and lose the pending resolves.
restore() {
  local dir="$1" code=0
  mkdir -p "$dir"
  remote_git ls-remote --exit-code --heads origin "refs/heads/$branch" > /dev/null || code=$?
  if [ "$code" -eq 2 ]; then
    git update-ref -d "$base_ref" 2>/dev/null || true
    echo "state: no branch $branch yet: starting with an empty state in $dir"
    return 0
  fi
  if [ "$code" -ne 0 ] || ! fetch_head; then
    echo "state: cannot read $branch from origin (git exit $code): not starting from an empty state" >&2
    return 1
  fi
  git update-ref "$base_ref" "refs/remotes/origin/$branch"
  git archive "refs/remotes/origin/$branch" | tar -x -C "$dir"
  echo "state: restored $branch@$(git rev-parse --short "refs/remotes/origin/$branch") into $dir"
}

# A tree of <dir>'s files (lock and temporary files left out), written with a private index.
tree_of() {
  local dir="$1" index git_dir
  index="$(mktemp)"
  rm -f "$index"
  git_dir="$(git rev-parse --absolute-git-dir)"
  (cd "$dir" && GIT_DIR="$git_dir" GIT_WORK_TREE=. GIT_INDEX_FILE="$index" \
    git add --all --force -- . ':(exclude)*.lock' ':(exclude)*.tmp')
  GIT_INDEX_FILE="$index" git write-tree
  rm -f "$index"
}

# Three-way merge of the incident state (core and lab runs write it concurrently): per incident, per
# resolved incident, per queued message; exit 1 when both writers changed the same one.
merge_incidents() {
  local ours="$1" base="$2" theirs="$3" file="$4" base_copy their_copy scripts node_bin status
  [ -f "$ours" ] || { git show "$theirs:$file" > "$ours"; return 0; }
  base_copy="$(mktemp)"
  their_copy="$(mktemp)"
  if [ -n "$base" ]; then git show "$base:$file" > "$base_copy" 2>/dev/null || : > "$base_copy"; fi
  git show "$theirs:$file" > "$their_copy"
  scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  node_bin="$scripts/../../node_modules/.bin/node" # Node 22 from npm ci (runs .ts); else the PATH's
  [ -x "$node_bin" ] || node_bin="node"
  status=0
  "$node_bin" "$scripts/merge-incidents.ts" "$base_copy" "$ours" "$their_copy" || status=$?
  rm -f "$base_copy" "$their_copy"
  return "$status"
}

# Brings the other writer's changes into <dir>, or fails when they cannot be combined safely: run
# histories (*.jsonl) are merged line by line; the incident state item by item (merge-incidents.ts).
absorb() {
  local dir="$1" base="$2" theirs="$3" file changed
  if [ -n "$base" ]; then
    changed="$(git diff --name-only "$base" "$theirs")"
  else
    changed="$(git ls-tree -r --name-only "$theirs")"
  fi
  while IFS= read -r file; do
    [[ "$file" == *incidents.json ]] || continue
    merge_incidents "$dir/$file" "$base" "$theirs" "$file" || {
      echo "state: $branch was changed by another writer since this run restored it," \
        "and both changed the same incident: not overwriting it." >&2
      echo "state: this run's decisions are in its report; the next run decides again from the branch." >&2
      return 1
    }
  done <<< "$changed"
  while IFS= read -r file; do
    [ -z "$file" ] && continue
    mkdir -p "$dir/$(dirname "$file")"
    if [[ "$file" == *.jsonl ]] && [ -f "$dir/$file" ]; then
      local their_copy base_copy
      their_copy="$(mktemp)"
      base_copy="$(mktemp)"
      git show "$theirs:$file" > "$their_copy"
      if [ -n "$base" ]; then git show "$base:$file" > "$base_copy" 2>/dev/null || : > "$base_copy"; fi
      git merge-file --union "$dir/$file" "$base_copy" "$their_copy" || true
      rm -f "$their_copy" "$base_copy"
    elif [ ! -e "$dir/$file" ]; then
      git show "$theirs:$file" > "$dir/$file"
    fi
  done <<< "$changed"
}

persist() {
  local dir="$1" message="$2" attempt base parent tree commit
  [ -d "$dir" ] || { echo "state: no folder $dir to persist" >&2; return 1; }
  base="$(git rev-parse --quiet --verify "$base_ref" || true)"
  parent="$base"
  for attempt in 1 2 3; do
    tree="$(tree_of "$dir")"
    if [ -n "$parent" ] && [ "$tree" = "$(git rev-parse "$parent^{tree}")" ]; then
      echo "state: nothing changed"
      return 0
    fi
    commit="$(git commit-tree "$tree" ${parent:+-p "$parent"} -m "$message [skip ci]")"
    if remote_git push --quiet origin "$commit:refs/heads/$branch"; then
      git update-ref "$base_ref" "$commit"
      echo "state: pushed $branch@$(git rev-parse --short "$commit")"
      return 0
    fi
    echo "state: push rejected (attempt $attempt): $branch moved; combining with its new head" >&2
    fetch_head || { echo "state: cannot fetch $branch" >&2; return 1; }
    absorb "$dir" "$parent" "refs/remotes/origin/$branch"
    parent="$(git rev-parse "refs/remotes/origin/$branch")"
  done
  echo "state: could not push $branch after 3 attempts" >&2
  return 1
}

case "${1:-}" in
  restore) [ $# -eq 2 ] || usage; restore "$2" ;;
  persist) [ $# -eq 3 ] || usage; persist "$2" "$3" ;;
  *) usage ;;
esac
