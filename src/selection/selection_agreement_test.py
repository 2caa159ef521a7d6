"""`continuum selection` against a direct computation from the CSV files of a generated
programme (two ICOs under one commissioner with six control practices; the first removes 2% of
its top need decile): pandas rebuilds each year's capitation list, prices it with the
coefficients `continuum budget --save-model` fits on the year before, cuts the commissioner's
deciles of need, and counts removals and other exits by decile and the leavers' and stayers'
actual and predicted costs; and, for the quality exceptions and the care outside the budget, the
share of each year's list with one against the baseline year at the same practices. The exits by
decile agree exactly; the removal and leaver cost ratios, the exceptions' and outside-budget
ratios, their intervals and p-values to 1e-9.

Run by CTest: selection_agreement_test.py path/to/continuum scratch/folder"""
import json
import math
import os
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
from scipy.stats import norm

BINARY, SCRATCH = sys.argv[1], sys.argv[2]
FOLDER = os.path.join(SCRATCH, f"selection_agreement_{os.getpid()}")
failures = []
AGE_BANDS = ["0-4", "5-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"]


def close(what, ours, theirs, tolerance=1e-9):
    if not abs(ours - theirs) <= tolerance * max(1.0, abs(theirs)):
        failures.append(f"{what}: continuum {ours!r}, reference {theirs!r}")


def run(*args):
    return subprocess.run([BINARY, *args], check=True, capture_output=True, text=True).stdout


def day(text):
    return pd.to_datetime(text)


def read(data):
    orgs = pd.read_csv(f"{data}/organisations.csv", dtype=str)
    patients = pd.read_csv(f"{data}/patients.csv", parse_dates=["birth_date"])
    regs = pd.read_csv(f"{data}/registrations.csv", parse_dates=["start_date", "end_date"])
    deaths = pd.read_csv(f"{data}/deaths.csv", parse_dates=["date"]).rename(
        columns={"date": "death_date"})
    conditions = pd.read_csv(f"{data}/conditions.csv", parse_dates=["onset_date", "resolved_date"])
    activity = pd.read_csv(f"{data}/activity.csv", usecols=["patient_id", "date", "setting", "cost"],
                           parse_dates=["date"])
    members = pd.read_csv(f"{data}/memberships.csv", parse_dates=["start_date", "end_date"])
    observations = pd.read_csv(f"{data}/observations.csv", parse_dates=["date"])
    adjustments = observations[observations.kind == "care_adjustment"]
    patients = patients.merge(deaths[["patient_id", "death_date"]], on="patient_id", how="left")
    return orgs, patients, regs, conditions, activity, members, adjustments


def unit_of(practice, on, orgs, members):
    """'ICO' id when the practice is a member on `on`, 'control' for a never-member, else None."""
    rows = members[members.practice_id == practice]
    if len(rows):
        live = rows[(rows.start_date <= on) & (rows.end_date.isna() | (rows.end_date >= on))]
        return live.ico_id.iloc[0] if len(live) else None
    parent = orgs.set_index("org_id").parent_id[practice]
    kind = orgs.set_index("org_id").kind[parent]
    return parent if kind == "ico" else "control"


def features(year, patients, regs, conditions, activity):
    """The capitation list on 1 April of `year`: one row per patient with their registration."""
    start, end = day(f"{year}-04-01"), day(f"{year + 1}-03-31")
    r = regs  # with each patient's death_date
    on = r[(r.start_date <= start) & (r.end_date.isna() | (r.end_date >= start)) &
           (r.death_date.isna() | (r.death_date >= start))]
    on = on.drop_duplicates("patient_id").copy()
    on["reg"] = on.index
    on = on.merge(patients[["patient_id", "birth_date", "sex", "imd_decile"]], on="patient_id")
    age = start.year - on.birth_date.dt.year - (
        (on.birth_date.dt.month > 4) | ((on.birth_date.dt.month == 4) & (on.birth_date.dt.day > 1)))
    band = np.where(age < 5, 0, np.minimum(9, (age + 5) // 10))
    on["terms"] = [[f"age_sex:{s}_{AGE_BANDS[b]}"] for s, b in zip(on.sex, band)]
    active = conditions[(conditions.onset_date <= start) &
                        (conditions.resolved_date.isna() | (conditions.resolved_date > start))]
    held = active.groupby("patient_id").condition.apply(lambda c: sorted(set(c)))
    prior = activity[(activity.date >= day(f"{year - 1}-04-01")) & (activity.date < start)]
    counts = prior.groupby(["patient_id", "setting"]).size().unstack(fill_value=0)
    cost = activity[(activity.date >= start) & (activity.date <= end)].groupby("patient_id").cost.sum()
    on["cost"] = on.patient_id.map(cost).fillna(0.0)

    def markers(pid):
        if pid not in counts.index:
            return []
        c = counts.loc[pid]
        get = lambda *s: sum(int(c.get(x, 0)) for x in s)
        m = []
        e, op, ae = get("emergency"), get("op_first", "op_followup"), get("ae")
        m += ["prior:emergency_1"] if e == 1 else ["prior:emergency_2+"] if e >= 2 else []
        m += ["prior:elective_or_day_case"] if get("elective", "day_case") else []
        m += ["prior:outpatient_1-3"] if 1 <= op <= 3 else ["prior:outpatient_4+"] if op >= 4 else []
        m += ["prior:ae_1"] if ae == 1 else ["prior:ae_2+"] if ae >= 2 else []
        m += ["prior:social_care"] if get("social_care") else []
        m += ["prior:mental_health"] if get("mental_health") else []
        return m

    on["terms"] = [t + [f"condition:{c}" for c in held.get(pid, [])] + markers(pid) +
                   ([f"imd:quintile_{(d + 1) // 2}"] if 1 <= d <= 8 else [])
                   for t, pid, d in zip(on.terms, on.patient_id, on.imd_decile)]
    return on.sort_values("patient_id").reset_index(drop=True)


def predict(rows, coefficients):
    """Pence, summing pounds in the model's own term order as continuum does."""
    order = {name: i for i, name in enumerate(coefficients)}
    out = []
    for terms in rows.terms:
        total = coefficients["intercept"]
        # The reference cell (men aged 25-34) has no term: the intercept carries it.
        for t in sorted((t for t in terms if t in order), key=lambda t: order[t]):
            total += coefficients[t]
        out.append(100 * total)
    return np.array(out)


def model(workspace, year):
    path = os.path.join(FOLDER, f"model_{year}.csv")
    run("budget", "--workspace", workspace, "--ico", "ZICO1", "--fit-year", str(year),
        "--save-model", path)
    table = pd.read_csv(path, comment="#")
    return dict(zip(table.term, table.coefficient.astype(float)))


def exit_of(reg, year, unit, unit_on):
    end = reg.end_date
    if pd.isna(end) or end > day(f"{year + 1}-03-31") or end < day(f"{year}-04-01"):
        return "stays"
    if not pd.isna(reg.death_date) and reg.death_date <= end:
        return "stays"
    if reg.end_reason not in ("removal", "move_out", "emigration"):
        return "stays"
    if not pd.isna(reg.next_start) and reg.next_start <= end + pd.Timedelta(days=1) and \
            unit_on(reg.next_practice, reg.next_start) == unit:
        return "stays"  # moved to another practice of the same unit
    return "removal" if reg.end_reason == "removal" else "other"


def main():
    data, workspace = os.path.join(FOLDER, "data"), os.path.join(FOLDER, "w.db")
    run("generate", "--out", data, "--icos", "2", "--control-practices", "6", "--patients",
        "15000", "--practices", "4", "--seed", "23", "--plant-selection", "ZICO1:0.02")
    run("import", data, "--workspace", workspace)
    report = json.loads(run("selection", "--workspace", workspace, "--json"))
    orgs, patients, regs, conditions, activity, members, adjustments = read(data)
    regs = regs.merge(patients[["patient_id", "death_date"]], on="patient_id")
    regs = regs.sort_values(["patient_id", "start_date"]).reset_index(drop=True)
    same = regs.patient_id.shift(-1) == regs.patient_id
    regs["next_start"] = regs.start_date.shift(-1).where(same)
    regs["next_practice"] = regs.practice_id.shift(-1).where(same)
    cache = {}

    def unit_on(practice, on):
        if (practice, on) not in cache:
            cache[(practice, on)] = unit_of(practice, on, orgs, members)
        return cache[(practice, on)]
    models = {y: model(workspace, y) for y in (2022, 2023)}
    lists = {y: features(y, patients, regs, conditions, activity) for y in (2022, 2023, 2024)}
    # Deciles of need on 1 April 2023 and 2024 over the commissioner's whole list.
    exits = {}
    for y in (2023, 2024):
        rows = lists[y]
        rows["need"] = predict(rows, models[y - 1])
        # A patient's decile counts those with less need, so equal needs share one.
        below = np.searchsorted(np.sort(rows.need.values), rows.need.values, side="left")
        rows["decile"] = 1 + (10 * below) // len(rows)
        start = day(f"{y}-04-01")
        for row in rows.itertuples():
            unit = unit_on(row.practice_id, start)
            if unit is None:
                continue
            reg = regs.loc[row.reg]
            key = (unit, row.decile)
            counts = exits.setdefault(key, [0, 0, 0])
            counts[0] += 1
            what = exit_of(reg, y, unit, unit_on)
            counts[1] += what == "removal"
            counts[2] += what == "other"
    for r in report["exits_by_need_decile"]:
        unit = r["ico"] if r["group"] == "ico" else "control"
        theirs = exits.get((unit, r["need_decile"]), [0, 0, 0])
        ours = [r["patients"], r["removals"], r["other_exits"]]
        if ours != theirs:
            failures.append(f"{unit} decile {r['need_decile']}: continuum {ours}, reference {theirs}")
    measures = {(m["ico"], m["measure"]): m for m in report["measures"]}
    for ico in ("ZICO1", "ZICO2"):
        cells = {}
        for unit in (ico, "control"):
            top = exits.get((unit, 10), [0, 0, 0])
            rest = [sum(exits.get((unit, d), [0, 0, 0])[k] for d in range(1, 10)) for k in range(3)]
            cells[unit] = (top, rest)
        (ti, ri), (tc, rc) = cells[ico], cells["control"]
        log_ratio = (math.log((ti[1] + .5) / (ti[0] + .5)) - math.log((ri[1] + .5) / (ri[0] + .5)) -
                     math.log((tc[1] + .5) / (tc[0] + .5)) + math.log((rc[1] + .5) / (rc[0] + .5)))
        se = math.sqrt(sum(1 / (x + .5) for x in (ti[1], ri[1], tc[1], rc[1])))
        m = measures[(ico, "removals_top_need")]
        close(f"{ico} removals_top_need effect", m["effect"], math.exp(log_ratio))
        close(f"{ico} removals_top_need ci_low", m["ci_low"], math.exp(log_ratio - norm.ppf(.975) * se))
        close(f"{ico} removals_top_need p", m["p_value"], norm.sf(log_ratio / se))
    if not measures[("ZICO1", "removals_top_need")]["alert"]:
        failures.append("ZICO1's planted removals raise no alert")
    # The leaver cost ratio: the year before's list, its own year's model, exits in the year.
    for ico in ("ZICO1", "ZICO2"):
        sums = {}
        for y in (2023, 2024):
            before = lists[y - 1]
            before["fitted"] = predict(before, models[y - 1]) / 100
            start, end = day(f"{y}-04-01"), day(f"{y + 1}-03-31")
            for row in before.itertuples():
                reg = regs.loc[row.reg]
                last = min(x for x in (reg.end_date, reg.death_date, pd.Timestamp.max) if not pd.isna(x))
                if last < start:
                    continue
                unit = unit_on(row.practice_id, start)
                if unit not in (ico, "control"):
                    continue
                what = exit_of(reg, y, unit, unit_on)
                died = not pd.isna(reg.death_date) and reg.death_date <= end
                if what == "stays" and died:
                    continue
                key = (unit, "stayers" if what == "stays" else "leavers")
                sums.setdefault(key, []).append((row.cost, row.fitted))
        logs, variance = {}, 0
        for key, pairs in sums.items():
            a, p = np.array(pairs).T
            r = a.sum() / p.sum()
            logs[key] = math.log(r)
            variance += ((a - r * p) ** 2).sum() / a.sum() ** 2
        log_ratio = (logs[(ico, "leavers")] - logs[(ico, "stayers")] -
                     logs[("control", "leavers")] + logs[("control", "stayers")])
        m = measures[(ico, "leaver_cost_ratio")]
        close(f"{ico} leaver_cost_ratio effect", m["effect"], math.exp(log_ratio))
        close(f"{ico} leaver_cost_ratio ci_high", m["ci_high"],
              math.exp(log_ratio + norm.ppf(.975) * math.sqrt(variance)))
    share_changes(lists, regs, activity, adjustments, measures, unit_on)


def share_changes(lists, regs, activity, adjustments, measures, unit_on):
    """care_adjustments and outside_budget: the share of each year's list with one, against the
    same share in the baseline year (the year before the first measured) at the practices that
    are the unit's on the year's first day, ICO against controls."""
    # Who was with which practice on a day: the registration holding it.
    held = regs[["patient_id", "practice_id", "start_date", "end_date"]].sort_values("start_date")

    def with_practice(events):
        events = pd.merge_asof(events.sort_values("date"), held, left_on="date",
                               right_on="start_date", by="patient_id")
        return events[events.end_date.isna() | (events.end_date >= events.date)]
    watched = with_practice(activity[activity.setting.isin(["social_care", "end_of_life"])])
    adjusted_all = with_practice(adjustments)
    counts = {}  # (measure, list year, units' year, unit) -> [listed, counted]
    for y in (2022, 2023, 2024):
        rows = lists[y]
        start, end = day(f"{y}-04-01"), day(f"{y + 1}-03-31")
        events = watched[(watched.date >= start) & (watched.date <= end)]
        adjusted = adjusted_all[(adjusted_all.date >= start) & (adjusted_all.date <= end)]
        for year in range(y, 2025):
            first = day(f"{year}-04-01")
            practices = set(rows.practice_id) | set(events.practice_id) | set(adjusted.practice_id)
            units = {p: unit_on(p, first) for p in practices}
            outside = {(pid, units[p]) for pid, p in zip(events.patient_id, events.practice_id)}
            excepted = {(pid, c, units[p]) for pid, c, p in
                        zip(adjusted.patient_id, adjusted.value, adjusted.practice_id)}
            for row in rows.itertuples():
                unit = units[row.practice_id]
                if unit is None:
                    continue
                cell = counts.setdefault(("outside_budget", y, year, unit), [0, 0])
                cell[0] += 1
                cell[1] += (row.patient_id, unit) in outside
                registers = [t[len("condition:"):] for t in row.terms
                             if t.startswith("condition:") and t != "condition:palliative"]
                if registers:
                    cell = counts.setdefault(("care_adjustments", y, year, unit), [0, 0])
                    cell[0] += 1
                    cell[1] += any((row.patient_id, c, unit) in excepted for c in registers)
    for (ico, name), m in measures.items():
        if name not in ("care_adjustments", "outside_budget"):
            continue
        years = [int(y[:4]) for y in m["years"]]  # "2023-24"
        base = years[0] - 1
        observed = expected = 0
        parts = []
        for y in years:
            cells = [counts.get((name, l, y, unit), [0, 0]) for l, unit in
                     ((y, ico), (base, ico), (y, "control"), (base, "control"))]
            (n, a), (nb, ab), (nc, ac), (nbc, abc) = cells
            e = n * (ab / nb) * (ac / nc) / (abc / nbc)
            observed += a
            expected += e
            parts.append((e, 1 / a - 1 / n + 1 / ac - 1 / nc, 1 / ab - 1 / nb + 1 / abc - 1 / nbc))
        variance = sum((e / expected) ** 2 * v for e, v, _ in parts) + \
            sum(e / expected * math.sqrt(vb) for e, _, vb in parts) ** 2
        log_ratio, se = math.log(observed / expected), math.sqrt(variance)
        close(f"{ico} {name} effect", m["effect"], math.exp(log_ratio))
        close(f"{ico} {name} ci_low", m["ci_low"], math.exp(log_ratio - norm.ppf(.975) * se))
        close(f"{ico} {name} p", m["p_value"], norm.sf(log_ratio / se))
        close(f"{ico} {name} observed", m["observed"], observed)
        close(f"{ico} {name} expected", m["expected"], expected)


try:
    shutil.rmtree(FOLDER, ignore_errors=True)
    os.makedirs(FOLDER)
    main()
finally:
    shutil.rmtree(FOLDER, ignore_errors=True)
if failures:
    print("\n".join(failures[:40]))
    sys.exit(1)
print("selection agrees with the direct computation from the CSV files")
