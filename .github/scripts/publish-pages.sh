#!/usr/bin/env bash
# Says whether to publish the status page: only when GitHub Pages deploys from Actions, and then
# hourly (with the lab run), on a run that opened, reminded or resolved an incident, or by hand.
# Reads GH_TOKEN, LAB (true/false), DECISIONS (a count); writes `publish=true` to $GITHUB_OUTPUT.
set -euo pipefail
source=$(gh api "repos/$GITHUB_REPOSITORY/pages" --jq .build_type 2>/dev/null || echo none)
if [ "$source" != workflow ]; then
  echo "GitHub Pages does not deploy from Actions here (Settings > Pages > Source: GitHub Actions):" \
    "the page stays in the report artifact."
elif [ "$LAB" = true ] || [ "$GITHUB_EVENT_NAME" = workflow_dispatch ] || [ "${DECISIONS:-0}" != 0 ]; then
  echo "publish=true" >> "$GITHUB_OUTPUT"
fi
