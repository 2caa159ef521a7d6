#!/usr/bin/env bash
# Load on `continuum serve`: wrk (Debian) asks for the ICO overview, signed in as the board, with
# 64 connections and then 256, on this machine's 2 cores (wrk shares them). Prints one JSON line:
# requests a second and latency percentiles at 64 connections; requests, non-2xx answers and
# socket errors at 256.
#
#   bash bench/serve_load.sh bench/data/ws.db [seconds]
set -euo pipefail
WS=$1
SECONDS_EACH=${2:-10}
BIN=build/continuum
PORT=${BENCH_PORT:-18080}
user=bench_board
password=bench-password-$$-not-secret
$BIN user add $user --role board --password-stdin --workspace "$WS" <<<"$password" >/dev/null 2>&1 ||
  $BIN user passwd $user --password-stdin --workspace "$WS" <<<"$password" >/dev/null
$BIN serve --workspace "$WS" --port "$PORT" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/api/session" && break
  sleep 0.2
done
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"$user\",\"password\":\"$password\"}" "http://127.0.0.1:$PORT/api/login" |
  tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "cannot sign in to the server" >&2; exit 1; }
url="http://127.0.0.1:$PORT/api/overview"
w64=$(wrk -t2 -c64 -d"${SECONDS_EACH}s" --latency -H "Cookie: $cookie" "$url")
w256=$(wrk -t2 -c256 -d"${SECONDS_EACH}s" -H "Cookie: $cookie" "$url")
python3 - "$w64" "$w256" <<'PY'
import json, re, sys
def ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    v = float(m.group(1))
    return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
def parse(out):
    d = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
         "requests": int(re.search(r"(\d+) requests in", out).group(1)),
         "non_2xx": int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1]),
         "socket_errors": sum(int(x) for x in (re.search(
             r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out) or
             re.match(r"()()()()", "")).groups() if x)}
    for p in ("50", "90", "99"):
        m = re.search(rf"^\s+{p}%\s+(\S+)", out, re.M)
        if m: d[f"p{p}_ms"] = ms(m.group(1))
    return d
print(json.dumps({"c64": parse(sys.argv[1]), "c256": parse(sys.argv[2])}))
PY
