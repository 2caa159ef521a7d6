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
import json

import numpy as np
import pandas as pd

from continuum._continuum import Error, InvalidInput, NotFound
from continuum._continuum import Workspace as _Workspace
from continuum._continuum import spc_json as _spc_json

__all__ = ["open", "spc", "Workspace", "Error", "InvalidInput", "NotFound"]


def _categorical(codes, categories):
    """Codes (with -1 for none) over the category names, without checking each code again."""
    dtype = pd.CategoricalDtype(categories=pd.Index(categories, dtype=object), ordered=False)
    return pd.Categorical.from_codes(np.asarray(codes), dtype=dtype)


def _dates(ticks):
    return ticks.view("datetime64[ns]")


class Workspace:
    """A workspace opened read-only, its engine loaded once (from its snapshot when current)."""

    def __init__(self, path):
        self._ws = _Workspace(str(path))

    @property
    def path(self):
        return self._ws.path

    def events(self):
        """Every activity event: event_id, patient_id, date, setting, practice, provider,
        specialty, diagnosis (ICD-10), procedure (OPCS-4), length_of_stay (nullable, admissions),
        quantity, cost_pence (nullable, unknown costs missing) and medicine (BNF)."""
        c = self._ws.event_columns()
        cats = c["categories"]
        stay = c["length_of_stay"]
        cost = c["cost_pence"]
        return pd.DataFrame({
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

    def patients(self):
        """Every patient: patient_id, birth_date, sex, imd_decile, lsoa, death_date (NaT while
        alive), death_place and preferred_place."""
        c = self._ws.patient_columns()
        cats = c["categories"]
        return pd.DataFrame({
            "patient_id": c["patient_id"],
            "birth_date": _dates(c["birth_date"]),
            "sex": _categorical(c["sex"], cats["sex"]),
            "imd_decile": c["imd_decile"],
            "lsoa": _categorical(c["lsoa"], cats["lsoa"]),
            "death_date": _dates(c["death_date"]),
            "death_place": _categorical(c["death_place"], cats["death_place"]),
            "preferred_place": _categorical(c["preferred_place"], cats["preferred_place"]),
        }, copy=False)

    def __repr__(self):
        return f"continuum.Workspace({self.path!r})"


def open(path):  # noqa: A001 - the package's entry point, as in the docs
    """Opens the workspace at `path` read-only."""
    return Workspace(path)


_EPOCH = np.datetime64("1970-01-01", "D")


def spc(frame, rebase=None, rules="ptd", baseline=None):
    """SPC for any series, as `continuum spc --json`: `frame` has the columns series_id, date,
    value and optionally improvement_direction; `rebase` the columns series_id, rebase_date.
    Returns one row per point: series_id, date, value, mean, lower_limit, upper_limit,
    special_cause, rule."""
    for column in ("series_id", "date", "value"):
        if column not in frame.columns:
            raise InvalidInput(f"the frame has no column {column}; it needs series_id, date, value")
    days = pd.to_datetime(frame["date"]).values.astype("datetime64[D]")
    data = frame.assign(day=(days - _EPOCH).astype(np.int64))
    if data["value"].isna().any():
        row = int(np.flatnonzero(data["value"].isna().to_numpy())[0])
        raise InvalidInput(f"row {row} has no value; leave out the row of a missing point")
    if data.duplicated(["series_id", "day"]).any():
        row = data[data.duplicated(["series_id", "day"])].iloc[0]
        raise InvalidInput(f"series {row['series_id']} has two points dated "
                           f"{_EPOCH + np.timedelta64(int(row['day']), 'D')}")
    data = data.sort_values(["day"], kind="stable")
    order = list(dict.fromkeys(frame["series_id"].astype(str)))
    groups = {str(k): g for k, g in data.groupby(data["series_id"].astype(str), sort=False)}
    rebases = {}
    if rebase is not None:
        days = pd.to_datetime(rebase["rebase_date"]).values.astype("datetime64[D]")
        for sid, day in zip(rebase["series_id"].astype(str), days):
            if sid not in groups:
                raise InvalidInput(f"rebase: there is no series {sid}")
            rebases.setdefault(sid, []).append(int((day - _EPOCH).astype(np.int64)))
    directions = []
    for sid in order:
        g = groups[sid]
        given = g["improvement_direction"].dropna().unique() if "improvement_direction" in g else []
        if len(given) > 1:
            raise InvalidInput(f"series {sid} has improvement directions {', '.join(given)}; "
                               "a series has one")
        directions.append(str(given[0]) if len(given) else "increase")
    text = _spc_json(order, directions,
                     [groups[s]["day"].tolist() for s in order],
                     [groups[s]["value"].astype(float).tolist() for s in order],
                     [sorted(rebases.get(s, [])) for s in order], rules, baseline or 0)
    report = json.loads(text)
    rows = [dict(series_id=s["series_id"], **p) for s in report["series"] for p in s["points"]]
    out = pd.DataFrame(rows, columns=["series_id", "date", "value", "mean", "lower_limit",
                                      "upper_limit", "special_cause", "rule"])
    out["date"] = pd.to_datetime(out["date"])
    out["special_cause"] = pd.Categorical(
        out["special_cause"], categories=["improvement", "concern", "neither", "none"])
    out["rule"] = pd.Categorical(out["rule"], categories=[
        "", "outside_limits", "seven_trend", "two_in_three", "seven_one_side"])
    return out
