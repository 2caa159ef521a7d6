#!/usr/bin/env bash
# FHIR R4 export and import (docs/fhir.md) on a generated ICO: resources a second, each the median
# of RUNS runs, beside Python's json module parsing the same NDJSON (parsing alone, no mapping or
# checks: the least a Python pipeline does) in the same run. Prints one JSON object.
#   bash bench/fhir.sh BINARY SCRATCH [RUNS]
set -euo pipefail
BIN=$1
DIR=$2
RUNS=${3:-3}
mkdir -p "$DIR"
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

rm -rf "$DIR/data" "$DIR/csv.db"* "$DIR/fhir"
"$BIN" generate --out "$DIR/data" --patients 30000 --practices 5 --years 2 >/dev/null
"$BIN" import "$DIR/data" --workspace "$DIR/csv.db" >/dev/null

export_ms=$(for _ in $(seq "$RUNS"); do
  rm -rf "$DIR/fhir"; t0=$(now)
  "$BIN" export --format fhir --workspace "$DIR/csv.db" --out "$DIR/fhir" >/dev/null
  echo $(( ($(now) - t0) / 1000000 ))
done | median)
resources=$(cat "$DIR"/fhir/*.ndjson | wc -l)
megabytes=$(du -sm "$DIR/fhir" | cut -f1)

import_ms=$(for _ in $(seq "$RUNS"); do
  rm -rf "$DIR/fhir.db" "$DIR/fhir.db-wal" "$DIR/fhir.db-shm" "$DIR/fhir.db-snapshots"; t0=$(now)
  "$BIN" import --format fhir "$DIR/fhir" --workspace "$DIR/fhir.db" >/dev/null
  echo $(( ($(now) - t0) / 1000000 ))
done | median)

csv_import_ms=$(for _ in $(seq "$RUNS"); do
  rm -rf "$DIR/again.db" "$DIR/again.db-wal" "$DIR/again.db-shm" "$DIR/again.db-snapshots"; t0=$(now)
  "$BIN" import "$DIR/data" --workspace "$DIR/again.db" >/dev/null
  echo $(( ($(now) - t0) / 1000000 ))
done | median)

python_ms=$(for _ in $(seq "$RUNS"); do
  /usr/bin/python3 - "$DIR/fhir" <<'PY'
import glob, json, sys, time
t0 = time.perf_counter()
n = 0
for path in sorted(glob.glob(sys.argv[1] + "/*.ndjson")):
    with open(path, "rb") as f:
        for line in f:
            json.loads(line)
            n += 1
print(int((time.perf_counter() - t0) * 1000))
PY
done | median)

# The round trip gives the same rows.
"$BIN" export --workspace "$DIR/csv.db" --out "$DIR/back_csv" >/dev/null
"$BIN" export --workspace "$DIR/fhir.db" --out "$DIR/back_fhir" >/dev/null
same=same
for f in "$DIR"/back_csv/*.csv; do cmp -s "$f" "$DIR/back_fhir/$(basename "$f")" || same=different; done
rm -rf "$DIR/back_csv" "$DIR/back_fhir" "$DIR/again.db"*

python3 - "$resources" "$megabytes" "$export_ms" "$import_ms" "$csv_import_ms" "$python_ms" "$same" <<'PY'
import json, sys
resources, mb, export_ms, import_ms, csv_ms, python_ms = map(int, sys.argv[1:7])
print(json.dumps({
    "resources": resources, "megabytes": mb,
    "export_ms": export_ms, "export_per_s": round(resources / export_ms * 1000),
    "import_ms": import_ms, "import_per_s": round(resources / import_ms * 1000),
    "csv_import_ms": csv_ms,
    "python_parse_ms": python_ms, "python_parse_per_s": round(resources / python_ms * 1000),
    "round_trip": sys.argv[7]}))
PY
