#!/usr/bin/env bash
# add-run.sh RESULTS REPORT [NOTE]: puts the run's REPORT (markdown) on top of the RESULTS file,
# under a heading with the time, the commit and NOTE; the runs before stay below it. Written only
# once the report is complete, so a failed run leaves the results as they were. Prints REPORT.
set -euo pipefail
out=$1 report=$2 note=${3:-}
tmp="$(mktemp "$out.XXXXXX")"
{
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M') UTC (commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)${note:+, $note})"
  echo
  cat "$report"
  if [ -f "$out" ]; then echo; cat "$out"; fi
} > "$tmp"
mv "$tmp" "$out"
cat "$report"
