"""`continuum spc` against NHSRplotthedots 0.2.2, point by point.

The reference here is NHSRplotthedots' own algorithm (R/ptd_spc_standard.R and
R/ptd_calculate_point_type.R of the NHS-R community's package, version 0.2.2) restated in numpy
step for step: the same padded vectors, the same windows, the same order of rules and the same
reading of a trend's direction. That restatement was itself checked against the R package running
under R 4.2 on series written by this script (docs/statistics.md says how); CTest runs it here, on
thousands of random series with ties, jumps, spikes, trends, rebases and fixed baselines, and
expects every mean and limit to agree to 1e-9 and every special_cause and rule to agree exactly,
except at the one reading docs/statistics.md lists as a difference (a trend point whose next step
is flat, which NHSRplotthedots 0.2.2 calls decreasing whatever the trend).

Run by CTest: spc_agreement_test.py path/to/continuum scratch/folder
The R check: spc_agreement_test.py --write-series folder; then spc_nhsr_check.R writes folder/r0.csv
(limits from every point) and folder/r12.csv (--baseline 12); then
spc_agreement_test.py --check-r path/to/continuum folder compares the R package's every point with
both this restatement and continuum."""
import csv
import math
import os
import subprocess
import sys

import numpy as np

LIMIT = 2.66
LIMIT_CLOSE = 2 * (LIMIT / 3)


def r_mean(x):
    """R's mean(): a long double sum, then the mean residual added back."""
    x = np.asarray(x, dtype=np.longdouble)
    s = x.sum() / len(x)
    return float(s + (x - s).sum() / len(x))


def seven_point_one_side_mean(v):
    vp = np.concatenate([np.zeros(6), v])
    return np.array([float(np.all(vp[i] == vp[i - np.arange(1, 7)]) and vp[i] != 0)
                     for i in range(6, len(vp))])


def part_of_seven_trend(v):
    vp = np.concatenate([v, np.zeros(6)])
    return np.array([float(np.any(np.abs(vp[i:i + 7]) == 1)) for i in range(len(v))])


def seven_point_trend(y):
    if len(y) < 7:
        return np.zeros(len(y))
    out = np.zeros(len(y))
    for i in range(6, len(y)):
        d = -np.sign(np.diff(y[i - np.arange(7)]))
        out[i] = 1 if np.all(d == 1) else -1 if np.all(d == -1) else 0
    return out


def two_in_three(v, rtm):
    vp = np.concatenate([[0, 0], v, [0, 0]])
    rp = np.concatenate([[0, 0], rtm, [0, 0]])
    out = np.zeros(len(v))
    for i in range(len(v)):
        out[i] = any(vp[i + a:i + a + 3].sum() >= 2 and abs(rp[i + a:i + a + 3].sum()) == 3
                     for a in range(3))
    return out


def special_cause_type(y, rtm, close, outside):
    """The rule label of each point and whether its direction came from a flat step."""
    trend = part_of_seven_trend(seven_point_trend(y))
    part_two = ((two_in_three(close.astype(float), rtm) == 1) & close).astype(float)
    one_side = part_of_seven_trend(seven_point_one_side_mean(rtm))
    sdy = np.sign(np.diff(y))
    use_right = (np.concatenate([trend[1:], [0]]) != 0) & (trend != 0)
    right = np.concatenate([sdy, sdy[-1:]])
    left = np.concatenate([[0], sdy])
    sdy = np.where(use_right, right, left)
    labels, flat = [], []
    for i in range(len(y)):
        above = "Above" if rtm[i] > 0 else "Below"
        if outside[i]:
            labels.append("Above UCL" if rtm[i] == 1 else "Below LCL")
        elif trend[i] != 0:
            labels.append("7 Point Trend (" + ("In" if sdy[i] == 1 else "De") + "creasing)")
        elif part_two[i] != 0:
            labels.append("2 in 3 " + above + " CL")
        elif one_side[i] != 0:
            labels.append("7 Points " + above + " CL")
        else:
            labels.append("Common Cause")
        flat.append(trend[i] != 0 and not outside[i] and sdy[i] == 0)
    return labels, flat


def reference(dates, values, rebase_dates, fix_after, direction):
    """One series as NHSRplotthedots 0.2.2 charts it: rows of mean, lpl, upl, cause, rule, flat."""
    y_all = np.asarray(values, dtype=float)
    group = np.cumsum([1 if d in rebase_dates else 0 for d in dates])
    rows = []
    for g in np.unique(group):
        y = y_all[group == g]
        fix = y[:fix_after] if fix_after else y
        mean = r_mean(fix)
        mr = np.abs(np.diff(fix))
        amr = r_mean(mr)
        mr = mr[mr < 3.267 * amr]
        amr = r_mean(mr)
        lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
        nlpl, nupl = mean - LIMIT_CLOSE * amr, mean + LIMIT_CLOSE * amr
        outside = (y > upl) | (y < lpl)
        rtm = np.sign(y - mean)
        close = ~outside & ((y < nlpl) | (y > nupl))
        labels, flat = special_cause_type(y, rtm, close, outside)
        sign = {"increase": 1, "decrease": -1, "neutral": 0}[direction]
        for label, f in zip(labels, flat):
            v = 1 if ("Above" in label or "Increasing" in label) else \
                -1 if ("Below" in label or "Decreasing" in label) else 0
            if v == 0:
                cause = "none"
            elif sign == 0:
                cause = "neither"
            else:
                cause = "improvement" if v * sign > 0 else "concern"
            rule = ("outside_limits" if "CL" in label and ("UCL" in label or "LCL" in label)
                    else "seven_trend" if "Trend" in label
                    else "two_in_three" if "2 in 3" in label
                    else "seven_one_side" if "7 Points" in label else "")
            rows.append((mean, lpl, upl, cause, rule, f))
    return rows


def random_series(rng, count):
    """(id, direction, dates, values, rebase dates) for `count` varied series."""
    out = []
    start = np.datetime64("2019-04-01")
    for k in range(count):
        n = int(rng.integers(2, 61))
        kind = rng.integers(0, 6)
        x = np.arange(n)
        if kind == 0:
            values = rng.normal(50, 5, n)
        elif kind == 1:  # small counts: ties, points on the mean, flat steps
            values = rng.poisson(3, n).astype(float)
        elif kind == 2:  # a step change
            values = rng.normal(20, 2, n) + (x >= n // 2) * rng.normal(0, 8)
        elif kind == 3:  # spikes: what the screening of moving ranges is for
            values = rng.normal(100, 3, n)
            values[rng.integers(0, n, max(1, n // 15))] += rng.choice([-1, 1]) * 40
        elif kind == 4:  # a drift
            values = rng.normal(0, 1, n) + x * rng.normal(0, 0.3)
        else:  # rounded proportions, as indicators are reported
            values = np.round(rng.uniform(0.6, 0.9) + rng.normal(0, 0.03, n), 2)
        if np.all(values == values[0]):
            values[-1] += 1  # NHSRplotthedots gives no limits for a flat series
        dates = [str(start + np.timedelta64(int(d), "D")) for d in np.sort(rng.choice(3000, n, replace=False))]
        rebase = []
        if n >= 8 and rng.random() < 0.35:
            cut = int(rng.integers(3, n - 2))
            rebase.append(dates[cut])
        direction = ["increase", "decrease", "neutral"][int(rng.integers(0, 3))]
        out.append((f"s{k}", direction, dates, [float(v) for v in values], rebase))
    return out


def flat_turn_series():
    """A rise of seven points, a repeat of its last value, then a fall of seven, within wide
    limits: NHSRplotthedots 0.2.2 calls the rise's last point decreasing (the flat step's sign, 0,
    read as a fall); continuum calls it part of the rise."""
    base = [0.0, 20.0] * 10
    turn = [10.0, 11, 12, 13, 14, 15, 16, 16, 15, 14, 13, 12, 11, 10]
    dates = [str(np.datetime64("2020-01-01") + np.timedelta64(7 * i, "D"))
             for i in range(len(base) + len(turn))]
    return ("flat_turn", "increase", dates, base + turn, [])


def segments_flat(series_values, rebase_dates, dates):
    """False when a segment is flat (all its values equal), which the reference cannot chart."""
    group = np.cumsum([1 if d in rebase_dates else 0 for d in dates])
    v = np.asarray(series_values)
    return any(np.all(v[group == g] == v[group == g][0]) for g in np.unique(group))


def write(folder, series):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "series.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series_id", "date", "value", "improvement_direction"])
        for sid, direction, dates, values, _ in series:
            for d, v in zip(dates, values):
                w.writerow([sid, d, repr(v), direction])
    with open(os.path.join(folder, "rebase.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series_id", "rebase_date"])
        for sid, _, _, _, rebase in series:
            for d in rebase:
                w.writerow([sid, d])


def r_reading(row):
    """special_cause and rule from NHSRplotthedots' special_cause_type and point_type."""
    label, kind = row["special_cause_type"], row["point_type"]
    cause = {"special_cause_improvement": "improvement", "special_cause_concern": "concern",
             "special_cause_neutral_high": "neither", "special_cause_neutral_low": "neither",
             "common_cause": "none"}[kind]
    rule = ("outside_limits" if label in ("Above UCL", "Below LCL")
            else "seven_trend" if "Trend" in label
            else "two_in_three" if label.startswith("2 in 3")
            else "seven_one_side" if label.startswith("7 Points") else "")
    return cause, rule


def check_r(binary, folder, series):
    """NHSRplotthedots' own output against this restatement and against continuum."""
    failures, compared = [], 0
    for fix_after in (0, 12):
        r_rows = {}
        with open(os.path.join(folder, f"r{fix_after}.csv")) as f:
            for row in csv.DictReader(f):
                r_rows.setdefault(row["series_id"], []).append(row)
        args = [binary, "spc", "--input", os.path.join(folder, "series.csv"),
                "--rebase", os.path.join(folder, "rebase.csv"), "--csv"]
        if fix_after:
            args += ["--baseline", str(fix_after)]
        ours = {}
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        for row in csv.DictReader(out.splitlines()):
            ours.setdefault(row["series_id"], []).append(row)
        for sid, direction, dates, values, rebase in series:
            port = reference(dates, values, set(rebase), fix_after, direction)
            for i, (r, p, c) in enumerate(zip(r_rows[sid], port, ours[sid])):
                compared += 1
                for name, value in zip(("mean", "lower_limit", "upper_limit"), p[:3]):
                    if not math.isclose(float(r[name]), value, rel_tol=1e-12, abs_tol=1e-12):
                        failures.append(f"port {sid} {i + 1} {name}: R {r[name]} vs {value!r}")
                if r_reading(r) != p[3:5]:
                    failures.append(f"port {sid} {i + 1}: R {r_reading(r)} vs {p[3:5]}")
                if r_reading(r) != (c["special_cause"], c["rule"]) and not p[5]:
                    failures.append(f"continuum {sid} {i + 1}: R {r_reading(r)} vs "
                                    f"{(c['special_cause'], c['rule'])}")
    print(f"{compared} points compared with NHSRplotthedots under R")
    for f in failures[:30]:
        print(f)
    return 1 if failures else 0


def main():
    rng = np.random.default_rng(20240131)
    series = [s for s in random_series(rng, 3000) if not segments_flat(s[3], s[4], s[2])]
    series.append(flat_turn_series())
    if sys.argv[1] == "--write-series":
        write(sys.argv[2], series)
        return 0
    if sys.argv[1] == "--check-r":
        return check_r(sys.argv[2], sys.argv[3], series)
    binary, scratch = sys.argv[1], sys.argv[2]
    folder = os.path.join(scratch, f"spc_agreement_{os.getpid()}")
    write(folder, series)
    failures, flat_steps, points, signals = [], 0, 0, 0
    for fix_after in (0, 12):
        args = [binary, "spc", "--input", os.path.join(folder, "series.csv"),
                "--rebase", os.path.join(folder, "rebase.csv"), "--csv"]
        if fix_after:
            args += ["--baseline", str(fix_after)]
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        ours = {}
        for row in csv.DictReader(out.splitlines()):
            ours.setdefault(row["series_id"], []).append(row)
        for sid, direction, dates, values, rebase in series:
            theirs = reference(dates, values, set(rebase), fix_after, direction)
            mine = ours.get(sid, [])
            if len(mine) != len(theirs):
                failures.append(f"{sid}: {len(mine)} points, reference {len(theirs)}")
                continue
            for i, (row, ref) in enumerate(zip(mine, theirs)):
                points += 1
                for name, value in zip(("mean", "lower_limit", "upper_limit"), ref[:3]):
                    if not math.isclose(float(row[name]), value, rel_tol=1e-9, abs_tol=1e-9):
                        failures.append(f"{sid} point {i + 1} {name}: {row[name]} vs {value!r}")
                if ref[5]:
                    flat_steps += 1
                    continue
                signals += ref[3] != "none"
                if (row["special_cause"], row["rule"]) != ref[3:5]:
                    failures.append(f"{sid} (baseline {fix_after}) point {i + 1} {row['date']}: "
                                    f"{row['special_cause']}/{row['rule']} vs {ref[3]}/{ref[4]}")
    bad = os.path.join(folder, "bad.csv")
    with open(bad, "w") as f:
        f.write("series_id,date,value\nx,2024-01-01,n/a\n")
    refused = subprocess.run([binary, "spc", "--input", bad], capture_output=True, text=True)
    if refused.returncode != 2 or "bad.csv line 2, column value: 'n/a' is not a finite number" \
            not in refused.stderr:
        failures.append(f"a bad value: exit {refused.returncode}, {refused.stderr!r}")
    print(f"{points} points of {len(series)} series, {signals} signals; "
          f"{flat_steps} trend points on a flat step left out")
    if flat_steps != 2:  # the flat turn's point, with limits from every point and from 12
        failures.append(f"{flat_steps} trend points on a flat step, not the flat turn's 2")
    if signals < points // 10:
        failures.append(f"only {signals} signals: the series do not exercise the rules")
    for f in failures[:30]:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
