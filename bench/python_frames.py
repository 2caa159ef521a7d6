"""The Python package's speed on the demo: ws.events() against pandas reading the same events from
the demo's activity.csv (dates parsed, codes as categories: the frame an analyst would otherwise
build), and each report as frames against the command line printing its --json (a fresh process
that loads the engine, as an analyst calling it from Python would).

Run: PYTHONPATH=build/python /usr/bin/python3 -P bench/python_frames.py WORKSPACE DEMO_DIR
continuum RUNS; prints JSON of medians in ms."""
import json
import os
import statistics
import subprocess
import sys
import time

import pandas as pd

import continuum

workspace, demo, binary, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def median_ms(call, times=runs):
    out = []
    for _ in range(times):
        t = time.perf_counter()
        call()
        out.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(out), 1)


result = {"open_ms": median_ms(lambda: continuum.open(workspace))}
ws = continuum.open(workspace)
events = ws.events()
result["events"] = len(events)
result["events_ms"] = median_ms(ws.events)


def read_csv():
    frame = pd.read_csv(os.path.join(demo, "activity.csv"), parse_dates=["date"],
                        dtype={"setting": "category", "provider_id": "category",
                               "specialty": "category", "diagnosis": "category",
                               "procedure": "category", "medicine": "category"})
    assert len(frame) == len(events)


result["pandas_read_csv_ms"] = median_ms(read_csv, max(1, min(runs, 3)))
for name, args in (("quality", []), ("risk", []), ("pathways", []), ("selection", []),
                   ("monitor", ["--contract", "data/contracts/nelson_vale.json"])):
    kwargs = {"contract": "data/contracts/nelson_vale.json"} if name == "monitor" else {}
    result[f"{name}_ms"] = median_ms(lambda: getattr(ws, name)(**kwargs))
    result[f"{name}_cli_ms"] = median_ms(lambda: subprocess.run(
        [binary, name, "--workspace", workspace, "--json", *args], check=True,
        stdout=subprocess.DEVNULL))
print(json.dumps(result))
