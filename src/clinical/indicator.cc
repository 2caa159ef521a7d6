// Reads indicator definitions through the codec; each problem names the file and the field.
#include "clinical/indicator.h"

#include <algorithm>

#include "codec/json_reader.h"
#include "core/embedded.h"

namespace continuum {
namespace {

constexpr std::string_view kMeasures[] = {"proportion", "rate", "ratio"};
constexpr std::string_view kPolarities[] = {"higher_is_better", "lower_is_better", "neither"};
constexpr std::string_view kSpcRulesNames[] = {"mdc", "ptd"};  // in SpcRules order
constexpr std::string_view kStandardisations[] = {"none", "age_sex"};

Result<int> IntegerIn(const JsonValue& v, int low, int high) {
  Result<int64_t> n = v.Integer();
  if (!n.ok()) return n.status();
  if (*n < low || *n > high) {
    return v.Error("must be a whole number from " + std::to_string(low) + " to " +
                   std::to_string(high) + ", not " + v.Written());
  }
  return static_cast<int>(*n);
}

// A list of codes from `codes` as a bit mask.
Result<uint32_t> CodeMask(const JsonValue& v, CodeList codes) {
  Result<std::vector<JsonValue>> items = v.Array();
  if (!items.ok()) return items.status();
  if (items->empty()) return v.Error("must list at least one code");
  uint32_t mask = 0;
  for (const JsonValue& item : *items) {
    Result<int> code = item.OneOf(codes);
    if (!code.ok()) return code.status();
    mask |= 1u << *code;
  }
  return mask;
}

Status ReadPatterns(const JsonObject& o, std::string_view name, CodeSystem system,
                    std::optional<CodePatterns>* out) {
  if (std::optional<JsonValue> v = o.Optional(name)) {
    Result<CodePatterns> p = CodePatterns::Read(*v, system);
    if (!p.ok()) return p.status();
    *out = std::move(*p);
  }
  return Status::Ok();
}

Status ReadFilter(const JsonObject& o, EventFilter* f) {
  if (std::optional<JsonValue> v = o.Optional("settings")) {
    Result<uint32_t> mask = CodeMask(*v, kSettingCodes);
    if (!mask.ok()) return mask.status();
    f->settings = static_cast<uint16_t>(*mask);
  }
  CONTINUUM_RETURN_IF_ERROR(ReadPatterns(o, "diagnosis", CodeSystem::kIcd10, &f->diagnosis));
  CONTINUUM_RETURN_IF_ERROR(ReadPatterns(o, "procedure", CodeSystem::kOpcs4, &f->procedure));
  CONTINUUM_RETURN_IF_ERROR(ReadPatterns(o, "specialty", CodeSystem::kSpecialty, &f->specialty));
  CONTINUUM_RETURN_IF_ERROR(ReadPatterns(o, "medicine", CodeSystem::kBnf, &f->medicine));
  if (f->medicine && f->settings != 0 &&
      f->settings != (1u << static_cast<int>(Setting::kPrescription))) {
    return o.value().Error(
        "medicine is recorded only on prescriptions, so settings must be "
        "[\"prescription\"] or left out");
  }
  if (o.Has("discharged_alive")) {
    Result<bool> alive = o.Boolean("discharged_alive");
    if (!alive.ok()) return alive.status();
    f->discharged_alive = *alive;
    const uint16_t admissions = (1u << static_cast<int>(Setting::kElective)) |
                                (1u << static_cast<int>(Setting::kDayCase)) |
                                (1u << static_cast<int>(Setting::kEmergency));
    if (*alive && (f->settings == 0 || (f->settings & ~admissions) != 0))
      return o.value().Error("discharged_alive needs settings that are admissions only");
  }
  return Status::Ok();
}

Result<EventFilter> Filter(const JsonValue& v, bool allow_discharge, bool allow_within) {
  // A denominator's events may require a live discharge; a followed_by names its window.
  Result<JsonObject> o =
      allow_discharge ? v.Object({"settings", "diagnosis", "procedure", "specialty", "medicine",
                                  "discharged_alive"})
      : allow_within
          ? v.Object({"settings", "diagnosis", "procedure", "specialty", "medicine", "within_days"})
          : v.Object({"settings", "diagnosis", "procedure", "specialty", "medicine"});
  if (!o.ok()) return o.status();
  EventFilter f;
  CONTINUUM_RETURN_IF_ERROR(ReadFilter(*o, &f));
  return f;
}

Status ReadAges(const JsonObject& o, PatientCohort* c) {
  if (std::optional<JsonValue> v = o.Optional("age_min")) {
    Result<int> n = IntegerIn(*v, 0, 120);
    if (!n.ok()) return n.status();
    c->age_min = *n;
  }
  if (std::optional<JsonValue> v = o.Optional("age_max")) {
    Result<int> n = IntegerIn(*v, 0, 200);
    if (!n.ok()) return n.status();
    c->age_max = *n;
    if (c->age_max < c->age_min)
      return v->Error("is below age_min, so no one could be in the denominator");
  }
  return Status::Ok();
}

Result<RecordCriterion> ReadCriterion(const JsonValue& v) {
  Result<JsonObject> o = v.Object({"observation", "prescription", "within_days", "latest_at_most",
                                   "latest_at_least", "values"});
  if (!o.ok()) return o.status();
  RecordCriterion c;
  if (o->Has("observation") == o->Has("prescription"))
    return v.Error("needs exactly one of observation or prescription");
  Result<JsonValue> within = o->Required("within_days");
  if (!within.ok()) return within.status();
  Result<int> days = IntegerIn(*within, 1, 3650);
  if (!days.ok()) return days.status();
  c.within_days = *days;
  if (o->Has("prescription")) {
    c.kind = RecordCriterion::Kind::kPrescription;
    if (o->Has("values") || o->Has("latest_at_most") || o->Has("latest_at_least"))
      return v.Error("a prescription criterion takes only prescription and within_days");
    Result<JsonValue> list = o->Required("prescription");
    Result<CodePatterns> p = CodePatterns::Read(*list, CodeSystem::kBnf);
    if (!p.ok()) return p.status();
    c.medicine = std::move(*p);
    return c;
  }
  Result<JsonValue> kind = o->Required("observation");
  Result<int> k = kind->OneOf(kObservationKindCodes);
  if (!k.ok()) return k.status();
  c.observation = static_cast<ObservationKind>(*k);
  const CodeList codes = ObservationValueCodes(c.observation);
  if (std::optional<JsonValue> values = o->Optional("values")) {
    if (codes.empty())
      return values->Error("applies to coded observations; " + kind->Written() +
                           " is a number: use latest_at_most or latest_at_least");
    Result<uint32_t> mask = CodeMask(*values, codes);
    if (!mask.ok()) return mask.status();
    c.values = *mask;
  }
  for (std::string_view name : {"latest_at_most", "latest_at_least"}) {
    if (std::optional<JsonValue> bound = o->Optional(name)) {
      if (!codes.empty())
        return bound->Error("applies to measurements; " + kind->Written() +
                            " is coded: use values");
      Result<double> x = bound->Number();
      if (!x.ok()) return x.status();
      (name == "latest_at_most" ? c.latest_at_most : c.latest_at_least) = *x;
    }
  }
  if (c.latest_at_most && c.latest_at_least && *c.latest_at_least > *c.latest_at_most)
    return v.Error("latest_at_least is above latest_at_most, so no one could be in the numerator");
  return c;
}

Status ReadCohort(const JsonValue& v, PatientCohort* c) {
  Result<JsonObject> o = v.Object({"age_min", "age_max", "registers", "exclude_registers",
                                   "exclude_registered_under_days", "exclude_diagnosed_under_days",
                                   "exclude_care_adjusted", "with_record"});
  if (!o.ok()) return o.status();
  CONTINUUM_RETURN_IF_ERROR(ReadAges(*o, c));
  if (std::optional<JsonValue> r = o->Optional("registers")) {
    Result<uint32_t> mask = CodeMask(*r, kConditionCodes);
    if (!mask.ok()) return mask.status();
    c->registers = *mask;
  }
  if (std::optional<JsonValue> r = o->Optional("exclude_registers")) {
    Result<uint32_t> mask = CodeMask(*r, kConditionCodes);
    if (!mask.ok()) return mask.status();
    if (*mask & c->registers)
      return r->Error("excludes a register the denominator is drawn from, so it would be empty");
    c->excluded_registers = *mask;
  }
  if (std::optional<JsonValue> d = o->Optional("exclude_registered_under_days")) {
    Result<int> n = IntegerIn(*d, 0, 3650);
    if (!n.ok()) return n.status();
    c->newly_registered_days = *n;
  }
  if (std::optional<JsonValue> w = o->Optional("with_record")) {
    Result<RecordCriterion> r = ReadCriterion(*w);
    if (!r.ok()) return r.status();
    if (r->kind != RecordCriterion::Kind::kObservation)
      return w->Error("must name an observation (a prescription is not supported here)");
    c->with_record = std::move(*r);
  }
  if (std::optional<JsonValue> d = o->Optional("exclude_diagnosed_under_days")) {
    if (c->registers == 0) return d->Error("needs registers to know which diagnosis");
    Result<int> n = IntegerIn(*d, 0, 3650);
    if (!n.ok()) return n.status();
    c->newly_diagnosed_days = *n;
  }
  if (std::optional<JsonValue> a = o->Optional("exclude_care_adjusted")) {
    if (c->registers == 0) return a->Error("needs registers to know which condition's adjustments");
    Result<bool> b = a->Boolean();
    if (!b.ok()) return b.status();
    c->exclude_care_adjusted = *b;
  }
  return Status::Ok();
}

// The one field of an object that must hold exactly one of `kinds`; returns its index.
Result<int> OneKind(const JsonObject& o, std::initializer_list<std::string_view> kinds) {
  int found = -1, i = 0;
  for (std::string_view kind : kinds) {
    if (o.Has(kind)) {
      if (found >= 0) return o.value().Error("must hold only one kind");
      found = i;
    }
    ++i;
  }
  if (found < 0) {
    std::string names;
    for (std::string_view kind : kinds) names += (names.empty() ? "" : ", ") + std::string(kind);
    return o.value().Error("must hold one of " + names);
  }
  return found;
}

Status ReadDenominator(const JsonObject& root, Indicator* ind) {
  Result<JsonObject> d =
      root.Object("denominator", {"patients", "person_time", "events", "deaths", "responses"});
  if (!d.ok()) return d.status();
  Result<int> kind = OneKind(*d, {"patients", "person_time", "events", "deaths", "responses"});
  if (!kind.ok()) return kind.status();
  ind->base = static_cast<Indicator::Base>(*kind);
  switch (ind->base) {
    case Indicator::Base::kPatients:
      return ReadCohort(*d->Required("patients"), &ind->cohort);
    case Indicator::Base::kPersonTime: {
      Result<JsonObject> o = d->Object("person_time", {"age_min", "age_max"});
      if (!o.ok()) return o.status();
      return ReadAges(*o, &ind->cohort);
    }
    case Indicator::Base::kEvents: {
      Result<EventFilter> f = Filter(*d->Required("events"), true, false);
      if (!f.ok()) return f.status();
      ind->denominator_events = std::move(*f);
      return Status::Ok();
    }
    case Indicator::Base::kDeaths: {
      Result<JsonObject> o = d->Object("deaths", {"preferred_place_recorded"});
      if (!o.ok()) return o.status();
      if (o->Has("preferred_place_recorded")) {
        Result<bool> b = o->Boolean("preferred_place_recorded");
        if (!b.ok()) return b.status();
        ind->deaths_with_preferred_place = *b;
      }
      return Status::Ok();
    }
    case Indicator::Base::kResponses: {
      Result<JsonObject> o = d->Object("responses", {"survey", "question"});
      if (!o.ok()) return o.status();
      for (auto [name, field] : {std::pair{"survey", &ind->survey}, {"question", &ind->question}}) {
        Result<std::string> text = o->String(name);
        if (!text.ok()) return text.status();
        if (text->empty()) return o->Required(name)->Error("must not be empty");
        *field = *text;
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Status ReadNumerator(const JsonObject& root, Indicator* ind) {
  Result<JsonObject> n =
      root.Object("numerator", {"all_of", "events", "followed_by", "place", "answers"});
  if (!n.ok()) return n.status();
  Result<int> kind = OneKind(*n, {"all_of", "events", "followed_by", "place", "answers"});
  if (!kind.ok()) return kind.status();
  // Which numerator each measure and denominator takes.
  const IndicatorMeasure m = ind->measure;
  const Indicator::Base b = ind->base;
  const bool fits =
      (*kind == 0 && m == IndicatorMeasure::kProportion && b == Indicator::Base::kPatients) ||
      (*kind == 1 && m == IndicatorMeasure::kRate && b == Indicator::Base::kPersonTime) ||
      (*kind == 1 && m == IndicatorMeasure::kRatio && b == Indicator::Base::kEvents) ||
      (*kind == 2 && m == IndicatorMeasure::kProportion && b == Indicator::Base::kEvents) ||
      (*kind == 3 && m == IndicatorMeasure::kProportion && b == Indicator::Base::kDeaths) ||
      (*kind == 4 && m == IndicatorMeasure::kProportion && b == Indicator::Base::kResponses);
  if (!fits) {
    return n->value().Error(
        "does not fit the measure and denominator: a proportion of patients takes all_of, of "
        "events followed_by, of deaths place, of responses answers; a rate over person_time "
        "takes events; a ratio of events takes events");
  }
  switch (*kind) {
    case 0: {
      Result<std::vector<JsonValue>> items = n->Array("all_of");
      if (!items.ok()) return items.status();
      if (items->empty()) return n->Required("all_of")->Error("must list at least one criterion");
      for (const JsonValue& item : *items) {
        Result<RecordCriterion> c = ReadCriterion(item);
        if (!c.ok()) return c.status();
        ind->all_of.push_back(std::move(*c));
      }
      return Status::Ok();
    }
    case 1: {
      Result<EventFilter> f = Filter(*n->Required("events"), false, false);
      if (!f.ok()) return f.status();
      ind->numerator_events = std::move(*f);
      return Status::Ok();
    }
    case 2: {
      const JsonValue v = *n->Required("followed_by");
      Result<EventFilter> f = Filter(v, false, true);
      if (!f.ok()) return f.status();
      ind->followed_by = std::move(*f);
      Result<JsonObject> o =
          v.Object({"settings", "diagnosis", "procedure", "specialty", "medicine", "within_days"});
      Result<JsonValue> within = o->Required("within_days");
      if (!within.ok()) return within.status();
      Result<int> days = IntegerIn(*within, 0, 3650);
      if (!days.ok()) return days.status();
      ind->followed_within_days = *days;
      return Status::Ok();
    }
    case 3: {
      const JsonValue v = *n->Required("place");
      if (v.type() == JsonType::kString) {
        Result<std::string> s = v.String();
        if (*s != "preferred") return v.Error("must be \"preferred\" or a list of places");
        if (!ind->deaths_with_preferred_place)
          return v.Error("needs a denominator of deaths with preferred_place_recorded");
        ind->death_in_preferred_place = true;
        return Status::Ok();
      }
      Result<uint32_t> mask = CodeMask(v, kPlaceOfDeathCodes);
      if (!mask.ok()) return mask.status();
      ind->death_places = static_cast<uint8_t>(*mask);
      return Status::Ok();
    }
    case 4: {
      Result<std::vector<JsonValue>> items = n->Array("answers");
      if (!items.ok()) return items.status();
      if (items->empty()) return n->Required("answers")->Error("must list at least one answer");
      for (const JsonValue& item : *items) {
        Result<std::string> answer = item.String();
        if (!answer.ok()) return answer.status();
        ind->answers.push_back(std::move(*answer));
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Result<Indicator> ReadDocument(const Result<JsonDocument>& document) {
  if (!document.ok()) return document.status();
  Result<JsonObject> root =
      document->root().Object({"id", "title", "source", "group", "measure", "polarity", "target",
                               "spc_rules", "per", "standardisation", "denominator", "numerator"});
  if (!root.ok()) return root.status();
  Indicator ind;
  ind.file = document->file_name();
  for (auto [name, field] : {std::pair{"id", &ind.id},
                             {"title", &ind.title},
                             {"source", &ind.source},
                             {"group", &ind.group}}) {
    Result<std::string> s = root->String(name);
    if (!s.ok()) return s.status();
    if (s->empty()) return root->Required(name)->Error("must not be empty");
    *field = *s;
  }
  if (ind.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    return root->Required("id")->Error("must be lowercase letters, digits and _");
  Result<JsonValue> measure = root->Required("measure");
  if (!measure.ok()) return measure.status();
  Result<int> m = measure->OneOf(kMeasures);
  if (!m.ok()) return m.status();
  ind.measure = static_cast<IndicatorMeasure>(*m);
  Result<JsonValue> polarity = root->Required("polarity");
  if (!polarity.ok()) return polarity.status();
  Result<int> pol = polarity->OneOf(kPolarities);
  if (!pol.ok()) return pol.status();
  ind.polarity = static_cast<Polarity>(*pol);
  if (std::optional<JsonValue> rules = root->Optional("spc_rules")) {
    Result<int> r = rules->OneOf(kSpcRulesNames);
    if (!r.ok()) return r.status();
    ind.spc_rules = static_cast<SpcRules>(*r);
  }
  if (std::optional<JsonValue> per = root->Optional("per")) {
    if (ind.measure != IndicatorMeasure::kRate) return per->Error("applies only to rates");
    Result<int> n = IntegerIn(*per, 1, 1'000'000);
    if (!n.ok()) return n.status();
    ind.per = *n;
  } else if (ind.measure == IndicatorMeasure::kRate) {
    return root->Required("per").status();
  }
  if (std::optional<JsonValue> s = root->Optional("standardisation")) {
    Result<int> k = s->OneOf(kStandardisations);
    if (!k.ok()) return k.status();
    ind.age_sex_standardised = *k == 1;
    if (ind.age_sex_standardised && ind.measure != IndicatorMeasure::kRate)
      return s->Error("age_sex standardisation applies to rates");
  }
  if (std::optional<JsonValue> t = root->Optional("target")) {
    Result<double> x = t->Number();
    if (!x.ok()) return x.status();
    if (*x < 0 || (ind.measure == IndicatorMeasure::kProportion && *x > 1))
      return t->Error(ind.measure == IndicatorMeasure::kProportion
                          ? "must be a proportion from 0 to 1, not " + t->Written()
                          : "must not be negative");
    ind.target = *x;
  }
  CONTINUUM_RETURN_IF_ERROR(ReadDenominator(*root, &ind));
  CONTINUUM_RETURN_IF_ERROR(ReadNumerator(*root, &ind));
  return ind;
}

}  // namespace

Result<Indicator> ReadIndicator(const std::string& path) {
  return ReadDocument(JsonDocument::Read(path));
}

Result<Indicator> ParseIndicator(std::string_view text, std::string file_name) {
  return ReadDocument(JsonDocument::Parse(text, std::move(file_name)));
}

Result<std::vector<Indicator>> ShippedIndicators() {
  return ParseEmbeddedFiles<Indicator>("data/indicators", ParseIndicator);
}

std::string_view MeasureName(IndicatorMeasure measure) {
  return kMeasures[static_cast<int>(measure)];
}

std::string_view PolarityName(Polarity polarity) { return kPolarities[static_cast<int>(polarity)]; }

}  // namespace continuum
