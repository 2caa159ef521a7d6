#!/usr/bin/env bash
# How often `continuum selection` flags an ICO the generator made cherry-pick, and how often it
# raises any alert on a programme where nothing was planted. Each seed generates a programme of
# four ICOs of 25,000 patients in 5 practices under two commissioners, each with six control
# practices (3 years), imports it and runs `continuum selection --csv`:
#   planted: --plant-selection ZICO1:0.02 --plant-upcoding ZICO3:5.9 --plant-exceptions ZICO2:100
#   null:    nothing planted
#
#   bash src/selection/selection_power.sh BUILD_DIR WORK_DIR 200       # 200 seeds of each
#   bash src/selection/selection_power.sh BUILD_DIR WORK_DIR 2 check   # make test's small run:
#                                         # fails unless every planted ICO is flagged and no null
#                                         # programme raises an alert
#
# Prints one line a programme, then: power to flag ZICO1's removals (removals_top_need), power to
# flag ZICO3's coding (recorded_conditions or capitation_weight), power to flag ZICO2's doubled
# exceptions (care_adjustments), the share of planted programmes with an alert on the unplanted
# ZICO4 or on ZICO2 beyond its exceptions, and the share of null programmes with any alert.
set -euo pipefail
BUILD=${1:?build directory}
WORK=${2:?work directory}
SEEDS=${3:-200}
CHECK=${4:-}
BIN=$BUILD/continuum
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)/selection_power
rm -rf "$WORK" && mkdir -p "$WORK"

run() {  # kind seed
  local kind=$1 seed=$2 dir=$WORK/$1-$2
  mkdir -p "$dir"
  local flags=(--out "$dir/data" --seed "$seed" --icos 4 --commissioners 2 --control-practices 6
               --patients 25000 --practices 5)
  [ "$kind" = planted ] && flags+=(--plant-selection ZICO1:0.02 --plant-upcoding ZICO3:5.9
                                   --plant-exceptions ZICO2:100)
  "$BIN" generate "${flags[@]}" > /dev/null
  "$BIN" import "$dir/data" --workspace "$dir/w.db" > /dev/null
  "$BIN" selection --workspace "$dir/w.db" --csv > "$dir/selection.csv"
  # kind,seed,alerts (ICO:measure separated by spaces)
  echo "$kind,$seed,$(awk -F, 'NR > 1 && $8 == 1 { printf "%s%s:%s", sep, $1, $2; sep = " " }' \
    "$dir/selection.csv")" > "$WORK/$kind-$seed.line"
  mv "$dir/selection.csv" "$WORK/$kind-$seed.csv"
  rm -rf "$dir"
}
export -f run
export BIN WORK
for seed in $(seq 1 "$SEEDS"); do
  echo "planted $seed"
  echo "null $((seed + 100000))"
done | xargs -P 2 -n 2 bash -c 'run "$0" "$1"'

cat "$WORK"/*.line | sort -t, -k1,1 -k2,2n > "$WORK/results.csv"
cat "$WORK/results.csv"
/usr/bin/python3 - "$WORK/results.csv" "$CHECK" <<'PY'
import sys
rows = [line.rstrip("\n").split(",", 2) for line in open(sys.argv[1])]
planted = [set(r[2].split()) for r in rows if r[0] == "planted"]
null = [set(r[2].split()) for r in rows if r[0] == "null"]
removals = sum("ZICO1:removals_top_need" in a for a in planted) / len(planted)
coding = sum(bool(a & {"ZICO3:recorded_conditions", "ZICO3:capitation_weight"}) for a in planted) / len(planted)
exceptions = sum("ZICO2:care_adjustments" in a for a in planted) / len(planted)
elsewhere = sum(any(x.startswith("ZICO4:") or (x.startswith("ZICO2:") and
                                                 x != "ZICO2:care_adjustments")
                    for x in a) for a in planted) / len(planted)
false_alarm = sum(bool(a) for a in null) / len(null)
print(f"programmes: {len(planted)} planted, {len(null)} null")
print(f"power, removals of 2% of the top need decile (ZICO1): {removals:.1%}")
print(f"power, coding intensity +5.9% (ZICO3): {coding:.1%}")
print(f"power, exceptions doubled for a year (ZICO2): {exceptions:.1%}")
print(f"planted programmes with an alert on ZICO4, or on ZICO2 beyond its exceptions: {elsewhere:.1%}")
print(f"null programmes with any alert: {false_alarm:.1%}")
if sys.argv[2] == "check" and (removals < 1 or coding < 1 or exceptions < 1 or false_alarm > 0):
    sys.exit("the small power study missed a planted ICO or raised an alert on a null programme")
PY
