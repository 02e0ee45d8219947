#!/usr/bin/env bash
# The run id every job of one workflow run shares (the shards tag their records with it, the merged
# summary carries it): `YYYYMMDD-HHMMSS-hhhh` — the run's creation time (UTC) and the GitHub run id
# in hex — the format of the suite's own ids (synthetics/config/load.ts), so tags stay janitor-safe.
# RUN_CREATED_AT overrides the GitHub API lookup (tests); the API needs `actions: read`.
set -euo pipefail
: "${GITHUB_RUN_ID:?GITHUB_RUN_ID is not set (run inside GitHub Actions)}"
created="${RUN_CREATED_AT:-$(gh api "repos/${GITHUB_REPOSITORY:?}/actions/runs/$GITHUB_RUN_ID" --jq .created_at)}"
printf '%s-%04x\n' "$(date -u -d "$created" +%Y%m%d-%H%M%S)" "$((GITHUB_RUN_ID % 65536))"
