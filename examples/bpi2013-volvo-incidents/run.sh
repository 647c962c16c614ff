#!/usr/bin/env bash
# Scores the BPI 2013 Volvo IT incident log for April and May 2012 (94% of its events) (history, streaks and ledger carried over).
# Usage, from the project root after `npm ci && npm run build`:  examples/bpi2013-volvo-incidents/run.sh OUT_DIR [LOG_FILE]
# LOG_FILE defaults to the compressed copy in data/ (see data/SOURCE.md); SCORECARD_DATASETS=DIR reads DIR/bpi2013-volvo-incidents/VINST-new.csv instead.
set -euo pipefail
out=${1:?usage: examples/bpi2013-volvo-incidents/run.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${2:-${SCORECARD_DATASETS:+$SCORECARD_DATASETS/bpi2013-volvo-incidents/VINST-new.csv}}
data=${data:-$here/data/VINST-new.csv.gz}
for month in 04 05; do
  node "$root/bin/scorecard.js" run --period "2012-$month" --config "$here/rules.yaml" --events "$data" --out "$out" --quiet
done
echo "scored 2012-04 .. 2012-05 into $out" >&2
