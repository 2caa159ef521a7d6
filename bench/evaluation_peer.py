"""The evaluation benchmark's peer: statsmodels fits the two-way fixed-effects regression with
cluster-robust standard errors on the panel `evaluation_benchmark --export=DIR` wrote. With
30,000 units, dummy columns for the units would make a 360,000 x 30,000 matrix, so the peer
does what a statsmodels user would: sweeps out the unit and period means with pandas, then fits
OLS with cov_type="cluster" (timed together, median of RUNS). The standard error is rescaled by
the absorbed parameters' degrees of freedom, which statsmodels cannot see, before comparing.

    evaluation_peer.py DIR RUNS   ->  {"fit_ms": ..., "estimate": ..., "agree": true, ...}"""
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm

folder, runs = sys.argv[1], int(sys.argv[2])
panel = pd.read_csv(f"{folder}/panel.csv")
ours, our_se, parameters = open(f"{folder}/fit.txt").read().split()
ours, our_se, parameters = float(ours), float(our_se), int(parameters)


def fit():
    start = pd.to_numeric(panel["first_treated"], errors="coerce")
    treated = (panel["period"] >= start).astype(float)
    frame = pd.DataFrame({"y": panel["outcome"], "d": treated, "unit": panel["unit"],
                          "period": panel["period"]})
    swept = {}
    for column in ("y", "d"):
        values = frame[column]
        swept[column] = (values - values.groupby(frame["unit"]).transform("mean")
                         - values.groupby(frame["period"]).transform("mean") + values.mean())
    groups = pd.factorize(panel["cluster"])[0]
    return sm.OLS(swept["y"].to_numpy(), swept["d"].to_numpy()[:, None]).fit(
        cov_type="cluster", cov_kwds={"groups": groups})


times = []
for _ in range(runs):
    begin = time.perf_counter()
    result = fit()
    times.append((time.perf_counter() - begin) * 1e3)
n = len(panel)
# statsmodels counted one parameter; the regression has `parameters`.
se = result.bse[0] * np.sqrt((n - 1) / (n - parameters)) / np.sqrt((n - 1) / (n - 1))
agree = abs(result.params[0] - ours) <= 1e-9 * max(1, abs(ours)) and abs(se - our_se) <= 1e-6
print(json.dumps({"fit_ms": statistics.median(times), "estimate": result.params[0],
                  "continuum_estimate": ours, "std_error": se, "continuum_std_error": our_se,
                  "agree": bool(agree)}))
