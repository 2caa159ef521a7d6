"""The capitation benchmark's peer: scikit-learn's LinearRegression fits the same OLS on the
design matrix that `capitation_benchmark --export=DIR` wrote, and prints its fit time (median
of RUNS) and in-sample R² as JSON beside Continuum's R² from DIR/fit.txt."""
import json
import statistics
import sys
import time

import numpy as np
from sklearn.linear_model import LinearRegression

folder, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
rows, columns, continuum_r2 = open(f"{folder}/fit.txt").read().split()
rows, columns = int(rows), int(columns)
x = np.fromfile(f"{folder}/x.u8", dtype=np.uint8).reshape(rows, columns).astype(np.float64)
y = np.fromfile(f"{folder}/y.f64", dtype=np.float64)
times = []
for _ in range(runs):
    start = time.perf_counter()
    model = LinearRegression().fit(x, y)
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({"fit_ms": statistics.median(times), "r2": model.score(x, y),
                  "continuum_r2": float(continuum_r2), "rows": rows}))
