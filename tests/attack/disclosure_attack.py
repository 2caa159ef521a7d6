#!/usr/bin/python3
"""The attacker of docs/security.md's disclosure control, played against a real server.

Signed in as the commissioner's analyst and as an independent evaluator, it fetches every
aggregate answer those roles may have, writes down every count shown and every sum that ties
counts together (an ICO's year as its practices', the commissioner's total as its ICOs' and
control practices', an indicator's eligible as counted plus excluded, a pathway's episodes by
outcome and by each step's state, the same ICO in two answers as one count), and asks an
integer programming solver (SciPy's HiGHS) for the least and the greatest value every withheld
count can take consistent with all of it. The truth comes from the command line's exact reports
of the same workspace (the commissioner's oversight among them); a count from 1 to 7 that the solver pins to one value fails the test, as
does one that is shown at all. It also checks that the answers do not move when a survey
response is recorded, that no risk bound is one patient's value, and that no money of a
scenario divides back into an exact count.

  /usr/bin/python3 tests/attack/disclosure_attack.py build/continuum [--cases tests/cases]
"""
import argparse
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import numpy as np
from scipy.optimize import LinearConstraint, milp

LARGEST_SUPPRESSED = 7
UNBOUNDED = 10**7
PASSWORD = "attacker-test-Pa55"


class Model:
    """Counts as integer variables, what is shown of them as bounds, sums as equalities."""

    def __init__(self):
        self.index = {}
        self.low, self.high = [], []
        self.truth = []
        self.sums = []  # (total, [parts])
        self.shown = {}

    def cell(self, key, shown, truth):
        """A count `key` shown as `shown` (None: withheld) whose exact value is `truth`."""
        if key in self.index:
            i = self.index[key]
            if self.shown[key] != shown:
                raise AssertionError(f"{key} is shown as {self.shown[key]} in one answer and "
                                     f"{shown} in another")
            return i
        i = len(self.low)
        self.index[key] = i
        self.shown[key] = shown
        self.truth.append(truth)
        if shown is None:
            if truth is not None and 1 <= truth <= LARGEST_SUPPRESSED:
                low, high = 1, LARGEST_SUPPRESSED
            else:
                low, high = 0, UNBOUNDED
        elif shown == 0:
            low, high = 0, 0
        else:
            assert shown % 5 == 0 and shown >= 10, f"{key}: {shown} is no controlled count"
            low, high = max(8, shown - 2), shown + 2
        self.low.append(low)
        self.high.append(high)
        return i

    def add_sum(self, total, parts):
        if total in self.index and all(p in self.index for p in parts) and parts:
            t = self.truth[self.index[total]]
            ps = [self.truth[self.index[p]] for p in parts]
            if t is not None and None not in ps and t == sum(ps):
                self.sums.append((self.index[total], [self.index[p] for p in parts]))

    def attack(self):
        """Each withheld count from 1 to 7 with the values it can take: (key, truth, lo, hi)."""
        n = len(self.low)
        if n == 0:
            return []
        a = np.zeros((len(self.sums), n))
        for r, (t, parts) in enumerate(self.sums):
            a[r, t] = -1
            for p in parts:
                a[r, p] += 1
        constraints = [LinearConstraint(a, 0, 0)] if self.sums else []
        bounds = (np.array(self.low, float), np.array(self.high, float))
        from scipy.optimize import Bounds
        results = []
        for key, i in self.index.items():
            truth = self.truth[i]
            if self.shown[key] is not None or truth is None:
                continue
            if not 1 <= truth <= LARGEST_SUPPRESSED:
                continue
            c = np.zeros(n)
            c[i] = 1
            ends = []
            for sign in (1, -1):
                # Without presolve: HiGHS's presolve in SciPy 1.10 calls some of these
                # feasible models infeasible.
                r = milp(sign * c, integrality=np.ones(n), bounds=Bounds(*bounds),
                         constraints=constraints, options={"presolve": False})
                assert r.status == 0, f"the shown figures admit no counts at all ({key}): {r.message}"
                ends.append(round(sign * r.fun))
            results.append((key, truth, ends[0], ends[1]))
        return results


def count(v):
    return None if v is None else int(v)


def add_quality(model, shown, truth, scope, members=None):
    """The quality answer's counts: each unit's period numerator and denominator, the ICO's (or
    the commissioner's) total as the sum of its units', and the coverage."""
    truth_by_id = {i["id"]: i for i in truth["indicators"]}
    for ind in shown["indicators"]:
        real = truth_by_id[ind["id"]]
        units = ind["practices"] + [ind["ico"]]
        real_units = {u["id"]: u for u in real["practices"] + [real["ico"]]}
        person_time = ind["measure"] == "rate"
        for u in units:
            r = real_units[u["id"]]
            model.cell(("q", ind["id"], u["id"], "n"), count(u["numerator"]), round(r["numerator"]))
            if not person_time:
                model.cell(("q", ind["id"], u["id"], "d"), count(u["denominator"]),
                           round(r["denominator"]))
        total = ind["ico"]["id"]
        for q in ("n",) + (() if person_time else ("d",)):
            model.add_sum(("q", ind["id"], total, q), [("q", ind["id"], u["id"], q)
                                                      for u in ind["practices"]])
        cov, real_cov = ind["coverage"], real["coverage"]
        key = lambda f: ("coverage", scope, ind["id"], f)
        for f in ("registered", "eligible", "counted"):
            model.cell(key(f), count(cov[f]), real_cov[f])
        for x, rx in zip(cov["excluded"], real_cov["excluded"]):
            model.cell(key(x["reason"]), count(x["count"]), rx["count"])
        if not person_time:
            model.add_sum(key("eligible"), [key("counted")] + [key(x["reason"])
                                                               for x in cov["excluded"]])


PATHWAY_FIELDS = ["registered", "patients", "episodes", "episodes_on_time", "episodes_breached",
                  "episodes_closed", "episodes_open"]


def add_pathways(model, shown, truth):
    real_by_id = {p["id"]: p for p in truth["pathways"]}
    for path in shown["pathways"]:
        real = {(u["kind"], u["id"]): u for u in real_by_id[path["id"]]["units"]}
        groups = []
        for u in path["units"]:
            r = real[(u["kind"], u["id"])]
            k = lambda *f: ("p", path["id"], u["kind"], u["id"]) + f
            for f in PATHWAY_FIELDS:
                model.cell(k(f), count(u[f]), r[f])
            for x, n in u["excluded"].items():
                model.cell(k("excluded", x), count(n), r["excluded"][x])
            model.add_sum(k("episodes"), [k(f) for f in PATHWAY_FIELDS[3:]])
            for s, (step, rstep) in enumerate(zip(u["steps"], r["steps"])):
                for st, n in step["states"].items():
                    model.cell(k(s, st), count(n), rstep["states"][st])
                model.cell(k(s, "breaches"), count(step["breaches"]), rstep["breaches"])
                model.cell(k(s, "waiting_here"), count(step["waiting_here"]), rstep["waiting_here"])
                model.cell(k(s, "decided"), count(step["adherence"]["denominator"]),
                           rstep["adherence"]["denominator"])
                model.add_sum(k("episodes"), [k(s, st) for st in step["states"]])
                model.add_sum(k(s, "breaches"), [k(s, "met_late"), k(s, "overdue")])
                model.add_sum(k(s, "decided"), [k(s, "met_on_time"), k(s, "met_late"),
                                                k(s, "overdue"), k(s, "not_met")])
            if u["kind"] in ("ico", "control_group"):
                groups.append((u, []))
            elif groups:
                groups[-1][1].append(u)
        for group, members in groups:
            g = lambda *f: ("p", path["id"], group["kind"], group["id"]) + f
            m = lambda u, *f: ("p", path["id"], u["kind"], u["id"]) + f
            fields = [(f,) for f in PATHWAY_FIELDS] + [("excluded", x) for x in group["excluded"]]
            for s, step in enumerate(group["steps"]):
                fields += [(s, st) for st in step["states"]]
                fields += [(s, "breaches"), (s, "waiting_here"), (s, "decided")]
            for f in fields:
                model.add_sum(g(*f), [m(u, *f) for u in members])


def add_oversight(model, shown, truth, measures):
    """The commissioner's oversight: each ICO's list size, joiners and leavers by month and year
    to date (a year to date as the month before's plus the month's; a list as the month before's
    plus joiners less leavers), its quality counts over the year to each month and its pathway
    counts, each tied to the same count in the other answers wherever the two are equal."""
    real_by_id = {i["id"]: i for i in truth["icos"]}
    for ico in shown["icos"]:
        real = real_by_id[ico["id"]]
        before = None
        for m, rm in zip(ico["months"], real["months"]):
            k = lambda *f: ("o", ico["id"], m["month"]) + f
            model.cell(k("registered"), count(m["registered"]), rm["registered"])
            for span in ("turnover_month", "turnover_year_to_date"):
                for f in ("joined", "left"):
                    model.cell(k(span, f), count(m[span][f]), rm[span][f])
            for f in ("joined", "left"):
                parts = [k("turnover_month", f)]
                if before is not None:
                    parts.insert(0, before("turnover_year_to_date", f))
                model.add_sum(k("turnover_year_to_date", f), parts)
            if before is not None:
                through = rm_before["registered"] + rm["turnover_month"]["joined"]
                model.cell(k("through"), None, through)
                model.add_sum(k("through"), [before("registered"), k("turnover_month", "joined")])
                model.add_sum(k("through"), [k("registered"), k("turnover_month", "left")])
            for q, rq in zip(m["quality"], rm["quality"]):
                ind = q["indicator"]
                model.cell(k(ind, "n"), count(q["numerator"]), round(rq["numerator"]))
                model.add_sum(("q", ind, ico["id"], "n"), [k(ind, "n")])
                if measures.get(ind) != "rate":
                    model.cell(k(ind, "d"), count(q["denominator"]), round(rq["denominator"]))
                    model.add_sum(("q", ind, ico["id"], "d"), [k(ind, "d")])
            before, rm_before = k, rm
        for pw, rpw in zip(ico["pathways"], real["pathways"]):
            k = lambda *f: ("op", ico["id"], pw["pathway"]) + f
            u = lambda *f: ("p", pw["pathway"], "ico", ico["id"]) + f
            for f in ("episodes", "numerator", "denominator"):
                model.cell(k(f), count(pw[f]), rpw[f])
            model.add_sum(u("episodes"), [k("episodes")])
            model.add_sum(u("episodes_on_time"), [k("numerator")])
            model.add_sum(k("denominator"), [u("episodes_on_time"), u("episodes_breached")])


def add_risk(model, shown, truth):
    """The risk pyramid's patients (and, in validation, admissions) by band and practice: the
    ICO's band as the sum of its practices', the patients scored as the sum of the bands."""
    def row(key, bands, real, fields):
        for b, rb in zip(bands, real):
            for f in fields:
                model.cell(("r",) + key + (b["band"], f), count(b[f]), rb[f])
    p, rp = shown["pyramid"], truth["pyramid"]
    row(("all",), p["all"], rp["all"], ["patients"])
    real_rows = {r["practice"]: r for r in rp["practices"]}
    for r in p["practices"]:
        row((r["practice"],), r["bands"], real_rows[r["practice"]]["bands"], ["patients"])
    for b in p["all"]:
        model.add_sum(("r", "all", b["band"], "patients"),
                      [("r", r["practice"], b["band"], "patients") for r in p["practices"]])
    model.cell(("r", "scored"), count(p["coverage"]["scored"]), rp["coverage"]["scored"])
    model.add_sum(("r", "scored"), [("r", "all", b["band"], "patients") for b in p["all"]])
    v, rv = shown["validation"], truth["validation"]
    if "bands" in v:
        row(("validation",), v["bands"], rv["bands"], ["patients", "admitted"])


class Server:
    def __init__(self, binary, workspace, extra):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.process = subprocess.Popen(
            [binary, "serve", "--workspace", workspace, "--port", str(self.port)] + extra,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise AssertionError("continuum serve stopped: " +
                                         self.process.stderr.read().decode())
                time.sleep(0.2)
        raise AssertionError("continuum serve did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


class Session:
    def __init__(self, server, user):
        self.base = f"http://127.0.0.1:{server.port}"
        body = self.request("POST", "/api/login", {"username": user, "password": PASSWORD})
        self.csrf = body["csrf_token"]

    cookie = None

    def request(self, method, path, body=None, csrf=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self.cookie:
            req.add_header("Cookie", self.cookie)
        if csrf:
            req.add_header("X-CSRF-Token", csrf)
        with urllib.request.urlopen(req, timeout=120) as r:
            cookie = r.headers.get("Set-Cookie")
            if cookie:
                self.cookie = cookie.split(";")[0]
            return json.loads(r.read() or b"null")

    def get(self, path):
        return self.request("GET", path)


def run(binary, *args, stdin=None):
    r = subprocess.run([binary, *args], input=stdin, capture_output=True, text=True)
    if r.returncode != 0:
        raise AssertionError(f"continuum {' '.join(args)}: {r.stderr}")
    return r.stdout


# An ICO's aggregate answers, under /api/icos/{ico}.
ROUTES = ["/overview", "/quality", "/comparison", "/pathways", "/risk",
          "/finance/monitor", "/finance/settlement", "/finance/scenarios"]


def attack_world(binary, name, data, ico, commissioner, contract, scenario, failures):
    at = f"/api/icos/{ico}"
    folder = tempfile.mkdtemp(prefix=f"attack_{name}_")
    try:
        ws = os.path.join(folder, "w.db")
        run(binary, "import", data, "--workspace", ws)
        if os.path.exists(os.path.join(data, "voice_responses.csv")):
            run(binary, "voice", "import", os.path.join(data, "voice_responses.csv"),
                "--workspace", ws)
        for user, role, organisation in (("commissioner", "commissioner", commissioner),
                                         ("evaluator", "evaluator", None), ("board", "board", ico),
                                         ("lead", "clinical_lead", ico)):
            serves = ["--organisation", organisation] if organisation else []
            run(binary, "user", "add", user, "--role", role, *serves, "--password-stdin",
                "--workspace", ws, stdin=PASSWORD + "\n")
        truth_quality = json.loads(run(binary, "quality", "--workspace", ws, "--json"))
        truth_comparison = json.loads(run(binary, "quality", "--workspace", ws, "--commissioner",
                                          commissioner, "--json"))
        truth_pathways = json.loads(run(binary, "pathways", "--workspace", ws, "--json"))
        truth_risk = json.loads(run(binary, "risk", "--workspace", ws, "--json"))
        truth_oversight = json.loads(run(binary, "oversight", "--workspace", ws, "--commissioner",
                                         commissioner, "--contract", contract, "--json"))
        oversight_route = f"/api/commissioners/{commissioner}/oversight"
        extra = ["--contract", contract] + (["--scenario", scenario] if scenario else [])
        server = Server(binary, ws, extra)
        try:
            board = Session(server, "board")
            exact_scenarios = board.get(at + "/finance/scenarios")
            for role in ("commissioner", "evaluator"):
                s = Session(server, role)
                answers = {route: s.get(at + route) for route in ROUTES}
                model = Model()
                add_quality(model, answers["/quality"], truth_quality, "ico")
                add_quality(model, answers["/comparison"]["quality"],
                            truth_comparison["quality"], "commissioner")
                add_pathways(model, answers["/pathways"], truth_pathways)
                add_risk(model, answers["/risk"], truth_risk)
                oversight = s.get(oversight_route)
                measures = {i["id"]: i["measure"] for i in answers["/quality"]["indicators"]}
                add_oversight(model, oversight, truth_oversight, measures)
                check_oversight_values(oversight, name, role, failures)
                overview = answers["/overview"]
                for ind in overview["indicators"]:
                    q = next(i for i in answers["/quality"]["indicators"] if i["id"] == ind["id"])
                    if ind["numerator"] != q["ico"]["numerator"]:
                        failures.append(f"{name} {role}: the overview and quality disagree on "
                                        f"{ind['id']}")
                results = model.attack()
                pinned = [r for r in results if r[2] == r[3]]
                print(f"{name} as {role}: {len(model.low)} counts, {len(model.sums)} sums; "
                      f"{len(results)} counts from 1 to 7 withheld, {len(pinned)} pinned; "
                      f"narrowest {min((r[3] - r[2] + 1 for r in results), default='-')} values")
                for key, truth, lo, hi in pinned:
                    failures.append(f"{name} as {role}: {key} = {truth} is pinned to {lo}..{hi}")
                check_values(answers, name, role, failures)
                check_no_zero_over_withheld(answers, name, role, failures)
                check_risk(answers["/risk"], name, role, failures)
                check_scenarios(answers["/finance/scenarios"], exact_scenarios, name, role,
                                failures)
                check_finance_counts(answers, name, role, failures)
            naive_model = Model()
            add_quality(naive_model, naive(truth_quality), truth_quality, "ico")
            add_quality(naive_model, naive(truth_comparison["quality"]),
                        truth_comparison["quality"], "commissioner")
            add_pathways(naive_model, naive(truth_pathways), truth_pathways)
            add_risk(naive_model, naive(truth_risk), truth_risk)
            naive_pinned = [r for r in naive_model.attack() if r[2] == r[3]]
            print(f"{name} without secondary suppression: {len(naive_pinned)} counts pinned")
            if name == "generated" and not naive_pinned:
                failures.append("the attacker pins nothing even without secondary suppression")
            # A survey response recorded now changes nothing the controlled roles see until the
            # next day's release.
            commissioner_session = Session(server, "commissioner")
            before = {r: commissioner_session.get(at + r) for r in ROUTES[:3]}
            before[oversight_route] = commissioner_session.get(oversight_route)
            lead = Session(server, "lead")
            voice = lead.get(at + "/voice")
            if voice["surveys"] and voice["practices"]:
                survey = voice["surveys"][0]
                answers = [{"question": q["id"], "answer": q["answers"][0]["code"]}
                           for q in survey["questions"]]
                lead.request("POST", at + "/voice", {
                    "survey": survey["id"], "practice": voice["practices"][0]["id"],
                    "responded_on": voice["measured"]["last"], "answers": answers},
                    csrf=lead.csrf)
                after = {r: commissioner_session.get(at + r) for r in ROUTES[:3]}
                after[oversight_route] = commissioner_session.get(oversight_route)
                for r in before:
                    if before[r] != after[r]:
                        failures.append(f"{name}: {r} moved for the commissioner after one "
                                        "recorded response")
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


COUNT_KEYS = {"numerator", "denominator", "registered", "eligible", "counted", "count",
              "patients", "episodes", "breaches", "waiting_here", "admitted",
              "scored"} | set(PATHWAY_FIELDS)


def naive(answer, key=None):
    """An answer as a publisher without secondary suppression would show it: each count alone
    suppressed from 1 to 7 or rounded to 5. The attacker must pin counts in it, or it has no
    teeth."""
    if isinstance(answer, dict):  # a step's states and a unit's exclusions are counts by name
        return {k: naive(v, key if key in ("states", "excluded") else k) for k, v in answer.items()}
    if isinstance(answer, list):
        return [naive(v, key) for v in answer]
    if key in COUNT_KEYS or key == "states" or key == "excluded":
        if isinstance(answer, (int, float)) and not isinstance(answer, bool):
            n = round(answer)
            if n != answer and key not in ("numerator",):
                return answer  # person-years
            return None if 1 <= n <= LARGEST_SUPPRESSED else 5 * ((n + 2) // 5)
    return answer


def check_values(answers, name, role, failures):
    """Every proportion shown is its shown numerator over its shown denominator."""
    for route, q in (("/quality", answers["/quality"]),
                     ("/comparison", answers["/comparison"]["quality"])):
        for ind in q["indicators"]:
            if ind["measure"] != "proportion":
                continue
            for u in ind["practices"] + [ind["ico"]]:
                e = u["estimate"]
                if e is None:
                    continue
                if u["numerator"] is None or not u["denominator"]:
                    failures.append(f"{name} {role} {route}: {ind['id']} {u['id']} shows a value "
                                    "over a withheld count")
                elif abs(e["value"] - u["numerator"] / u["denominator"]) > 1e-12:
                    failures.append(f"{name} {role} {route}: {ind['id']} {u['id']} value "
                                    f"{e['value']} is not {u['numerator']}/{u['denominator']}")


def check_no_zero_over_withheld(answers, name, role, failures):
    """A 0 shown over a withheld count says that none of 1 to 7 patients had the outcome."""
    def proportion(p, where):
        if p["denominator"] is None and p["numerator"] == 0:
            failures.append(f"{name} {role}: 0 over a withheld count at {where}")
    for route, q in (("/quality", answers["/quality"]),
                     ("/comparison", answers["/comparison"]["quality"])):
        for ind in q["indicators"]:
            if ind["measure"] == "rate":
                continue
            for u in ind["practices"] + [ind["ico"]]:
                proportion(u, f"{route} {ind['id']} {u['id']}")
    for path in answers["/pathways"]["pathways"]:
        for u in path["units"]:
            proportion(u["adherence"], f"{path['id']} {u['id']}")
            for step in u["steps"]:
                proportion(step["adherence"], f"{path['id']} {u['id']} {step['id']}")
                if u["episodes"] is None:
                    for st, n in step["states"].items():
                        if n == 0:
                            failures.append(f"{name} {role}: {path['id']} {u['id']} "
                                            f"{step['id']} {st} is 0 of withheld episodes")


def check_risk(risk, name, role, failures):
    bounds = []
    for d in risk.get("validation", {}).get("deciles", []):
        bounds += [d["lowest"], d["highest"]]
    bounds += [t["threshold"] for t in risk.get("validation", {}).get("top", [])]
    bounds += risk["pyramid"]["lowest_risk_in_band"]
    for b in bounds:
        if b is not None and abs(b * 1000 - round(b * 1000)) > 1e-9:
            failures.append(f"{name} {role}: a risk bound {b} is a patient's own value")


def check_scenarios(shown, exact, name, role, failures):
    """A change's cost over its unit cost gives its activity as shown, never the exact one."""
    for s, e in zip(shown["scenarios"], exact["scenarios"]):
        for c, x in zip(s["changes"], e["changes"]):
            for what in ("removed", "added"):
                events, cost = x[f"events_{what}"], x[f"cost_{what}_pence"]
                shown_cost = c[f"cost_{what}_pence"]
                if shown_cost is None or events <= 0 or cost == 0:
                    continue
                implied = shown_cost / (cost / events)
                if abs(implied - round(events)) < 0.01 and c[f"events_{what}"] != round(events):
                    failures.append(f"{name} {role}: {c['label']} cost {what} gives its exact "
                                    f"activity {events}")


def check_oversight_values(oversight, name, role, failures):
    """Each quality value of the oversight is withheld with its counts; event counts are
    controlled."""
    for ico in oversight["icos"]:
        for m in ico["months"]:
            for q in m["quality"]:
                if q["value"] is not None and (q["numerator"] is None or q["denominator"] is None):
                    failures.append(f"{name} {role}: oversight {ico['id']} {m['month']} "
                                    f"{q['indicator']} shows a value over a withheld count")
            f = m["finance"] or {}
            for label in ("events_to_date", "uncosted_events_to_date"):
                v = f.get(label)
                if v is not None and v != 0 and (v % 5 != 0 or v < 10):
                    failures.append(f"{name} {role}: oversight {label} {v} is an exact count")


def check_finance_counts(answers, name, role, failures):
    monitor, settlement = answers["/finance/monitor"], answers["/finance/settlement"]
    for label, v in (("monitor events", monitor.get("events_to_date")),
                     ("monitor uncosted", monitor.get("uncosted_events_to_date")),
                     ("settlement patients", settlement.get("patients")),
                     ("heads", (settlement.get("capitation") or {}).get("heads"))):
        if v is not None and v != 0 and (v % 5 != 0 or v < 10):
            failures.append(f"{name} {role}: {label} {v} is an exact count")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--source", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    source = os.path.abspath(args.source)
    contract = os.path.join(source, "data", "contracts", "nelson_vale.json")
    scenario = os.path.join(source, "data", "scenarios", "nelson_vale_savings.json")
    failures = []
    generated = tempfile.mkdtemp(prefix="attack_data_")
    try:
        # A seed whose answers, published without secondary suppression, would give counts away:
        # the attacker must show its teeth on the data it then finds nothing in.
        run(binary, "generate", "--out", generated, "--patients", "8000", "--practices", "6",
            "--control-practices", "3", "--years", "3", "--seed", "14")
        attack_world(binary, "generated", generated, "ZICO1", "ZQ1", contract, scenario, failures)
    finally:
        shutil.rmtree(generated, ignore_errors=True)
    hand = os.path.join(source, "tests", "cases", "import", "valid")
    hand_contract = os.path.join(source, "tests", "cases", "finance", "fixture_contract.json")
    attack_world(binary, "hand-made", hand, "ICO1", "COM1", hand_contract, None, failures)
    for f in failures:
        print("FAIL:", f)
    print(f"disclosure attack: {0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
