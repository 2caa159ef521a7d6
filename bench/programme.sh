#!/usr/bin/env bash
# The programme at scale (make bench-programme): 40 pilot ICOs of about 100,000 patients under 10
# commissioners, each commissioner with 80 control practices, 3 years (about 5 million
# registered patients and 240 million activity events), generated and imported on this machine.
# Times `generate` and `import` (wall clock, medians of BENCH_RUNS runs) with the import's peak
# resident memory (/usr/bin/time -v), and prints them as a plain table against the targets.
#
#   bash bench/programme.sh         # the whole programme: 40 ICOs (needs ~66 GB of free disk)
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
# CSV files, workspace and the import's scratch files at their peak, measured at 40 ICOs: 64.7 GB.
need_gb=$((ICOS * 33 / 20))
free_gb=$(df -P -BG "$DIR" | awk 'NR == 2 {print int($4)}')
if [ "$free_gb" -lt "$need_gb" ]; then
  echo "$DIR has ${free_gb} GB free; $ICOS ICOs need about ${need_gb} GB" >&2
  exit 1
fi
cleanup() {
  [ "${KEEP:-0}" = 1 ] || rm -rf "$DATA" "$WS" "$WS"-wal "$WS"-shm "$WS"-journal "$WS"-snapshots
}
trap cleanup EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Runs a command under /usr/bin/time -v; prints "seconds peak_mb" (wall clock, peak resident). The
# command's output goes to $OUT (default /dev/null).
measure() {
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" >"${OUT:-/dev/null}" 2>"$log" ||
    { tail -20 "$log" >&2; rm -f "$log"; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0;
                for (i = 1; i <= n; ++i) s = s * 60 + t[i]}
              /Maximum resident set size/ {kb = $2}
              END {printf "%.1f %d\n", s, kb / 1024}' "$log"
  rm -f "$log"
}
remove_workspace() { rm -rf "$WS" "$WS"-wal "$WS"-shm "$WS"-journal "$WS"-snapshots; }

echo "The programme at $ICOS ICOs on $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GB:" \
  "generate ${GENERATE[*]}; medians of $RUNS run(s); load average $(cut -d' ' -f1-3 /proc/loadavg)"
gen_s=() gen_mb=() imp_s=() imp_mb=()
for run in $(seq "$RUNS"); do
  rm -rf "$DATA"
  out=$(measure $BIN generate --out "$DATA" "${GENERATE[@]}")
  read -r s mb <<<"$out"
  gen_s+=("$s") gen_mb+=("$mb")
  remove_workspace
  out=$(OUT="$DIR/import.out" measure $BIN import "$DATA" --workspace "$WS")
  read -r s mb <<<"$out"
  imp_s+=("$s") imp_mb+=("$mb")
  echo "  run $run: generate ${gen_s[-1]} s (peak ${gen_mb[-1]} MB), import ${imp_s[-1]} s (peak ${imp_mb[-1]} MB)"
done
mid() { printf '%s\n' "$@" | median; }
# The counts come from the import's report, not from reading the CSV again: that would fill the
# page cache with 15 GB of CSV and push out the shards the import has just written, which the
# first overviews below then read from disk (measured separately, as "from a cold page cache").
loaded() { awk -v f="$1" '$1 == f {print $2}' "$DIR/import.out"; }
patients=$(loaded patients.csv)
events=$(loaded activity.csv)
csv_gb=$(du -sm "$DATA" | awk '{printf "%.1f", $1 / 1024}')
ws_gb=$(du -smc "$WS" "$WS"-snapshots | awk 'END {printf "%.1f", $1 / 1024}')
mb_gb() { awk -v m="$1" 'BEGIN {printf "%.2f", m / 1024}'; }
ms() { awk -v s="$1" 'BEGIN {printf "%.0f ms", s * 1000}'; }

# The server at this scale. Each ICO gets the Nelson Vale contract (as make programme stores it),
# then users sign in: the evaluator, each commissioner's analyst and each ICO's board.
PORT=${BENCH_PORT:-18091}
PASSWORD=bench-password-$$-not-secret
add_user() { $BIN user add "$1" --role "$2" ${3:+--organisation "$3"} --password-stdin \
  --workspace "$WS" <<<"$PASSWORD" >/dev/null; }
icos=() commissioners=()
declare -A ico_of  # each commissioner's first ICO
while IFS=, read -r id name kind parent; do
  if [ "$kind" = ico ]; then
    icos+=("$id")
    [ -n "${ico_of[$parent]:-}" ] || ico_of[$parent]=$id
    sed -e "s/\"ZICO1\"/\"$id\"/" -e "s/\"ZQ1\"/\"$parent\"/" data/contracts/nelson_vale.json \
      >"$DIR/contract.json"
    $BIN contract add "$DIR/contract.json" --workspace "$WS" >/dev/null
    add_user "board_${id,,}" board "$id"
  elif [ "$kind" = commissioner ]; then
    commissioners+=("$id")
    add_user "analyst_${id,,}" commissioner "$id"
  fi
done < <(tail -n +2 "$DATA/organisations.csv")
add_user evaluator evaluator ""

started=$(date +%s.%N)
$BIN serve --workspace "$WS" --port "$PORT" >"$DIR/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; cleanup' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$PORT/api/session"; do sleep 0.02; done
ready_s=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')
rss_gb() { awk '$1 == "VmRSS:" {printf "%.2f", $2 / 1048576}' /proc/$server/status; }
ready_gb=$(rss_gb)
sign_in() {
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/api/login" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p'
}
seconds() { curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $1" "http://127.0.0.1:$PORT$2"; }
warm() { for _ in 1 2 3 4 5; do seconds "$1" "$2"; echo; done | median; }
evaluator=$(sign_in evaluator)
ico=${icos[0]} commissioner=${commissioners[0]}
first_overview_s=$(seconds "$evaluator" "/api/icos/$ico/overview")
warm_overview_s=$(warm "$evaluator" "/api/icos/$ico/overview")
one_gb=$(rss_gb)
# The commissioner's oversight: its shard is open already (its ICO's), the report is not.
first_oversight_s=$(seconds "$evaluator" "/api/commissioners/$commissioner/oversight")
warm_oversight_s=$(warm "$evaluator" "/api/commissioners/$commissioner/oversight")
# A first overview in another commissioner's shard, loaded by that request.
other=${icos[-1]}
other_overview_s=$(seconds "$evaluator" "/api/icos/$other/overview")
# Two more commissioners' first overviews with their shards no longer in the page cache: once
# after the page cache is emptied (as after a restart of the machine; needs root), and once after
# the CSV files have been read through it (the shard then comes from disk while the kernel
# reclaims other files' pages to hold it).
cold_s=n/a crowded_s=n/a
if [ "${#commissioners[@]}" -ge 4 ]; then
  if [ -w /proc/sys/vm/drop_caches ]; then
    sync
    echo 3 >/proc/sys/vm/drop_caches
    cold_s=$(ms "$(seconds "$evaluator" "/api/icos/${ico_of[${commissioners[1]}]}/overview")")
  fi
  cat "$DATA"/*.csv >/dev/null
  crowded_s=$(ms "$(seconds "$evaluator" "/api/icos/${ico_of[${commissioners[2]}]}/overview")")
fi
# Every ICO opened once.
for id in "${icos[@]}"; do seconds "$evaluator" "/api/icos/$id/overview" >/dev/null; done
all_gb=$(rss_gb)

# wrk at 64 connections over a mix of users and ICOs, each request a user's own answer: boards
# their session, ICO list and overview, analysts their commissioner list, the evaluator any ICO's
# overview. (The long answers are measured above: a 100,000-patient ICO's quality answer runs to
# megabytes, and a load of them measures the copying of bytes.)
lua=$DIR/mix.lua
{
  echo 'local requests = {'
  for id in "${icos[@]:0:8}"; do
    c=$(sign_in "board_${id,,}")
    for path in /api/session /api/icos "/api/icos/$id/overview"; do
      echo "  {'$path', '$c'},"
      seconds "$c" "$path" >/dev/null
    done
  done
  for id in "${commissioners[@]:0:2}"; do
    c=$(sign_in "analyst_${id,,}")
    echo "  {'/api/commissioners', '$c'},"
  done
  for id in "${icos[@]}"; do echo "  {'/api/icos/$id/overview', '$evaluator'},"; done
  echo '}'
  echo 'local n = 0'
  echo 'request = function()'
  echo '  n = n + 1'
  echo '  local r = requests[(n % #requests) + 1]'
  echo '  return wrk.format("GET", r[1], {Cookie = r[2]})'
  echo 'end'
} >"$lua"
wrk_out=$(wrk -t2 -c64 -d"${RUN_SECONDS:-10}s" --latency -s "$lua" "http://127.0.0.1:$PORT")
wrk_rps=$(awk '/^Requests\/sec/ {printf "%d", $2}' <<<"$wrk_out")
wrk_p99=$(awk '$1 == "99%" {print $2}' <<<"$wrk_out")
wrk_errors=$(awk '/Non-2xx/ {print $NF}' <<<"$wrk_out")

# The evaluator's plan over every pilot ICO from its go-live day (data/evaluation/
# programme_plan.json: 17 outcomes, matching, 999 bootstrap replicates, every test), with its
# HTML report, beside the running server.
read -r evaluate_s evaluate_mb < <(OUT="$DIR/evaluation.txt" measure $BIN evaluate \
  --plan data/evaluation/programme_plan.json --workspace "$WS" --report "$DIR/evaluation.html")

# The commissioners' watch for cherry-picking over every ICO: the command from cold (loading every
# shard), and every measure warm with the engine loaded (bench/selection_benchmark, median of 5).
read -r selection_s selection_mb < <(OUT="$DIR/selection.csv" measure $BIN selection \
  --workspace "$WS" --csv)
selection_alerts=$(awk -F, 'NR > 1 && $8 == 1' "$DIR/selection.csv" | wc -l)
selection_warm_ms=n/a
if [ -x build/bench/selection_benchmark ]; then
  selection_warm_ms=$(CONTINUUM_BENCH_SELECTION_WORKSPACE=$WS build/bench/selection_benchmark \
    --benchmark_format=csv 2>/dev/null | awk -F, '$1 ~ /_median"?$/ {printf "%.0f ms", $3}')
fi

row() { printf '| %-58s | %-10s | %-16s |\n' "$@"; }
echo
row "measure ($ICOS ICOs: $patients patients, $events events)" Continuum "target (40 ICOs)"
row "---" "---" "---"
row "generate ($csv_gb GB of CSV)" "$(mid "${gen_s[@]}") s" "60 s"
row "generate, peak resident memory" "$(mb_gb "$(mid "${gen_mb[@]}")") GB" ""
row "import into a new workspace ($ws_gb GB)" "$(mid "${imp_s[@]}") s" "180 s"
row "import, peak resident memory" "$(mb_gb "$(mid "${imp_mb[@]}")") GB" "8 GiB"
row "serve: ready to answer" "$ready_s s" "5 s"
row "serve: resident memory when ready" "$ready_gb GB" ""
row "an ICO's first overview (loads its commissioner's shard)" "$(ms "$first_overview_s")" "1 s"
row "another commissioner's ICO, first overview" "$(ms "$other_overview_s")" "1 s"
row "a third, first overview from an emptied page cache" "$cold_s" ""
row "a fourth, first overview after reading the $csv_gb GB of CSV" "$crowded_s" ""
row "an ICO's overview, warm (median of 5)" "$(ms "$warm_overview_s")" "50 ms"
row "serve: resident memory with one shard open" "$one_gb GB" ""
row "oversight of a commissioner's ICOs, first" "$(ms "$first_oversight_s")" "2 s"
row "oversight, warm (median of 5)" "$(ms "$warm_oversight_s")" "100 ms"
row "serve: resident memory with every ICO opened" "$all_gb GB" "8 GiB"
row "wrk, 64 connections, users x ICOs: requests a second" "$wrk_rps" "20,000"
row "wrk: p99 latency (non-2xx: ${wrk_errors:-0})" "$wrk_p99" "20 ms"
row "evaluate the programme's plan (every pilot, 17 outcomes)" "$evaluate_s s" "30 s"
row "evaluate, peak resident memory" "$(mb_gb "$evaluate_mb") GB" ""
row "selection, every measure of every ICO, from cold ($selection_alerts alerts)" "$selection_s s" ""
row "selection, every measure of every ICO, warm (median of 5)" "$selection_warm_ms" "5 s"
