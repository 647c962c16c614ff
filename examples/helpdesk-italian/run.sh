#!/usr/bin/env bash
# Scores the Italian helpdesk event log month by month through 2012 (history, streaks and ledger carried over).
# Usage, from the project root after `npm ci && npm run build`:  examples/helpdesk-italian/run.sh OUT_DIR [LOG_FILE]
# LOG_FILE defaults to the compressed copy in data/ (see data/SOURCE.md); SCORECARD_DATASETS=DIR reads DIR/helpdesk-italian/finale.csv instead.
set -euo pipefail
out=${1:?usage: examples/helpdesk-italian/run.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${2:-${SCORECARD_DATASETS:+$SCORECARD_DATASETS/helpdesk-italian/finale.csv}}
data=${data:-$here/data/finale.csv.gz}
for month in 01 02 03 04 05 06 07 08 09 10 11 12; do
  node "$root/bin/scorecard.js" run --period "2012-$month" --config "$here/rules.yaml" --events "$data" --out "$out" --quiet
done
echo "scored 2012-01 .. 2012-12 into $out" >&2
