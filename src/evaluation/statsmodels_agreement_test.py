"""`continuum evaluate --panel` against independent computations on the same panels:
statsmodels' OLS with unit and period dummies and cluster-robust errors for the two-way
fixed-effects and two-by-two regressions (coefficients to 1e-9, standard errors to 1e-6), and
pandas group means (with statsmodels' OLS for the covariate-adjusted comparisons) for every
ATT(g, t), the overall effect and their cluster-robust standard errors.

Run by CTest: statsmodels_agreement_test.py path/to/continuum scratch/folder"""
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

BINARY, SCRATCH = sys.argv[1], sys.argv[2]
failures = []


def close(what, ours, theirs, tolerance):
    if not abs(ours - theirs) <= tolerance * max(1.0, abs(theirs)):
        failures.append(f"{what}: continuum {ours!r}, reference {theirs!r}")


def panel(seed, starts, covariate):
    """Practices (clusters) of 4 units over 10 periods; half the practices start in `starts`."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(48):
        start = starts[c % len(starts)] if c < 24 else None
        level = rng.normal()
        for k in range(4):
            unit, own, x = f"u{c}_{k}", rng.normal(), rng.normal(0.5 if start else 0, 1)
            for t in range(1, 11):
                y = own + level + 0.2 * t + 0.3 * x * t + rng.normal()
                if start and t >= start:
                    y += 1 + 0.3 * (t - start)
                row = {"unit": unit, "cluster": f"p{c}", "period": t,
                       "first_treated": start if start else "", "outcome": y}
                if covariate:
                    row["x"] = x + rng.normal(0, 0.2)  # measured each period, with error
                rows.append(row)
    return pd.DataFrame(rows)


def evaluate(frame, name):
    path = os.path.join(SCRATCH, name)
    frame.to_csv(path, index=False, float_format="%.17g")
    out = subprocess.run([BINARY, "evaluate", "--panel", path, "--json", "--replicates", "199"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def regressions(frame, result, name, covariate):
    frame = frame.copy()
    frame["treated"] = (frame["first_treated"] != "").astype(float)
    start = pd.to_numeric(frame["first_treated"], errors="coerce")
    frame["D"] = ((frame["period"] >= start) & frame["treated"].astype(bool)).astype(float)
    groups = pd.factorize(frame["cluster"])[0]
    formula = "outcome ~ D + C(unit) + C(period)" + (" + x" if covariate else "")
    twfe = smf.ols(formula, frame).fit(cov_type="cluster", cov_kwds={"groups": groups})
    ours = result["two_way_fixed_effects"]
    close(f"{name} two-way fixed effects", ours["estimate"], twfe.params["D"], 1e-9)
    close(f"{name} two-way fixed effects std error", ours["std_error"], twfe.bse["D"], 1e-6)
    if covariate:
        x = ours["coefficients"][1]
        close(f"{name} two-way fixed effects, x", x["estimate"], twfe.params["x"], 1e-9)
        close(f"{name} two-way fixed effects, x std error", x["std_error"], twfe.bse["x"], 1e-6)
    if result["two_by_two"].get("estimate") is not None:
        frame["post"] = (frame["period"] >= start.dropna().iloc[0]).astype(float)
        dd = smf.ols("outcome ~ treated * post", frame).fit(cov_type="cluster",
                                                           cov_kwds={"groups": groups})
        close(f"{name} two-by-two", result["two_by_two"]["estimate"], dd.params["treated:post"],
              1e-9)
        close(f"{name} two-by-two std error", result["two_by_two"]["std_error"],
              dd.bse["treated:post"], 1e-6)


def group_time(frame, result, name, covariate):
    """ATT(g, t) against never-treated units: the treated units' mean change from the base
    period less the comparison's (or less the comparison's regression prediction), and its
    cluster-robust standard error from the influence function written out again here."""
    wide = frame.pivot(index="unit", columns="period", values="outcome")
    xs = frame.pivot(index="unit", columns="period", values="x") if covariate else None
    info = frame.groupby("unit").first()
    start = pd.to_numeric(info["first_treated"], errors="coerce")
    clusters = info["cluster"]
    g_count = clusters.nunique()
    periods = sorted(frame["period"].unique())
    ours = {(r["group"], r["time"]): r for r in result["estimates"] if r["estimand"] == "att_gt"}
    never = start.isna()
    cells = {}
    for g in sorted(start.dropna().unique()):
        treated = start == g
        for t in periods[1:]:
            base = t - 1 if t < g else g - 1
            delta = wide[t] - wide[base]
            if covariate:
                x = xs[base]  # the covariate in the base period
                fit = smf.ols("d ~ x", pd.DataFrame({"d": delta[never], "x": x[never]})).fit()
                predicted = fit.params["Intercept"] + fit.params["x"] * x
                adjusted = delta - predicted
                att = adjusted[treated].mean()
            else:
                att = delta[treated].mean() - delta[never].mean()
                psi = pd.Series(0.0, index=wide.index)
                psi[treated] = (delta[treated] - delta[treated].mean()) / treated.sum()
                psi[never] = -(delta[never] - delta[never].mean()) / never.sum()
                sums = psi.groupby(clusters).sum()
                se = np.sqrt(g_count / (g_count - 1) * (sums ** 2).sum())
                close(f"{name} ATT({g},{t}) std error", ours[(int(g), int(t))]["std_error"], se,
                      1e-9)
            close(f"{name} ATT({g},{t})", ours[(int(g), int(t))]["estimate"], att, 1e-9)
            cells[(g, t)] = att
    # The overall effect: post-start cells weighted by their group's size.
    sizes = start.value_counts()
    post = [(g, t) for (g, t) in cells if t >= g]
    overall = sum(sizes[g] * cells[(g, t)] for g, t in post) / sum(sizes[g] for g, _ in post)
    close(f"{name} overall", result["estimates"][-1]["estimate"], overall, 1e-9)


for name, starts, covariate in [("one start", [5], False), ("staggered", [4, 6, 8], False),
                                ("covariate", [4, 6, 8], True)]:
    frame = panel(len(name), starts, covariate)
    result = evaluate(frame, name.replace(" ", "_") + ".csv")
    regressions(frame, result, name, covariate)
    group_time(frame, result, name, covariate)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("continuum evaluate agrees with statsmodels and pandas on 3 panels")
