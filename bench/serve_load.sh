#!/usr/bin/env bash
# `continuum serve` under attack and under load, on 127.0.0.1 only, bounded in time:
#   1. bursts of simultaneous wrong sign-ins (one user; then many unknown names): the answers
#      and the server's peak resident memory during them (VmHWM, reset first), which the limiter
#      and the hashing slots keep far under 1 GiB;
#   2. the ICO overview at 64 connections, three short wrk runs (requests a second, p99);
#   3. the overview at 256 connections until 1,000,000 requests: errors, and resident memory
#      (VmRSS) sampled every second, first after warm-up against last.
# Prints one JSON line.
#
#   bash bench/serve_load.sh bench/data/ws.db
set -euo pipefail
WS=$1
BIN=build/continuum
PORT=${BENCH_PORT:-18081}
RUN_SECONDS=${RUN_SECONDS:-5}
user=bench_board
password=bench-password-$$-not-secret
# The workspace's first ICO, whose board the load signs in as and whose answers it asks for.
ico=$(sqlite3 "$WS" "SELECT org_id FROM organisations WHERE kind = 'ico' ORDER BY org_id LIMIT 1")
$BIN user add $user --role board --organisation "$ico" --password-stdin --workspace "$WS" \
  <<<"$password" >/dev/null 2>&1 ||
  $BIN user passwd $user --password-stdin --workspace "$WS" <<<"$password" >/dev/null
$BIN serve --workspace "$WS" --port "$PORT" --ico "$ico" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/api/session" && break
  sleep 0.2
done
status_kb() { awk -v k="$1:" '$1 == k {print $2}' /proc/$server/status; }
base_kb=$(status_kb VmRSS)
start_hwm_kb=$(status_kb VmHWM)  # the peak of preparing the ICO, before any request

# Signed in first: the bursts below pause this user's sign-ins from here, not their session.
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"$user\",\"password\":\"$password\"}" "http://127.0.0.1:$PORT/api/login" |
  tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "cannot sign in to the server" >&2; exit 1; }

# 1. Bursts: 200 wrong passwords for one user at once, then 200 unknown names at once.
burst() {
  python3 - "$PORT" "$@" <<'PY'
import http.client, json, sys, threading
port, names = int(sys.argv[1]), sys.argv[2:]
barrier = threading.Barrier(len(names))
counts, lock = {}, threading.Lock()
def attempt(name, k):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = json.dumps({"username": name, "password": f"wrong-guess-{k}"})
    barrier.wait()
    try:
        c.request("POST", "/api/login", body, {"Content-Type": "application/json"})
        status = c.getresponse().status
    except Exception:
        status = "error"
    with lock:
        counts[status] = counts.get(status, 0) + 1
threads = [threading.Thread(target=attempt, args=(n, k)) for k, n in enumerate(names)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({str(k): v for k, v in sorted(counts.items(), key=str)}))
PY
}
echo 5 >/proc/$server/clear_refs  # VmHWM from here: the bursts' own peak
one_user=$(burst $(for _ in $(seq 200); do echo $user; done))
many_names=$(burst $(for k in $(seq 200); do echo "nobody$k"; done))
burst_hwm_kb=$(status_kb VmHWM)

# 2. The overview at 64 connections, three short runs.
url="http://127.0.0.1:$PORT/api/icos/$ico/overview"
runs64=()
for _ in 1 2 3; do
  runs64+=("$(wrk -t2 -c64 -d"${RUN_SECONDS}s" --latency -H "Cookie: $cookie" "$url")")
done

# 3. 256 connections until 1,000,000 requests, resident memory each second.
rss_log=$(mktemp)
(while kill -0 $server 2>/dev/null; do status_kb VmRSS >>"$rss_log"; sleep 1; done) &
sampler=$!
# wrk has no request cap, so it runs long enough for 1,000,000 at the rate just measured, +25%.
rate=$(python3 -c "import re,sys; print(max(float(re.search(r'Requests/sec:\s+([\d.]+)', r).group(1)) for r in sys.argv[1:]))" "${runs64[@]}")
seconds=$(python3 -c "import math; print(math.ceil(1_000_000 / $rate * 1.25) + 1)")
w256=$(wrk -t2 -c256 -d"${seconds}s" -H "Cookie: $cookie" "$url")
kill $sampler 2>/dev/null; wait $sampler 2>/dev/null || true
python3 - "$base_kb:$start_hwm_kb" "$burst_hwm_kb" "$one_user" "$many_names" "$rss_log" "$w256" "${runs64[@]}" <<'PY'
import json, re, statistics, sys
base_and_start, hwm, one, many, rss_path, w256 = sys.argv[1:7]
base, start_hwm = base_and_start.split(":")
runs = sys.argv[7:]
def ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    v = float(m.group(1))
    return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
def parse(out):
    d = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
         "requests": int(re.search(r"(\d+) requests in", out).group(1)),
         "non_2xx": int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1])}
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    d["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    for q in ("50", "99"):
        p = re.search(rf"^\s+{q}%\s+(\S+)", out, re.M)
        if p: d[f"p{q}_ms"] = ms(p.group(1))
    return d
r64 = [parse(r) for r in runs]
r256 = parse(w256)
rss = [int(x) for x in open(rss_path).read().split()]
warm = rss[min(5, len(rss) - 1):]  # after the first seconds of the run
print(json.dumps({
    "base_rss_mb": round(int(base) / 1024),
    "start_peak_rss_mb": round(int(start_hwm) / 1024),
    "burst": {"one_user": json.loads(one), "many_names": json.loads(many),
              "peak_rss_mb": round(int(hwm) / 1024)},
    "c64": {"rps_median": round(statistics.median(r["rps"] for r in r64)),
            "p50_ms_median": statistics.median(r["p50_ms"] for r in r64),
            "p99_ms_median": statistics.median(r["p99_ms"] for r in r64),
            "runs": [{"rps": round(r["rps"]), "p99_ms": r["p99_ms"]} for r in r64]},
    "c256": {"requests": r256["requests"], "rps": round(r256["rps"]),
             "errors": r256["non_2xx"] + r256["socket_errors"],
             "rss_mb_first_after_warmup": round(warm[0] / 1024) if warm else None,
             "rss_mb_last": round(warm[-1] / 1024) if warm else None},
}))
PY
rm -f "$rss_log"
