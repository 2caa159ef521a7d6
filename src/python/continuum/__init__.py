"""Continuum for analysts: a workspace's data and reports as pandas DataFrames.

    import continuum
    ws = continuum.open("demo/workspace.db")
    events = ws.events()        # one row per activity event
    patients = ws.patients()    # one row per patient
    chart = continuum.spc(frame)  # SPC for any series, as `continuum spc`

Dates are datetime64[ns], money integer pence, codes categoricals; the columns that need no
conversion are handed over from the engine without copying. Errors are continuum.Error (and its
kinds InvalidInput, a ValueError, and NotFound, a LookupError) with Continuum's messages.
docs/python.md has a worked example."""
import builtins
import json
import os

import numpy as np
import pandas as pd

from continuum._continuum import Error, InvalidInput, NotFound
from continuum._continuum import Workspace as _Workspace
from continuum._continuum import panel_evaluation_json as _panel_evaluation_json
from continuum._continuum import spc_json as _spc_json

__all__ = ["open", "spc", "evaluate_panel", "Workspace", "Report", "Error", "InvalidInput",
           "NotFound"]

# Columns that hold codes or ids: categoricals.
_CODE_COLUMNS = {"ico", "practice", "id", "indicator", "measure", "setting", "band", "kind", "group",
                 "condition", "unit", "pathway", "step", "sex", "adverse", "position", "signals",
                 "variation", "assurance", "provider", "polarity", "spc_rules", "special_cause",
                 "rule"}
# Columns that hold days (YYYY-MM-DD) or months (YYYY-MM): datetime64.
_DATE_COLUMNS = {"date", "from", "to", "as_of", "month", "start", "end", "day", "index_day",
                 "list_day", "entered", "due", "done"}
_CODE_SUFFIXES = ("_id", "_position", "_variation", "_assurance", "_kind", "_band")


def _flatten(record, prefix="", out=None):
    """One JSON object as flat columns: nested objects joined with "_", a pair of numbers as
    _low and _high, other lists left to tables of their own."""
    out = {} if out is None else out
    if not isinstance(record, dict):  # a list of plain values (warnings): one column
        out[prefix + "value" if prefix else "value"] = record
        return out
    for key, value in record.items():
        name = prefix + key
        if isinstance(value, dict):
            _flatten(value, name + "_", out)
        elif isinstance(value, list):
            if len(value) == 2 and all(isinstance(v, (int, float)) or v is None for v in value):
                out[name + "_low"], out[name + "_high"] = value
            elif all(not isinstance(v, (dict, list)) for v in value):
                out[name] = ";".join(str(v) for v in value)
        else:
            out[name] = value
    return out


def _records(data, path, carry):
    """The records at `path` (keys into objects; a list is walked, an object is one record), each
    with the fields `carry` names from the records above it ({level: {field: column}})."""
    rows = []

    def walk(node, depth, context):
        if depth == len(path):
            for item in node if isinstance(node, list) else [node]:
                rows.append({**context, **_flatten(item)})
            return
        key = path[depth]
        child = node.get(key) if isinstance(node, dict) else None
        if child is None:
            return
        if depth + 1 < len(path):
            for item in child if isinstance(child, list) else [child]:
                more = {column: item.get(field) for field, column in carry.get(key, {}).items()}
                walk(item, depth + 1, {**context, **more})
        else:
            walk(child, depth + 1, context)

    walk(data, 0, {})
    return rows


def _typed(frame):
    """Dates as datetime64, pence as nullable integers, codes as categoricals."""
    for column in frame.columns:
        values = frame[column]
        if values.dtype != object:
            if column.endswith("_pence"):
                frame[column] = values.astype("Int64")
            continue
        if column in _DATE_COLUMNS or column.endswith("_day") or column.endswith("_date"):
            text = values.dropna().astype(str)
            if len(text) and text.str.fullmatch(r"\d{4}-\d{2}(-\d{2})?").all():
                frame[column] = pd.to_datetime(values)
                continue
        if column.endswith("_pence"):
            frame[column] = values.astype("Int64")
        elif column in _CODE_COLUMNS or column == "name" or column.endswith(_CODE_SUFFIXES):
            frame[column] = values.astype("category")
    # A figure that is null where it has no parts ("estimate": null beside estimate_value).
    for column in list(frame.columns):
        if frame[column].isna().all() and any(c.startswith(column + "_") for c in frame.columns):
            frame = frame.drop(columns=column)
    return frame


class Report:
    """A report's tables as DataFrames, by name (report.measures, report["measures"]), and its
    whole JSON as the command line's --json gives it (report.data)."""

    def __init__(self, name, data, tables):
        self.name = name
        self.data = data
        self.tables = {}
        for table, (path, carry) in tables.items():
            self.tables[table] = _typed(pd.DataFrame(_records(data, path, carry)))

    def __getattr__(self, table):
        tables = self.__dict__.get("tables", {})
        if table in tables:
            return tables[table]
        raise AttributeError(f"{self.__dict__.get('name', 'report')} has no table {table}; "
                             f"its tables are {', '.join(tables)}")

    def __getitem__(self, table):
        return self.tables[table]

    def __repr__(self):
        shapes = ", ".join(f"{k} ({len(v)} rows)" for k, v in self.tables.items())
        return f"<continuum {self.name} report: {shapes}>"


# Each report's tables: a path into its JSON and the fields carried down from the levels above.
_QUALITY = {
    "units": (["indicators", "practices"], {"indicators": {"id": "indicator"}}),
    "ico": (["indicators", "ico"], {"indicators": {"id": "indicator"}}),
    "months": (["indicators", "practices", "months"],
               {"indicators": {"id": "indicator"}, "practices": {"id": "id"}}),
    "indicators": (["indicators"], {}),
}
_RISK = {
    "cases": (["cases"], {}),
    "coefficients": (["model", "coefficients"], {}),
    "deciles": (["validation", "deciles"], {}),
    "top": (["validation", "top"], {}),
    "validation_bands": (["validation", "bands"], {}),
    "pyramid": (["pyramid", "practices", "bands"], {"practices": {"practice": "practice"}}),
}
_PATHWAYS = {
    "units": (["pathways", "units"], {"pathways": {"id": "pathway"}}),
    "steps": (["pathways", "units", "steps"], {"pathways": {"id": "pathway"},
                                               "units": {"id": "unit"}}),
    "pathways": (["pathways"], {}),
}
_WORKLIST = {"worklist": (["worklist"], {})}
_SELECTION = {
    "measures": (["measures"], {}),
    "exits_by_need_decile": (["exits_by_need_decile"], {}),
    "registers": (["registers"], {}),
    "alerts": (["alerts"], {}),
}
_EVALUATION = {
    "outcomes": (["outcomes"], {}),
    "event_study": (["outcomes", "event_study"], {"outcomes": {"outcome": "outcome"}}),
    "balance": (["balance"], {}),
    "pilots": (["pilots"], {}),
    "periods": (["periods"], {}),
    "case_management": (["case_management", "outcomes"], {}),
    "case_balance": (["case_management", "balance"], {}),
    "warnings": (["warnings"], {}),
}
_PANEL = {
    "estimates": (["estimates"], {}),
    "groups": (["groups"], {}),
    "pre_trend": (["pre_trend"], {}),
    "two_by_two": (["two_by_two"], {}),
    "two_way_fixed_effects": (["two_way_fixed_effects", "coefficients"], {}),
    "warnings": (["warnings"], {}),
}
_MONITOR = {
    "months": (["months"], {}),
    "by_setting": (["by_setting"], {}),
    "by_provider": (["by_provider"], {}),
    "by_practice": (["by_practice"], {}),
    "by_condition_group": (["by_condition_group"], {}),
}


def _categorical(codes, categories):
    """Codes (with -1 for none) over the category names, without checking each code again."""
    dtype = pd.CategoricalDtype(categories=pd.Index(categories, dtype=object), ordered=False)
    return pd.Categorical.from_codes(np.asarray(codes), dtype=dtype)


def _dates(ticks):
    return ticks.view("datetime64[ns]")


def _text(value, name):
    """An argument given as text (a date, month or year as str, date, datetime or Timestamp)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (pd.Timestamp, np.datetime64)) or hasattr(value, "isoformat"):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_localize(None)
        return stamp.strftime("%Y-%m-%d")
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise InvalidInput(f"{name}: {value!r} is not a date, month or year (give text such as "
                       "'2024-09-30', '2024-09' or '2024-25', or a date)")


def _month(value, name):
    text = _text(value, name)
    return text[:7] if len(text) == 10 and not isinstance(value, str) else text


def _names(value, name):
    """A list of names: one name given alone is a list of one."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    try:
        return [str(v) for v in value]
    except TypeError:
        raise InvalidInput(f"{name}: {value!r} is not a name or a list of names") from None


def _count(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise InvalidInput(f"{name}: {value!r} is not a whole number of 0 or more")
    return int(value)


def _year(value):
    """A financial year for quality: 2024, "2024" or "2024-25"; 0 for the default."""
    if value is None or value == "":
        return 0
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 4 and text.isdigit():
            return int(text)
        if len(text) == 7 and text[:4].isdigit() and text[4] == "-" and text[5:].isdigit() \
                and (int(text[:4]) + 1) % 100 == int(text[5:]):
            return int(text[:4])
    raise InvalidInput(f"year: {value!r} is not a financial year such as 2024 or '2024-25'")


class Workspace:
    """A workspace opened read-only, its engine loaded once (from its snapshot when current)."""

    def __init__(self, path):
        self._ws = _Workspace(str(path))

    @property
    def path(self):
        return self._ws.path

    def events(self, copy=False):
        """Every activity event: event_id, patient_id, date, setting, practice, provider,
        specialty, diagnosis (ICD-10), procedure (OPCS-4), length_of_stay (nullable, admissions),
        quantity, cost_pence (nullable, unknown costs missing) and medicine (BNF).

        The columns that need no conversion are lent from the engine, read-only: assigning to
        them raises ValueError (assignment destination is read-only). copy=True, or .copy(),
        gives a frame of one's own to change."""
        c = self._ws.event_columns()
        cats = c["categories"]
        stay = c["length_of_stay"]
        cost = c["cost_pence"]
        frame = pd.DataFrame({
            "event_id": c["event_id"],
            "patient_id": c["patient_id"],
            "date": _dates(c["date"]),
            "setting": _categorical(c["setting"], cats["setting"]),
            "practice": _categorical(c["practice"], cats["practice"]),
            "provider": _categorical(c["provider"], cats["provider"]),
            "specialty": _categorical(c["specialty"], cats["specialty"]),
            "diagnosis": _categorical(c["diagnosis"], cats["diagnosis"]),
            "procedure": _categorical(c["procedure"], cats["procedure"]),
            "length_of_stay": pd.arrays.IntegerArray(stay, stay == c["no_stay"]),
            "quantity": c["quantity"],
            "cost_pence": pd.arrays.IntegerArray(cost, cost == c["no_cost"]),
            "medicine": _categorical(c["medicine"], cats["medicine"]),
        }, copy=False)
        return frame.copy() if copy else frame

    def patients(self, copy=False):
        """Every patient: patient_id, birth_date, sex, imd_decile, lsoa, death_date (NaT while
        alive), death_place and preferred_place. Read-only where lent, as events()."""
        c = self._ws.patient_columns()
        cats = c["categories"]
        frame = pd.DataFrame({
            "patient_id": c["patient_id"],
            "birth_date": _dates(c["birth_date"]),
            "sex": _categorical(c["sex"], cats["sex"]),
            "imd_decile": c["imd_decile"],
            "lsoa": _categorical(c["lsoa"], cats["lsoa"]),
            "death_date": _dates(c["death_date"]),
            "death_place": _categorical(c["death_place"], cats["death_place"]),
            "preferred_place": _categorical(c["preferred_place"], cats["preferred_place"]),
        }, copy=False)
        return frame.copy() if copy else frame

    def quality(self, ico="", year=None, indicators=(), definitions=(), commissioner="",
                overdispersion=False):
        """`continuum quality --json`: tables units (each indicator by practice), ico, months
        (each practice's monthly values and SPC signals) and indicators."""
        text = self._ws.quality_json(ico, commissioner, _year(year),
                                     _names(indicators, "indicators"),
                                     _names(definitions, "definitions"), bool(overdispersion))
        return Report("quality", json.loads(text), _QUALITY)

    def risk(self, ico="", year="", practice="", model="", top=20):
        """`continuum risk --json`: tables cases (the case-finding list), coefficients,
        deciles, top and validation_bands (the validation), pyramid (by practice)."""
        text = self._ws.risk_json(ico, _text(year, "year"), practice, _text(model, "model"),
                                  _count(top, "top"))
        return Report("risk", json.loads(text), _RISK)

    def pathways(self, pathway="", ico="", practice="", year="", start="", end="", as_of="",
                 definitions=(), worklist=False):
        """`continuum pathways --json`: tables units (adherence by ICO and practice), steps and
        pathways; with worklist=True the table worklist of overdue steps."""
        text = self._ws.pathways_json(_names(definitions, "definitions"), pathway, practice, ico,
                                      _text(year, "year"), _text(start, "start"),
                                      _text(end, "end"), _text(as_of, "as_of"), bool(worklist))
        return Report("pathways", json.loads(text), _WORKLIST if worklist else _PATHWAYS)

    def selection(self, ico="", commissioner="", start="", end="", outside_budget=None,
                  tariffs=(), reprice=False):
        """`continuum selection --json`: tables measures (effect, interval, p, q, alert),
        exits_by_need_decile, registers and alerts. outside_budget: setting codes."""
        settings = None if outside_budget is None else (
            outside_budget if isinstance(outside_budget, str) else ",".join(outside_budget))
        text = self._ws.selection_json(ico, commissioner, _text(start, "start"),
                                       _text(end, "end"), settings, _names(tariffs, "tariffs"),
                                       bool(reprice))
        return Report("selection", json.loads(text), _SELECTION)

    def monitor(self, contract="", ico="", year="", month="", top=8, tariffs=(), reprice=False):
        """`continuum monitor --json`: spend against the contract's budget (a contract file, or
        the workspace's in force for ico and year) to month; tables months, by_setting,
        by_provider, by_practice, by_condition_group."""
        if contract and (ico or year):
            raise InvalidInput("monitor: contract= is a file to try, and ico= and year= choose "
                               "the workspace's stored contract; give one or the other")
        text = self._ws.monitor_json(str(contract or ""), ico, _text(year, "year"),
                                     _month(month, "month"), _count(top, "top"),
                                     _names(tariffs, "tariffs"), bool(reprice))
        return Report("monitor", json.loads(text), _MONITOR)

    def evaluation(self, plan):
        """`continuum evaluate --plan PLAN --json`: tables outcomes (each outcome's programme
        estimate, interval and summary), event_study, balance, pilots, periods,
        case_management and case_balance (the case-managed patients), warnings."""
        text = self._ws.plan_evaluation_json(_text(plan, "plan"))
        return Report("evaluation", json.loads(text), _EVALUATION)

    def __repr__(self):
        return f"continuum.Workspace({self.path!r})"


def open(path):  # noqa: A001 - the package's entry point, as in the docs
    """Opens the workspace at `path` read-only."""
    return Workspace(path)


_EPOCH = np.datetime64("1970-01-01", "D")


def evaluate_panel(panel, comparison="never_treated", replicates=999, seed=20090401):
    """`continuum evaluate --panel --json`: a panel (a DataFrame, or the path of a CSV file) with
    the columns unit, cluster, period, first_treated, outcome and any numeric covariates; tables
    estimates (every estimand: ATT(g, t), the groups, the event study, the overall effect),
    groups, pre_trend, two_way_fixed_effects, two_by_two and warnings."""
    if isinstance(panel, pd.DataFrame):
        text, name = panel.to_csv(index=False, lineterminator="\n"), "panel"
    else:
        path = str(panel)
        try:
            with builtins.open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            raise NotFound(f"{path}: {e.strerror}") from None
        name = os.path.basename(path)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidInput(f"seed: {seed!r} is not a whole number of 0 or more")
    report = _panel_evaluation_json(text, name, str(comparison), _count(replicates, "replicates"),
                                    int(seed))
    return Report("panel evaluation", json.loads(report), _PANEL)


def _days(column, what):
    """Dates as days since 1970-01-01: text, dates or timestamps, a zoned time taken on its own
    calendar day; InvalidInput naming the row for one that is not a date."""
    try:
        stamps = pd.to_datetime(column, errors="raise")
    except (ValueError, TypeError, OverflowError) as e:
        bad = pd.to_datetime(column, errors="coerce").isna() & column.notna()
        label = column.index[np.flatnonzero(bad.to_numpy())[0]] if bad.any() else "?"
        raise InvalidInput(f"{what}, row {label}: {column.get(label)!r} is not a date ({e})") from None
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    if stamps.isna().any():
        label = stamps.index[np.flatnonzero(stamps.isna().to_numpy())[0]]
        raise InvalidInput(f"{what}, row {label}: no date; every point needs one")
    return (stamps.values.astype("datetime64[D]") - _EPOCH).astype(np.int64)


def spc(frame, rebase=None, rules="ptd", baseline=None):
    """SPC for any series, as `continuum spc --json`: `frame` has the columns series_id, date,
    value and optionally improvement_direction; `rebase` the columns series_id, rebase_date;
    rules "ptd" (NHSRplotthedots, the default) or "mdc"; baseline: the first N points of each
    segment set its limits (None: all). Returns one row per point: series_id (as given), date,
    value, mean, lower_limit, upper_limit, special_cause, rule and side (high or low, for a
    signal)."""
    if not isinstance(frame, pd.DataFrame):
        raise InvalidInput(f"spc takes a pandas DataFrame, not {type(frame).__name__}")
    for column in ("series_id", "date", "value"):
        if column not in frame.columns:
            raise InvalidInput(f"the frame has no column {column}; it needs series_id, date, value")
    if not isinstance(rules, str):
        raise InvalidInput(f"rules: {rules!r} is not ptd or mdc")
    points = 0 if baseline is None else _count(baseline, "baseline")
    if points == 1:
        raise InvalidInput("baseline: the limits need at least 2 points")
    ids = frame["series_id"]
    if ids.isna().any() or (ids.astype(str).str.strip() == "").any():
        bad = ids.isna() | (ids.astype(str).str.strip() == "")
        raise InvalidInput(f"row {ids.index[np.flatnonzero(bad.to_numpy())[0]]}: the series_id is "
                           "empty")
    values = pd.to_numeric(frame["value"], errors="coerce")
    bad = values.isna() | ~np.isfinite(values.fillna(0))
    if bad.any():
        label = frame.index[np.flatnonzero(bad.to_numpy())[0]]
        raise InvalidInput(f"row {label}: {frame['value'].get(label)!r} is not a finite number; "
                           "leave out the row of a missing point")
    key = ids.astype(str)
    data = pd.DataFrame({"key": key.to_numpy(), "day": _days(frame["date"], "date"),
                         "value": values.astype(float).to_numpy()}, index=frame.index)
    if "improvement_direction" in frame.columns:
        data["direction"] = frame["improvement_direction"]
    twice = data.duplicated(["key", "day"])
    if twice.any():
        row = data[twice].iloc[0]
        raise InvalidInput(f"row {data.index[np.flatnonzero(twice.to_numpy())[0]]}: series "
                           f"{row['key']!r} already has a point dated "
                           f"{_EPOCH + np.timedelta64(int(row['day']), 'D')}")
    data = data.sort_values(["day"], kind="stable")
    order = list(dict.fromkeys(key))
    original = dict(zip(key, ids))
    groups = {k: g for k, g in data.groupby("key", sort=False)}
    rebases = {}
    if rebase is not None:
        if not isinstance(rebase, pd.DataFrame) or not {"series_id", "rebase_date"} <= set(
                rebase.columns):
            raise InvalidInput("rebase: give a DataFrame with the columns series_id, rebase_date")
        for sid, day in zip(rebase["series_id"].astype(str),
                            _days(rebase["rebase_date"], "rebase_date")):
            if sid not in groups:
                raise InvalidInput(f"rebase: there is no series {sid!r}")
            rebases.setdefault(sid, []).append(int(day))
    directions = []
    for sid in order:
        g = groups[sid]
        given = g["direction"].dropna().unique() if "direction" in g else []
        if len(given) > 1:
            raise InvalidInput(f"series {sid!r} has the improvement directions "
                               f"{', '.join(map(str, given))}; a series has one")
        directions.append(str(given[0]) if len(given) else "increase")
    text = _spc_json(order, directions, [groups[s]["day"].tolist() for s in order],
                     [groups[s]["value"].tolist() for s in order],
                     [sorted(set(rebases.get(s, []))) for s in order], rules, points)
    report = json.loads(text)
    rows = [dict(series_id=s["series_id"], **p) for s in report["series"] for p in s["points"]]
    out = pd.DataFrame(rows, columns=["series_id", "date", "value", "mean", "lower_limit",
                                      "upper_limit", "special_cause", "rule", "side"])
    out["series_id"] = out["series_id"].map(original)
    if isinstance(ids.dtype, pd.CategoricalDtype):
        out["series_id"] = out["series_id"].astype(ids.dtype)
    elif len(out):
        out["series_id"] = out["series_id"].astype(ids.dtype)
    out["date"] = pd.to_datetime(out["date"])
    out["special_cause"] = pd.Categorical(
        out["special_cause"], categories=["improvement", "concern", "neither", "none"])
    out["rule"] = pd.Categorical(out["rule"], categories=[
        "", "outside_limits", "seven_trend", "two_in_three", "seven_one_side"])
    out["side"] = pd.Categorical(out["side"], categories=["", "high", "low"])
    return out
