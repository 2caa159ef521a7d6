#!/usr/bin/env bash
# The programme at scale (make bench-programme): 40 pilot ICOs of about 100,000 patients under 10
# commissioners, each commissioner with 80 control practices, 3 years (about 5 million
# registered patients and 240 million activity events), generated and imported on this machine.
# Times `generate` and `import` (wall clock, medians of BENCH_RUNS runs) with the import's peak
# resident memory (/usr/bin/time -v), and prints them as a plain table against the targets.
#
#   bash bench/programme.sh         # the whole programme: 40 ICOs (needs ~60 GB of free disk)
#   bash bench/programme.sh 10      # a quarter: 10 ICOs, 3 commissioners, the same mix
#
# The data and workspace go under PROGRAMME_BENCH_DIR (default /tmp/continuum-programme) and are
# deleted at the end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/continuum
ICOS=${1:-40}
RUNS=${BENCH_RUNS:-1}
DIR=${PROGRAMME_BENCH_DIR:-/tmp/continuum-programme}
DATA=$DIR/data
WS=$DIR/workspace.db

# The full programme's mix kept at any size: one commissioner per 4 ICOs, 20 control practices per
# ICO (80 per commissioner at 40 ICOs), 100,000 patients an ICO in 80 practices. Control practices
# take the ICOs' mean list (1,250), so the 800 of the full programme hold about a million
# patients: 5 million in all.
COMMISSIONERS=$(((ICOS + 2) / 4))
[ "$COMMISSIONERS" -ge 1 ] || COMMISSIONERS=1
CONTROLS=$(((20 * ICOS + COMMISSIONERS / 2) / COMMISSIONERS))
GENERATE=(--icos "$ICOS" --commissioners "$COMMISSIONERS" --control-practices "$CONTROLS"
  --patients 100000 --practices 80 --years 3)

[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
mkdir -p "$DIR"
need_gb=$((ICOS * 3 / 2))  # CSV files and workspace, measured at 10 ICOs: 15 GB
free_gb=$(df -P -BG "$DIR" | awk 'NR == 2 {print int($4)}')
if [ "$free_gb" -lt "$need_gb" ]; then
  echo "$DIR has ${free_gb} GB free; $ICOS ICOs need about ${need_gb} GB" >&2
  exit 1
fi
cleanup() {
  [ "${KEEP:-0}" = 1 ] || rm -rf "$DATA" "$WS" "$WS"-wal "$WS"-shm "$WS"-journal
}
trap cleanup EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Runs a command under /usr/bin/time -v; prints "seconds peak_mb" (wall clock, peak resident).
measure() {
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { tail -20 "$log" >&2; rm -f "$log"; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0;
                for (i = 1; i <= n; ++i) s = s * 60 + t[i]}
              /Maximum resident set size/ {kb = $2}
              END {printf "%.1f %d\n", s, kb / 1024}' "$log"
  rm -f "$log"
}
remove_workspace() { rm -f "$WS" "$WS"-wal "$WS"-shm "$WS"-journal; }

echo "The programme at $ICOS ICOs on $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GB:" \
  "generate ${GENERATE[*]}; medians of $RUNS run(s); load average $(cut -d' ' -f1-3 /proc/loadavg)"
gen_s=() gen_mb=() imp_s=() imp_mb=()
for run in $(seq "$RUNS"); do
  rm -rf "$DATA"
  out=$(measure $BIN generate --out "$DATA" "${GENERATE[@]}")
  read -r s mb <<<"$out"
  gen_s+=("$s") gen_mb+=("$mb")
  remove_workspace
  out=$(measure $BIN import "$DATA" --workspace "$WS")
  read -r s mb <<<"$out"
  imp_s+=("$s") imp_mb+=("$mb")
  echo "  run $run: generate ${gen_s[-1]} s (peak ${gen_mb[-1]} MB), import ${imp_s[-1]} s (peak ${imp_mb[-1]} MB)"
done
mid() { printf '%s\n' "$@" | median; }
patients=$(($(wc -l <"$DATA/patients.csv") - 1))
events=$(($(wc -l <"$DATA/activity.csv") - 1))
csv_gb=$(du -sm "$DATA" | awk '{printf "%.1f", $1 / 1024}')
ws_gb=$(du -sm "$WS" | awk '{printf "%.1f", $1 / 1024}')
mb_gb() { awk -v m="$1" 'BEGIN {printf "%.2f", m / 1024}'; }

# Later figures at this scale (serve start-up and memory, the overview, oversight, wrk) read the
# workspace $WS, kept until the end of this script: each adds a variable here and a row below.

row() { printf '| %-58s | %-10s | %-16s |\n' "$@"; }
echo
row "measure ($ICOS ICOs: $patients patients, $events events)" Continuum "target (40 ICOs)"
row "---" "---" "---"
row "generate ($csv_gb GB of CSV)" "$(mid "${gen_s[@]}") s" "60 s"
row "generate, peak resident memory" "$(mb_gb "$(mid "${gen_mb[@]}")") GB" ""
row "import into a new workspace ($ws_gb GB)" "$(mid "${imp_s[@]}") s" "180 s"
row "import, peak resident memory" "$(mb_gb "$(mid "${imp_mb[@]}")") GB" "8 GiB"
