// The Python extension `continuum._continuum`: a workspace's engine opened once and its columns
// handed to numpy, without copying where numpy can use them as they are; the reports as the
// functions the command line calls make them. continuum/__init__.py turns these into pandas
// DataFrames (docs/python.md). pybind11 has its one home here.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "engine/engine.h"
#include "model/codes.h"
#include "report/evaluation_request.h"
#include "report/monitor_request.h"
#include "report/output_format.h"
#include "report/pathways_request.h"
#include "report/plan_evaluation_render.h"
#include "report/quality_request.h"
#include "report/risk_request.h"
#include "report/selection_request.h"
#include "report/spc_input.h"
#include "report/spc_render.h"
#include "report/spc_report.h"
#include "store/workspace.h"

namespace py = pybind11;

namespace continuum {
namespace {

// Continuum's errors as Python exceptions: continuum.Error, and under it InvalidInput (also a
// ValueError) and NotFound (also a LookupError), each with Continuum's message.
struct Errors {
  PyObject* base = nullptr;
  PyObject* invalid_input = nullptr;
  PyObject* not_found = nullptr;
};
Errors errors;

[[noreturn]] void Raise(const Status& status) {
  PyObject* kind = status.code() == StatusCode::kInvalidInput ? errors.invalid_input
                   : status.code() == StatusCode::kNotFound   ? errors.not_found
                                                              : errors.base;
  PyErr_SetString(kind, status.message().c_str());
  throw py::error_already_set();
}

template <typename T>
T Take(Result<T> result) {
  if (!result.ok()) Raise(result.status());
  return std::move(*result);
}

// An open workspace: its engine, kept alive by every array lent from it.
class OpenWorkspace {
 public:
  explicit OpenWorkspace(const std::string& path) : path_(path) {
    std::unique_ptr<Workspace> workspace = Take(Workspace::Open(path, Workspace::kReadOnly));
    std::unique_ptr<Engine> engine = Take(Engine::Open(*workspace));
    engine_ = std::shared_ptr<Engine>(std::move(engine));
  }

  const std::string& path() const { return path_; }
  const Population& population() const { return engine_->population(); }

  // A read-only numpy view of `column` that keeps the engine alive: no copy.
  template <typename T, typename Column>
  py::array Lend(const Column& column) const {
    auto* keeper = new std::shared_ptr<Engine>(engine_);
    py::capsule base(keeper, [](void* p) { delete static_cast<std::shared_ptr<Engine>*>(p); });
    py::array_t<T> lent({static_cast<py::ssize_t>(column.size())},
                        {static_cast<py::ssize_t>(sizeof(T))},
                        reinterpret_cast<const T*>(column.data()), base);
    // The engine's memory is shared by every frame and report: nothing may write to it.
    lent.attr("setflags")(py::arg("write") = false);
    return lent;
  }

 private:
  std::string path_;
  std::shared_ptr<Engine> engine_;
};

constexpr int64_t kNanosecondsPerDay = 86'400'000'000'000;
constexpr int64_t kNaT = INT64_MIN;  // numpy's "not a time"

// Days as datetime64[ns] ticks (int64), kNoDay as NaT.
template <typename Column>
py::array_t<int64_t> Nanoseconds(const Column& days) {
  py::array_t<int64_t> out(static_cast<py::ssize_t>(days.size()));
  int64_t* o = out.mutable_data();
  {
    py::gil_scoped_release release;
    for (size_t i = 0; i < days.size(); ++i) {
      o[i] = days[i] == kNoDay ? kNaT : int64_t{days[i]} * kNanosecondsPerDay;
    }
  }
  return out;
}

template <size_t N>
std::vector<std::string> Names(const std::string_view (&codes)[N]) {
  return std::vector<std::string>(std::begin(codes), std::end(codes));
}

// Organisation indexes recoded over only the organisations they hold (in index order), with
// those organisations' ids: a practice column's categories are practices, not every hospital.
// -1 (Dictionary::kMissing) stays -1.
std::pair<py::array_t<int32_t>, std::vector<std::string>> UsedOrganisations(
    const Column<uint32_t>& column, const Dictionary& ids) {
  std::vector<int32_t> code_of(ids.size(), -1);
  py::array_t<int32_t> codes(static_cast<py::ssize_t>(column.size()));
  std::vector<std::string> names;
  {
    py::gil_scoped_release release;
    for (uint32_t org : column) {
      if (org != Dictionary::kMissing) code_of[org] = 0;
    }
    for (size_t org = 0; org < code_of.size(); ++org) {
      if (code_of[org] == 0) {
        code_of[org] = static_cast<int32_t>(names.size());
        names.push_back(ids.Value(static_cast<uint32_t>(org)));
      }
    }
    int32_t* out = codes.mutable_data();
    for (size_t i = 0; i < column.size(); ++i) {
      out[i] = column[i] == Dictionary::kMissing ? -1 : code_of[column[i]];
    }
  }
  return {codes, names};
}

// The columns of every event, with the categories of its coded columns.
py::dict EventColumnsOf(const OpenWorkspace& ws) {
  const Population& p = ws.population();
  const EventColumns& e = p.events;
  py::array_t<int64_t> patient_id(static_cast<py::ssize_t>(e.size()));
  {
    int64_t* o = patient_id.mutable_data();
    py::gil_scoped_release release;
    for (size_t i = 0; i < e.size(); ++i) o[i] = p.patients.id[e.patient[i]];
  }
  py::dict d;
  d["event_id"] = ws.Lend<int64_t>(e.id);
  d["patient_id"] = patient_id;
  d["date"] = Nanoseconds(e.day);
  d["setting"] = ws.Lend<int8_t>(e.setting);
  auto [practice, practices] = UsedOrganisations(e.practice, p.organisations.ids);
  auto [provider, providers] = UsedOrganisations(e.provider, p.organisations.ids);
  d["practice"] = practice;
  d["provider"] = provider;
  d["specialty"] = ws.Lend<int16_t>(e.specialty);  // UINT16_MAX reads as -1
  d["diagnosis"] = ws.Lend<int32_t>(e.diagnosis);
  d["procedure"] = ws.Lend<int32_t>(e.procedure);
  d["length_of_stay"] = ws.Lend<uint16_t>(e.length_of_stay);
  d["quantity"] = ws.Lend<uint32_t>(e.quantity);
  d["cost_pence"] = ws.Lend<int32_t>(e.cost);
  d["medicine"] = ws.Lend<int32_t>(e.medicine);
  py::dict categories;
  categories["setting"] = Names(kSettingCodes);
  categories["practice"] = practices;
  categories["provider"] = providers;
  categories["specialty"] = e.specialties.values();
  categories["diagnosis"] = e.diagnoses.values();
  categories["procedure"] = e.procedures.values();
  categories["medicine"] = e.medicines.values();
  d["categories"] = categories;
  d["no_stay"] = kNoStay;
  d["no_cost"] = kNoCost;
  return d;
}

py::dict PatientColumnsOf(const OpenWorkspace& ws) {
  const PatientColumns& c = ws.population().patients;
  py::dict d;
  d["patient_id"] = ws.Lend<int64_t>(c.id);
  d["birth_date"] = Nanoseconds(c.birth);
  d["sex"] = ws.Lend<int8_t>(c.sex);
  d["imd_decile"] = ws.Lend<uint8_t>(c.imd_decile);
  d["lsoa"] = ws.Lend<int32_t>(c.lsoa);
  d["death_date"] = Nanoseconds(c.death);
  d["death_place"] = ws.Lend<int8_t>(c.death_place);  // kNoCode reads as -1
  d["preferred_place"] = ws.Lend<int8_t>(c.preferred_place);
  py::dict categories;
  categories["sex"] = Names(kSexCodes);
  categories["lsoa"] = c.lsoas.values();
  categories["death_place"] = Names(kPlaceOfDeathCodes);
  categories["preferred_place"] = Names(kPlaceOfDeathCodes);
  d["categories"] = categories;
  return d;
}

// `continuum spc --json` for series given as lists: ids, directions, dates (days since
// 1970-01-01), values, and rebase pairs.
std::string SpcJson(const std::vector<std::string>& ids, const std::vector<std::string>& directions,
                    const std::vector<std::vector<int32_t>>& dates,
                    const std::vector<std::vector<double>>& values,
                    const std::vector<std::vector<int32_t>>& rebases, const std::string& rules,
                    size_t baseline) {
  SpcInput input;
  for (size_t s = 0; s < ids.size(); ++s) {
    SpcSeriesInput series{
        .id = ids[s], .dates = dates[s], .values = values[s], .rebase_dates = rebases[s]};
    const std::optional<Polarity> direction = ImprovementDirectionNamed(directions[s]);
    if (!direction) {
      Raise(Status::InvalidInput("series " + ids[s] + ": improvement_direction '" + directions[s] +
                                 "' is not increase, decrease or neutral"));
    }
    series.direction = *direction;
    input.series.push_back(std::move(series));
  }
  const std::optional<SpcRules> chosen = SpcRulesNamed(rules);
  if (!chosen) {
    Raise(Status::InvalidInput("rules '" + rules +
                               "' is not ptd (NHSRplotthedots) or mdc "
                               "(NHS England's Making Data Count tool)"));
  }
  SpcReport report = Take(BuildSpcReport(input, {.rules = *chosen, .baseline_points = baseline}));
  return RenderSpc(report, OutputFormat::kJson);
}

// The reports, each as the function the command line calls makes its --json.
std::string QualityJson(const OpenWorkspace& ws, const std::string& ico,
                        const std::string& commissioner, int year,
                        const std::vector<std::string>& indicators,
                        const std::vector<std::string>& definitions, bool overdispersion) {
  return Take(QualityReportText(ws.population(), ws.path(),
                                {.ico = ico,
                                 .commissioner = commissioner,
                                 .year = year,
                                 .indicators = indicators,
                                 .definitions = definitions,
                                 .overdispersion = overdispersion},
                                OutputFormat::kJson));
}

std::string RiskJson(const OpenWorkspace& ws, const std::string& ico, const std::string& year,
                     const std::string& practice, const std::string& model, int top) {
  return Take(
      RiskReportText(ws.population(), ws.path(),
                     {.ico = ico, .year = year, .practice = practice, .model = model, .top = top},
                     OutputFormat::kJson));
}

std::string PathwaysJson(const OpenWorkspace& ws, const std::vector<std::string>& definitions,
                         const std::string& pathway, const std::string& practice,
                         const std::string& ico, const std::string& year, const std::string& from,
                         const std::string& to, const std::string& as_of, bool worklist) {
  return Take(PathwaysReportText(ws.population(),
                                 {.definitions = definitions,
                                  .pathway = pathway,
                                  .practice = practice,
                                  .ico = ico,
                                  .year = year,
                                  .from = from,
                                  .to = to,
                                  .as_of = as_of,
                                  .worklist = worklist},
                                 OutputFormat::kJson));
}

std::string SelectionJson(const OpenWorkspace& ws, const std::string& ico,
                          const std::string& commissioner, const std::string& from,
                          const std::string& to, const std::optional<std::string>& outside_budget,
                          const std::vector<std::string>& tariffs, bool reprice) {
  return Take(SelectionReportText(ws.population(), ws.path(),
                                  {.ico = ico,
                                   .commissioner = commissioner,
                                   .from = from,
                                   .to = to,
                                   .outside_budget = outside_budget.value_or(""),
                                   .outside_budget_given = outside_budget.has_value(),
                                   .tariffs = {.tariffs = tariffs, .reprice = reprice}},
                                  OutputFormat::kJson));
}

// The monitor opens the contract's own engine (the shard of its ICO), as the command line does.
std::string MonitorJson(const OpenWorkspace& ws, const std::string& contract,
                        const std::string& ico, const std::string& year, const std::string& month,
                        int top, const std::vector<std::string>& tariffs, bool reprice) {
  return Take(MonitorReportText({.workspace = ws.path(),
                                 .contract_path = contract,
                                 .ico = ico,
                                 .year = year,
                                 .tariffs = {.tariffs = tariffs, .reprice = reprice}},
                                month, top, OutputFormat::kJson));
}

// `continuum evaluate --plan FILE --json` on the open workspace.
std::string PlanEvaluationJson(const OpenWorkspace& ws, const std::string& plan) {
  PlanFileEvaluation evaluated = Take(EvaluatePlanFile(ws.population(), ws.path(), plan));
  return RenderPlanEvaluation(evaluated.evaluation, OutputFormat::kJson);
}

// `continuum evaluate --panel FILE --json` for a panel given as CSV text.
std::string PanelEvaluationJson(const std::string& csv, const std::string& name,
                                const std::string& comparison, int32_t replicates, uint64_t seed) {
  const CsvFile file = CsvFile::FromText(name, csv);
  return Take(
      PanelEvaluationText(file, {.comparison = comparison, .replicates = replicates, .seed = seed},
                          OutputFormat::kJson));
}

}  // namespace
}  // namespace continuum

PYBIND11_MODULE(_continuum, m) {
  using namespace continuum;
  m.doc() = "Continuum's engine for Python; use the continuum package, not this module";
  errors.base = PyErr_NewException("continuum.Error", PyExc_Exception, nullptr);
  errors.invalid_input = PyErr_NewException(
      "continuum.InvalidInput",
      py::make_tuple(py::handle(errors.base), py::handle(PyExc_ValueError)).release().ptr(),
      nullptr);
  errors.not_found = PyErr_NewException(
      "continuum.NotFound",
      py::make_tuple(py::handle(errors.base), py::handle(PyExc_LookupError)).release().ptr(),
      nullptr);
  m.attr("Error") = py::handle(errors.base);
  m.attr("InvalidInput") = py::handle(errors.invalid_input);
  m.attr("NotFound") = py::handle(errors.not_found);

  py::class_<OpenWorkspace>(m, "Workspace")
      .def(py::init<const std::string&>(), py::arg("path"))
      .def_property_readonly("path", &OpenWorkspace::path)
      .def("event_columns", &EventColumnsOf)
      .def("patient_columns", &PatientColumnsOf)
      .def("quality_json", &QualityJson)
      .def("risk_json", &RiskJson)
      .def("pathways_json", &PathwaysJson)
      .def("selection_json", &SelectionJson)
      .def("monitor_json", &MonitorJson)
      .def("plan_evaluation_json", &PlanEvaluationJson);
  m.def("spc_json", &SpcJson);
  m.def("panel_evaluation_json", &PanelEvaluationJson);
}
