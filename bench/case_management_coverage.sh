#!/usr/bin/env bash
# How often the case-management evaluation's 95% intervals cover the effects the generator
# planted, over generated ICOs (the demo's size: 150,000 patients in 14 practices, 6 control
# practices, 3 years), and how often it finds an effect in a programme with none
# (`continuum generate --no-effects`). Each seed is generated, imported and evaluated with
# data/evaluation/case_management_plan.json; the planted ratios come from --effects-truth.
#
#   bash bench/case_management_coverage.sh          # 20 seeds with effects, 20 without
#   bash bench/case_management_coverage.sh 100      # 100 of each
#   FIRST_SEED=21 bash bench/case_management_coverage.sh 40   # seeds 21 to 60
#   KINDS=none bash bench/case_management_coverage.sh           # the programmes with no effect only
#
# Prints one line a seed and outcome, then per outcome: coverage, the share of intervals that
# exclude 1 (power with effects, the false-positive rate without), and the mean log-ratio error.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/continuum
SEEDS=${1:-20}
DIR=${CASE_MANAGEMENT_BENCH_DIR:-/tmp/continuum-case-management}
PLAN=data/evaluation/case_management_plan.json
rm -rf "$DIR" && mkdir -p "$DIR"
RESULTS=$DIR/results.csv
echo "programme,seed,outcome,planted,rate_ratio,ci_low,ci_high" > "$RESULTS"
for kind in ${KINDS:-effects none}; do
  for seed in $(seq "${FIRST_SEED:-1}" $((${FIRST_SEED:-1} + SEEDS - 1))); do
    data=$DIR/data
    rm -rf "$data" "$DIR/w.db"*
    flags=(--out "$data" --control-practices 6 --seed "$seed" --effects-truth "$DIR/effects.csv")
    [ "$kind" = none ] && flags+=(--no-effects)
    "$BIN" generate "${flags[@]}" > /dev/null
    "$BIN" import "$data" --workspace "$DIR/w.db" > /dev/null
    "$BIN" evaluate --plan "$PLAN" --workspace "$DIR/w.db" --json > "$DIR/evaluation.json"
    /usr/bin/python3 - "$DIR/evaluation.json" "$DIR/effects.csv" "$kind" "$seed" >> "$RESULTS" <<'PY'
import csv, json, sys
evaluation, effects, kind, seed = sys.argv[1:]
planted = {row["outcome"]: float(row["ratio"]) for row in csv.DictReader(open(effects))}
for o in json.load(open(evaluation))["case_management"]["outcomes"]:
    print(f'{kind},{seed},{o["outcome"]},{planted[o["outcome"]]},{o["rate_ratio"]},{o["ci_low"]},{o["ci_high"]}')
PY
    tail -3 "$RESULTS"
  done
done
/usr/bin/python3 - "$RESULTS" <<'PY'
import csv, math, sys
from collections import defaultdict
rows = defaultdict(list)
for r in csv.DictReader(open(sys.argv[1])):
    rows[(r["programme"], r["outcome"])].append(r)
print(f'{"programme":9} {"outcome":24} {"runs":>4} {"coverage":>8} {"excludes 1":>10} {"mean log error":>14}')
for (kind, outcome), rs in sorted(rows.items()):
    n = len(rs)
    cover = sum(float(r["ci_low"]) <= float(r["planted"]) <= float(r["ci_high"]) for r in rs) / n
    excl = sum(float(r["ci_low"]) > 1 or float(r["ci_high"]) < 1 for r in rs) / n
    bias = sum(math.log(float(r["rate_ratio"]) / float(r["planted"])) for r in rs) / n
    print(f'{kind:9} {outcome:24} {n:4d} {cover:8.1%} {excl:10.1%} {bias:14.3f}')
PY
