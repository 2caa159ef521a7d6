"""The Python package against the files it was imported from, pandas and the command line.

On a generated ICO: ws.events() holds every row of activity.csv with the same ids, patients,
dates, settings, providers, codes, stays, quantities and costs (pounds to pence), with proper
dtypes and the columns that need no conversion lent without a copy; ws.patients() every row of
patients.csv and deaths.csv; continuum.spc() the same figures as `continuum spc --csv` on the
same series; and errors arrive as continuum's exceptions with its messages.

Run by CTest: python3 -P continuum_test.py path/to/continuum scratch/folder, with PYTHONPATH the
build's python/ (-P keeps this folder, which holds the package's sources, off the path)"""
import io
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd

import continuum

BINARY, SCRATCH = sys.argv[1], sys.argv[2]
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FOLDER = os.path.join(SCRATCH, f"python_package_{os.getpid()}")
failures = []


def check(what, condition):
    if not condition:
        failures.append(what)


def run(*args):
    return subprocess.run([BINARY, *args], check=True, capture_output=True, text=True).stdout


def same(what, ours, theirs):
    """A frame's cell against the JSON's figure: equal numbers, equal text, missing for null."""
    if theirs is None:
        check(f"{what}: {ours!r} for null", pd.isna(ours))
    elif isinstance(theirs, bool):
        check(f"{what}: {ours!r} vs {theirs!r}", bool(ours) == theirs)
    elif isinstance(theirs, (int, float)):
        check(f"{what}: {ours!r} vs {theirs!r}", not pd.isna(ours) and float(ours) == float(theirs))
    elif isinstance(ours, pd.Timestamp):
        check(f"{what}: {ours!r} vs {theirs!r}", ours == pd.Timestamp(theirs))
    else:
        check(f"{what}: {ours!r} vs {theirs!r}", str(ours) == str(theirs))


def cli_json(*args):
    return json.loads(run(*args))


def check_reports(ws, workspace):
    """Each report's frames against the command line's --json with the same choices, figure for
    figure, walked here table by table."""
    w = ["--workspace", workspace]
    quality = ws.quality(indicators=["diabetes_hba1c", "acsc_emergency_admissions"])
    theirs = cli_json("quality", *w, "--indicator", "diabetes_hba1c", "--indicator",
                      "acsc_emergency_admissions", "--json")
    rows = [(i["id"], u) for i in theirs["indicators"] for u in i["practices"]]
    check(f"quality units {len(quality.units)} vs {len(rows)}", len(quality.units) == len(rows))
    for (indicator, u), (_, row) in zip(rows, quality.units.iterrows()):
        same("quality indicator", row["indicator"], indicator)
        same("quality unit", row["id"], u["id"])
        if u.get("estimate"):
            for k in ("value", "lower", "upper"):
                same(f"quality {indicator} {u['id']} {k}", row[f"estimate_{k}"], u["estimate"][k])
    months = [(i["id"], u["id"], m) for i in theirs["indicators"] for u in i["practices"]
              for m in u["months"]]
    check("quality months", len(quality.months) == len(months))
    for (indicator, unit, m), (_, row) in zip(months, quality.months.iterrows()):
        same("month", row["month"], m["month"] + "-01")
        same(f"{indicator} {unit} {m['month']}", row["value"], m["value"])
        same("signals", row["signals"], m.get("signals"))
    check("quality month dtype", str(quality.months["month"].dtype) == "datetime64[ns]")

    risk = ws.risk(top=30)
    theirs = cli_json("risk", *w, "--top", "30", "--json")
    check("risk cases", len(risk.cases) == len(theirs["cases"]) == 30)
    for c, (_, row) in zip(theirs["cases"], risk.cases.iterrows()):
        same("case patient", row["patient_id"], c["patient_id"])
        same("case probability", row["probability"], c["probability"])
    for c, (_, row) in zip(theirs["model"]["coefficients"], risk.coefficients.iterrows()):
        same(f"coefficient {c['column']}", row["log_odds"], c["log_odds"])
    for d, (_, row) in zip(theirs["validation"]["deciles"], risk.deciles.iterrows()):
        same("decile admitted", row["admitted"], d["admitted"])
        same("decile predicted", row["mean_predicted"], d["mean_predicted"])

    pathways = ws.pathways()
    theirs = cli_json("pathways", *w, "--json")
    units = [(p["id"], u) for p in theirs["pathways"] for u in p["units"]]
    check("pathway units", len(pathways.units) == len(units))
    for (pathway, u), (_, row) in zip(units, pathways.units.iterrows()):
        same("pathway", row["pathway"], pathway)
        same(f"{pathway} {u['id']} episodes", row["episodes"], u["episodes"])
        same(f"{pathway} {u['id']} adherence", row["adherence_value"], u["adherence"]["value"])
    worklist = ws.pathways(worklist=True)
    theirs = cli_json("pathways", *w, "--worklist", "--json")
    check("worklist rows", len(worklist.worklist) == len(theirs["worklist"]))

    selection = ws.selection()
    theirs = cli_json("selection", *w, "--json")
    check("selection measures", len(selection.measures) == len(theirs["measures"]) == 9)
    for m, (_, row) in zip(theirs["measures"], selection.measures.iterrows()):
        for k in ("ico", "measure", "effect", "ci_low", "ci_high", "p_value", "q_value", "alert"):
            same(f"selection {m['measure']} {k}", row[k], m[k])
    only = ws.selection(outside_budget=["social_care"])
    theirs = cli_json("selection", *w, "--outside-budget", "social_care", "--json")
    outside = [m for m in theirs["measures"] if m["measure"] == "outside_budget"][0]
    same("outside budget, social care only",
         only.measures.set_index("measure").loc["outside_budget", "effect"], outside["effect"])

    # The demo's plan, with a caliper wide enough for this small ICO's three controls.
    with open(os.path.join(SOURCE, "data", "evaluation", "nelson_vale_plan.json")) as f:
        written = json.load(f)
    written["comparison"]["caliper"] = 10
    plan = os.path.join(FOLDER, "plan.json")
    with open(plan, "w") as f:
        json.dump(written, f)
    evaluation = ws.evaluation(plan)
    panels = os.path.join(FOLDER, "panels")
    theirs = cli_json("evaluate", "--plan", plan, *w, "--json", "--panels", panels)
    check("evaluation outcomes", len(evaluation.outcomes) == len(theirs["outcomes"]))
    for o, (_, row) in zip(theirs["outcomes"], evaluation.outcomes.iterrows()):
        same("outcome", row["outcome"], o["outcome"])
        if "programme" in o:
            for k in ("estimate", "ci_low", "ci_high"):
                same(f"{o['outcome']} {k}", row[f"programme_{k}"], o["programme"][k])
    cases = theirs["case_management"]["outcomes"]
    for o, (_, row) in zip(cases, evaluation.case_management.iterrows()):
        same(f"case management {o['outcome']}", row["rate_ratio"], o["rate_ratio"])
    panel = os.path.join(panels, "cost_per_head.csv")
    ours = continuum.evaluate_panel(panel, replicates=199, seed=7)
    theirs = cli_json("evaluate", "--panel", panel, "--replicates", "199", "--seed", "7", "--json")
    check("panel estimates", len(ours.estimates) == len(theirs["estimates"]))
    for e, (_, row) in zip(theirs["estimates"], ours.estimates.iterrows()):
        for k in ("estimand", "estimate", "ci_low", "ci_high"):
            same(f"panel {e['estimand']} {k}", row[k], e[k])
    try:
        continuum.evaluate_panel(panel, replicates=10)
        failures.append("10 replicates were accepted")
    except continuum.InvalidInput as e:
        check(f"replicates message: {e}", "too few" in str(e))

    monitor = ws.monitor(month="2024-09")
    theirs = cli_json("monitor", *w, "--month", "2024-09", "--json")
    check("monitor months", len(monitor.months) == len(theirs["months"]) == 12)
    for m, (_, row) in zip(theirs["months"], monitor.months.iterrows()):
        for k in ("actual_pence", "budget_pence", "forecast_pence"):
            same(f"monitor {m['month']} {k}", row[k], m[k])
    check("pence dtype", str(monitor.months["actual_pence"].dtype) == "Int64")
    for s, (_, row) in zip(theirs["by_setting"], monitor.by_setting.iterrows()):
        same(f"monitor {s['name']}", row["actual_to_date_pence"], s["actual_to_date_pence"])
    try:
        ws.monitor(contract=os.path.join(FOLDER, "none.json"))
        failures.append("a missing contract file was read")
    except continuum.NotFound as e:
        check(f"contract message: {e}", "none.json" in str(e))


def main():
    shutil.rmtree(FOLDER, ignore_errors=True)
    data, workspace = os.path.join(FOLDER, "ico"), os.path.join(FOLDER, "ico.db")
    run("generate", "--out", data, "--patients", "6000", "--practices", "3",
        "--control-practices", "3", "--years", "3")
    run("import", data, "--workspace", workspace)
    run("contract", "add", os.path.join(SOURCE, "data", "contracts", "nelson_vale.json"),
        "--workspace", workspace)

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
    # Lent columns are read-only: a frame cannot change what the engine holds for every report.
    before = ws.selection().measures["effect"].to_numpy()
    for column, value in (("cost_pence", 0), ("quantity", 50), ("setting", "gp")):
        try:
            events.loc[events.index[:100], column] = value
            failures.append(f"{column} of a lent frame was changed")
        except ValueError as e:
            check(f"read-only message: {e}", "read-only" in str(e))
    own = ws.events(copy=True)
    own.loc[own["setting"] == "emergency", "cost_pence"] = 0
    check("a copy changes freely, and nothing else does",
          np.array_equal(ws.selection().measures["effect"].to_numpy(), before, equal_nan=True) and
          (ws.events()["cost_pence"].fillna(0) != 0).any())
    check("practice categories are practices",
          set(events["practice"].cat.categories) <= set(regs["practice_id"]))

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
    check("spc sides", ((frame["side"] != "") == (frame["special_cause"] != "none")).all())
    # Dates in a time zone are charted on their own calendar day.
    zoned = step.assign(date=step["date"].dt.tz_localize("Europe/London"))
    check("zoned dates keep their day",
          (continuum.spc(zoned)["date"].to_numpy() == step["date"].to_numpy()).all())
    check("series ids come back as given", continuum.spc(
        step.assign(series_id=7))["series_id"].tolist() == [7] * len(step))

    check_reports(ws, workspace)

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
        check(f"one point message: {e}", "has 1 point" in str(e))
    for bad, words in ((step.assign(date=pd.NaT), "no date"),
                       (step.assign(value=np.nan), "not a finite number"),
                       (step.assign(date="2024-02-30"), "not a date")):
        try:
            continuum.spc(bad)
            failures.append(f"spc accepted a frame with {words}")
        except continuum.InvalidInput as e:
            check(f"spc message {e}", words in str(e))
    for kwargs in ({"baseline": -1}, {"rules": None}, {"baseline": 2.5}):
        try:
            continuum.spc(step, **kwargs)
            failures.append(f"spc accepted {kwargs}")
        except continuum.InvalidInput:
            pass

    shutil.rmtree(FOLDER, ignore_errors=True)
    print(f"{len(events)} events, {len(patients)} patients, {len(frame)} SPC points")
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
