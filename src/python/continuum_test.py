"""The Python package against the files it was imported from, pandas and the command line.

On a generated ICO: ws.events() holds every row of activity.csv with the same ids, patients,
dates, settings, providers, codes, stays, quantities and costs (pounds to pence), with proper
dtypes and the columns that need no conversion lent without a copy; ws.patients() every row of
patients.csv and deaths.csv; continuum.spc() the same figures as `continuum spc --csv` on the
same series; and errors arrive as continuum's exceptions with its messages.

Run by CTest: python3 -P continuum_test.py path/to/continuum scratch/folder, with PYTHONPATH the
build's python/ (-P keeps this folder, which holds the package's sources, off the path)"""
import io
import os
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd

import continuum

BINARY, SCRATCH = sys.argv[1], sys.argv[2]
FOLDER = os.path.join(SCRATCH, f"python_package_{os.getpid()}")
failures = []


def check(what, condition):
    if not condition:
        failures.append(what)


def run(*args):
    return subprocess.run([BINARY, *args], check=True, capture_output=True, text=True).stdout


def main():
    shutil.rmtree(FOLDER, ignore_errors=True)
    data, workspace = os.path.join(FOLDER, "ico"), os.path.join(FOLDER, "ico.db")
    run("generate", "--out", data, "--patients", "3000", "--practices", "3", "--years", "2")
    run("import", data, "--workspace", workspace)

    ws = continuum.open(workspace)
    events = ws.events()
    activity = pd.read_csv(os.path.join(data, "activity.csv"), dtype={"specialty": str,
                           "diagnosis": str, "procedure": str, "medicine": str})
    check(f"{len(events)} events, {len(activity)} rows", len(events) == len(activity))
    theirs = activity.sort_values("event_id").reset_index(drop=True)
    ours = events.sort_values("event_id").reset_index(drop=True)
    check("event ids", (ours["event_id"].to_numpy() == theirs["event_id"].to_numpy()).all())
    check("patients", (ours["patient_id"].to_numpy() == theirs["patient_id"].to_numpy()).all())
    check("dates", (ours["date"] == pd.to_datetime(theirs["date"])).all())
    check("settings", (ours["setting"].astype(str) == theirs["setting"]).all())
    check("providers", (ours["provider"].astype(str) == theirs["provider_id"]).all())
    for column in ("specialty", "diagnosis", "procedure", "medicine"):
        same = ours[column].astype(object).fillna("") == theirs[column].fillna("")
        check(f"{column} codes ({ours[column].notna().sum()} given)", same.all())
    stay = theirs["length_of_stay"]
    check("stays", (ours["length_of_stay"].isna() == stay.isna()).all() and
          (ours["length_of_stay"].dropna().astype(int).to_numpy() ==
           stay.dropna().astype(int).to_numpy()).all())
    check("quantities", (ours["quantity"].to_numpy() == theirs["quantity"].to_numpy()).all())
    pence = (theirs["cost"] * 100).round()
    check("unknown costs", (ours["cost_pence"].isna() == pence.isna()).all())
    check("costs", (ours["cost_pence"].dropna().astype(np.int64).to_numpy() ==
                    pence.dropna().astype(np.int64).to_numpy()).all())
    # Each event's practice is its patient's on the day, from registrations.csv.
    regs = pd.read_csv(os.path.join(data, "registrations.csv"))
    check("every practice is a registered practice",
          set(events["practice"].dropna().astype(str)) <= set(regs["practice_id"]))
    # dtypes: dates, codes as categoricals, nullable integers; ids lent without copying.
    check("date dtype", str(events["date"].dtype) == "datetime64[ns]")
    check("setting dtype", isinstance(events["setting"].dtype, pd.CategoricalDtype))
    check("cost dtype", str(events["cost_pence"].dtype) == "Int32")
    lent = ws._ws.event_columns()["event_id"]
    check("event ids lent, not copied", not lent.flags.owndata)

    patients = ws.patients()
    listed = pd.read_csv(os.path.join(data, "patients.csv"))
    check(f"{len(patients)} patients, {len(listed)} rows", len(patients) == len(listed))
    p = patients.set_index("patient_id").loc[listed["patient_id"]]
    check("birth dates", (p["birth_date"].to_numpy() ==
                          pd.to_datetime(listed["birth_date"]).to_numpy()).all())
    check("sex", (p["sex"].astype(str).to_numpy() == listed["sex"].to_numpy()).all())
    check("lsoa", (p["lsoa"].astype(str).to_numpy() == listed["lsoa"].to_numpy()).all())
    check("imd", (p["imd_decile"].to_numpy() == listed["imd_decile"].to_numpy()).all())
    deaths = pd.read_csv(os.path.join(data, "deaths.csv"))
    dead = patients.dropna(subset=["death_date"]).set_index("patient_id")
    check(f"{len(dead)} deaths, {len(deaths)} rows", len(dead) == len(deaths))
    check("death dates", (dead.loc[deaths["patient_id"], "death_date"].to_numpy() ==
                          pd.to_datetime(deaths["date"]).to_numpy()).all())

    # SPC: monthly emergency admissions per practice, by the package and by the command line.
    monthly = events[events["setting"] == "emergency"].groupby(
        [events["practice"].astype(str), events["date"].dt.to_period("M")]).size()
    series = monthly.rename("value").reset_index()
    series.columns = ["series_id", "date", "value"]
    series["date"] = series["date"].dt.to_timestamp()
    series["improvement_direction"] = "decrease"
    step = pd.DataFrame({"series_id": "step", "date": pd.date_range("2023-04-01", periods=24,
                                                                       freq="MS"),
                         "value": [10.0, 11, 9, 10, 12, 10, 11, 9, 10, 11, 10, 9] + [20.0] * 12,
                         "improvement_direction": "increase"})
    series = pd.concat([series, step], ignore_index=True)
    frame = continuum.spc(series)
    path = os.path.join(FOLDER, "series.csv")
    series.assign(date=series["date"].dt.strftime("%Y-%m-%d")).to_csv(path, index=False)
    out = subprocess.run([BINARY, "spc", "--input", path, "--csv"], check=True,
                         capture_output=True, text=True).stdout
    cli = pd.read_csv(io.StringIO(out), keep_default_na=False,
                      dtype={"series_id": str, "rule": str})
    check(f"spc rows {len(frame)} vs {len(cli)}", len(frame) == len(cli))
    for column in ("mean", "lower_limit", "upper_limit", "value"):
        check(f"spc {column}", np.allclose(frame[column].to_numpy(), cli[column].to_numpy(),
                                           rtol=1e-15, atol=0))
    check("spc special causes", (frame["special_cause"].astype(str) == cli["special_cause"]).all())
    check("spc rules", (frame["rule"].astype(str) == cli["rule"]).all())
    check("spc signals something", (frame["special_cause"] != "none").any())

    # Errors: Continuum's messages as its exceptions.
    try:
        continuum.open(os.path.join(FOLDER, "missing.db"))
        failures.append("a missing workspace opened")
    except continuum.NotFound as e:
        check(f"not found message: {e}", "missing.db" in str(e))
    try:
        continuum.spc(series.assign(improvement_direction="upwards"))
        failures.append("a bad direction was accepted")
    except ValueError as e:
        check("InvalidInput is a ValueError and a continuum.Error",
              isinstance(e, continuum.InvalidInput) and isinstance(e, continuum.Error))
        check(f"direction message: {e}", "upwards" in str(e))
    try:
        continuum.spc(series.iloc[:1])
        failures.append("a one-point series was charted")
    except continuum.InvalidInput as e:
        check(f"one point message: {e}", "rest on 1 point" in str(e))

    shutil.rmtree(FOLDER, ignore_errors=True)
    print(f"{len(events)} events, {len(patients)} patients, {len(frame)} SPC points")
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
