#!/usr/bin/env bash
# The published package on its own: `npm pack`, installed into an empty prefix, runs the sample months from a folder
# outside the project (no dev dependencies, no sources, nothing beside it). Run by CI after the tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
npm install --global --prefix "$tmp/prefix" --no-audit --no-fund --prefer-offline --loglevel=error "$tmp/$tarball"
bin="$tmp/prefix/bin/scorecard"
cd "$tmp"
"$bin" --version
for month in $(ls "$root/fixtures" | grep -E '^[0-9]{4}-[0-9]{2}$' | sort); do
  "$bin" run --period "$month" --config "$root/fixtures/rules.yaml" --input-dir "$root/fixtures/$month" --out "$tmp/out" --quiet
  test -s "$tmp/out/$month/scorecards.xlsx"
  grep -q '"status": "published"' "$tmp/out/$month/manifest.json"
done
"$bin" explain --out "$tmp/out" --period "$month" E003 > /dev/null
# a quarter from the published months, and a month read in two parts (the runner's other part, from the package)
"$bin" cycle --period 2026-Q1 --config "$root/fixtures/rules.yaml" --out "$tmp/out" --quiet
test -s "$tmp/out/2026-Q1/calibration.csv"
SCORECARD_READ_AHEAD=on "$bin" run --period 2026-04 --config "$root/fixtures/rules.yaml" --input-dir "$root/fixtures/2026-04" --out "$tmp/out" --verbose 2> "$tmp/parts.log"
grep -q 'in two parts' "$tmp/parts.log"
echo "package $tarball: installed into an empty prefix and scored the sample months" >&2
