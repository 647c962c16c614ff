#!/usr/bin/env bash
# Scores the ServiceNow incident log month by month, February to May 2016 (the months incidents were opened) (history, streaks and ledger carried over).
# Usage, from the project root after `npm ci && npm run build`:  examples/servicenow-incidents/run.sh OUT_DIR [LOG_FILE]
# LOG_FILE defaults to the compressed copy in data/ (see data/SOURCE.md); SCORECARD_DATASETS=DIR reads DIR/servicenow-incidents/incident_event_log.csv instead.
set -euo pipefail
out=${1:?usage: examples/servicenow-incidents/run.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${2:-${SCORECARD_DATASETS:+$SCORECARD_DATASETS/servicenow-incidents/incident_event_log.csv}}
data=${data:-$here/data/incident_event_log.csv.gz}
for month in 02 03 04 05; do
  node "$root/bin/scorecard.js" run --period "2016-$month" --config "$here/rules.yaml" --events "$data" --out "$out" --quiet
done
echo "scored 2016-02 .. 2016-05 into $out" >&2
