"""The case-management evaluation of `continuum evaluate --plan` against an independent
computation: a generated ICO's CSV files read with pandas, the case-finding rule applied to them,
and statsmodels' Poisson GLM (offset log years, cov_type="HC0") fitted on the same design. Counts
agree exactly, crude rates to 1e-9, rate ratios and the standard errors of their logs to 1e-6.

Run by CTest: case_management_agreement_test.py path/to/continuum scratch/folder"""
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm

BINARY, SCRATCH = sys.argv[1], sys.argv[2]
FOLDER = os.path.join(SCRATCH, f"case_management_agreement_{os.getpid()}")
failures = []

SETTINGS = {
    "emergency_admissions": ["emergency"],
    "elective_admissions": ["elective", "day_case"],
    "outpatient_attendances": ["op_first", "op_followup"],
    "hospital_cost_per_head": ["op_first", "op_followup", "ae", "elective", "day_case", "emergency"],
}
COSTS = {"hospital_cost_per_head"}
OUTCOMES = list(SETTINGS)


def close(what, ours, theirs, tolerance):
    if not abs(ours - theirs) <= tolerance * max(1.0, abs(theirs)):
        failures.append(f"{what}: continuum {ours!r}, reference {theirs!r}")


def run(*args):
    subprocess.run([BINARY, *args], check=True, stdout=subprocess.DEVNULL)


def continuum_result():
    data, workspace = os.path.join(FOLDER, "data"), os.path.join(FOLDER, "w.db")
    run("generate", "--out", data, "--patients", "40000", "--practices", "6",
        "--control-practices", "6", "--seed", "17")
    run("import", data, "--workspace", workspace)
    plan = {
        "name": "agreement", "pilots": [{"ico": "ZICO1", "start": "2023-04-01"}],
        "periods": {"from": "2022-04-01", "to": "2025-03-31"},
        "outcomes": ["emergency_admissions"], "estimator": {"replicates": 99},
        "tests": {"placebo_periods_before": 0, "placebo_in_space": False,
                  "leave_one_pilot_out": False, "e_value": False},
        "case_management": {"min_age": 65, "min_emergency_admissions": 2, "outcomes": OUTCOMES},
    }
    plan_path = os.path.join(FOLDER, "plan.json")
    with open(plan_path, "w") as f:
        json.dump(plan, f)
    out = subprocess.run([BINARY, "evaluate", "--plan", plan_path, "--workspace", workspace,
                          "--json"], check=True, capture_output=True, text=True).stdout
    return data, json.loads(out)["case_management"]


def reference(data, day):
    day = pd.Timestamp(day)
    look, base, to = day - pd.DateOffset(years=1), day - pd.DateOffset(years=2), pd.Timestamp("2025-03-31")
    read = lambda name: pd.read_csv(os.path.join(data, name), dtype=str, keep_default_na=False)
    orgs, patients, regs = read("organisations.csv"), read("patients.csv"), read("registrations.csv")
    deaths, conditions = read("deaths.csv"), read("conditions.csv")
    events = pd.read_csv(os.path.join(data, "activity.csv"), dtype=str, keep_default_na=False,
                         usecols=["patient_id", "date", "setting", "cost"])
    practices = orgs[orgs.kind == "practice"]
    pilot = set(practices[practices.parent_id == "ZICO1"].org_id)
    pool = set(practices[~practices.parent_id.str.startswith("ZICO")].org_id)
    death = dict(zip(deaths.patient_id, pd.to_datetime(deaths.date)))
    birth = dict(zip(patients.patient_id, pd.to_datetime(patients.birth_date)))
    sex = dict(zip(patients.patient_id, patients.sex))
    imd = dict(zip(patients.patient_id, patients.imd_decile))

    regs = regs.assign(start=pd.to_datetime(regs.start_date),
                       end=pd.to_datetime(regs.end_date.replace("", None)))
    regs["last"] = [min(e if pd.notna(e) else pd.Timestamp.max, death.get(p, pd.Timestamp.max))
                    for p, e in zip(regs.patient_id, regs.end)]

    def age(p):
        b = birth[p]
        return day.year - b.year - ((b.month, b.day) > (day.month, day.day))

    on = regs[(regs.start <= day) & (regs["last"] >= day) & regs.practice_id.isin(pilot | pool)]
    on = on[[death.get(p) != day and age(p) >= 65 for p in on.patient_id]].copy()
    on["age"] = [age(p) for p in on.patient_id]
    on["follow_last"] = on["last"].clip(upper=to)
    on = on.set_index("patient_id")

    events = events[events.patient_id.isin(on.index)].copy()
    events["date"] = pd.to_datetime(events.date)
    events["cost"] = events.cost.replace("", "0").astype(float)
    events = events.join(on[["follow_last"]], on="patient_id")
    events = events[(events.date >= base) & (events.date <= events.follow_last)]
    window = np.where(events.date < look, "baseline", np.where(events.date < day, "lookback", "follow"))
    events["window"] = window
    for o in OUTCOMES:
        chosen = events[events.setting.isin(SETTINGS[o])]
        value = chosen.cost if o in COSTS else pd.Series(1.0, index=chosen.index)
        sums = value.groupby([chosen.patient_id, chosen.window]).sum().unstack(fill_value=0.0)
        for w in ["baseline", "lookback", "follow"]:
            on[f"{w}_{o}"] = (sums[w] if w in sums else pd.Series(dtype=float)).reindex(on.index).fillna(0.0)
    on["emergencies"] = on["lookback_emergency_admissions"]

    # Habits: each practice's mean use in the year before among everyone of the age found on it.
    habits = {}
    for o in OUTCOMES:
        grouped = on.groupby("practice_id")[f"lookback_{o}"]
        mean, n = grouped.mean(), grouped.size()
        habits[o] = np.log(np.maximum(mean, 0.25 / n))

    mine = regs[regs.patient_id.isin(on.index)]
    first = mine.start.clip(lower=base)
    last = mine["last"].clip(upper=look - pd.Timedelta(days=1))
    days = ((last - first).dt.days + 1).clip(lower=0)
    on["baseline_years"] = (days.groupby(mine.patient_id).sum() / 365.25).reindex(on.index).fillna(0)
    on["follow_years"] = ((on.follow_last - day).dt.days + 1) / 365.25

    conditions = conditions[conditions.patient_id.isin(on.index)]
    onset = pd.to_datetime(conditions.onset_date)
    resolved = pd.to_datetime(conditions.resolved_date.replace("", None)).fillna(pd.Timestamp.max)
    held = conditions[(onset <= day) & (day <= resolved)].groupby("patient_id").size()
    on["conditions"] = held.reindex(on.index).fillna(0)

    found = on[(on.emergencies >= 2) & (on.baseline_years > 0) & (on.follow_years > 0)].copy()
    found["case_managed"] = found.practice_id.isin(pilot).astype(float)
    x = pd.DataFrame({"const": 1.0, "case_managed": found.case_managed, "age": found.age.astype(float),
                      "male": [float(sex[p] == "M") for p in found.index],
                      "deprivation": [float(imd[p]) if imd[p] else 5.5 for p in found.index],
                      "conditions": found.conditions}, index=found.index)
    for o in OUTCOMES:
        x[f"{o} baseline"] = np.log1p(found[f"baseline_{o}"] / found.baseline_years)
    for o in OUTCOMES:
        if o != "emergency_admissions":
            x[f"{o} year before"] = np.log1p(found[f"lookback_{o}"])
    for extra in range(1, 5):
        x[f"em{extra}"] = ((found.emergencies - 2 >= 4) if extra == 4 else (found.emergencies - 2 == extra)).astype(float)
    for o in OUTCOMES:
        x[f"{o} habit"] = habits[o].reindex(found.practice_id).to_numpy()
    return found, x


def main():
    shutil.rmtree(FOLDER, ignore_errors=True)
    os.makedirs(FOLDER)
    data, ours = continuum_result()
    day = ours["found_on"][0]["found_on"]
    found, x = reference(data, day)
    managed = found.case_managed == 1
    if ours["cases"] != int(managed.sum()) or ours["comparison_patients"] != int((~managed).sum()):
        failures.append(f"patients: continuum {ours['cases']} cases and {ours['comparison_patients']}"
                        f" comparison, reference {int(managed.sum())} and {int((~managed).sum())}")
    for row in ours["outcomes"]:
        o = row["outcome"]
        for group, mask in (("cases", managed), ("comparison", ~managed)):
            g = found[mask]
            close(f"{o} {group}_baseline", row[f"{group}_baseline"],
                  g[f"baseline_{o}"].sum() / g.baseline_years.sum(), 1e-9)
            close(f"{o} {group}_follow_up", row[f"{group}_follow_up"],
                  g[f"follow_{o}"].sum() / g.follow_years.sum(), 1e-9)
        fit = sm.GLM(found[f"follow_{o}"], x, family=sm.families.Poisson(),
                     offset=np.log(found.follow_years)).fit(cov_type="HC0", tol=1e-12)
        close(f"{o} rate ratio", row["rate_ratio"], float(np.exp(fit.params["case_managed"])), 1e-6)
        close(f"{o} standard error", row["std_error_log"], float(fit.bse["case_managed"]), 1e-6)
    shutil.rmtree(FOLDER, ignore_errors=True)
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"case management agrees with pandas and statsmodels on {len(found)} patients")


main()
