#!/usr/bin/env bash
# Step outputs from a run's summary.json: `verdict` (pass/fail) and `decisions` (how many incident
# decisions the alerting stage made), for the steps after `npm start` in the same job.
set -euo pipefail
summary="${1:?usage: verdict-outputs.sh <summary.json>}"
node --input-type=module -e '
  import { readFileSync } from "node:fs";
  let summary = {};
  try { summary = JSON.parse(readFileSync(process.argv[1], "utf8")); } catch { /* no result: no verdict */ }
  console.log(`verdict=${summary.verdict ?? ""}`);
  console.log(`decisions=${summary.alerting?.incidents?.decisions?.length ?? 0}`);
' "$summary"
