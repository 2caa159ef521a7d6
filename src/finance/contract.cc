// Reads a contract through the codec and checks what JSON cannot: ranges, band order, the
// period and who may be the counterparty.
#include "finance/contract.h"

#include <algorithm>
#include <cctype>

#include "finance/share_field.h"

namespace continuum {
namespace {

constexpr PartsPerMillion kMaxPercent = 1000;  // band edges run from 0% to 1,000% of the budget

Result<std::string> OrganisationId(const JsonObject& object, std::string_view name) {
  Result<JsonValue> field = object.Required(name);
  if (!field.ok()) return field.status();
  Result<std::string> id = field->String();
  if (!id.ok()) return id.status();
  const bool plain = std::all_of(id->begin(), id->end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
  if (id->empty() || !plain) {
    return field->Error("must be an organisation id such as ZICO1, not " + field->Written());
  }
  return id;
}

// A percentage of the budget, 0..1000 with up to 4 decimals, as parts per million of it.
Result<PartsPerMillion> Percent(const JsonValue& field) {
  Result<int64_t> percent = field.FixedPoint(4);
  if (!percent.ok()) return percent.status();
  if (*percent < 0 || *percent > kMaxPercent * 10'000) {
    return field.Error("must be a percentage between 0 and " + std::to_string(kMaxPercent) +
                       ", not " + field.Written());
  }
  return *percent;
}

Result<std::vector<CorridorBand>> ReadBands(const JsonObject& corridor, std::string_view side) {
  Result<std::vector<JsonValue>> items = corridor.Array(side);
  if (!items.ok()) return items.status();
  if (items->empty()) return corridor.Required(side)->Error("must list at least one band");
  std::vector<CorridorBand> bands;
  for (const JsonValue& item : *items) {
    Result<JsonObject> object = item.Object({"from_pct", "to_pct", "ico_share"});
    if (!object.ok()) return object.status();
    Result<JsonValue> from_field = object->Required("from_pct");
    if (!from_field.ok()) return from_field.status();
    Result<PartsPerMillion> from = Percent(*from_field);
    if (!from.ok()) return from.status();
    CorridorBand band{.from = *from};
    if (bands.empty() && band.from != 0) {
      return from_field->Error("the first band must start at 0, not " + from_field->Written());
    }
    if (!bands.empty()) {
      const CorridorBand& before = bands.back();
      const std::string ends = FormatPercent(*before.to);
      if (band.from < *before.to) {
        return from_field->Error("overlaps the band before, which ends at " + ends +
                                 ": bands must be in order and must not overlap");
      }
      if (band.from > *before.to) {
        return from_field->Error("leaves a gap after the band before, which ends at " + ends +
                                 ": each band must start where the one before ends");
      }
    }
    Result<JsonValue> to_field = object->Required("to_pct");
    if (!to_field.ok()) return to_field.status();
    if (!to_field->IsNull()) {
      Result<PartsPerMillion> to = Percent(*to_field);
      if (!to.ok()) return to.status();
      if (*to <= band.from) {
        return to_field->Error("must be above from_pct (" + from_field->Written() + "), not " +
                               to_field->Written());
      }
      band.to = *to;
    } else if (bands.size() + 1 < items->size()) {
      return to_field->Error("only the last band may be open (null)");
    }
    Result<PartsPerMillion> share = ShareField(*object, "ico_share");
    if (!share.ok()) return share.status();
    band.ico_share = *share;
    bands.push_back(band);
  }
  return bands;
}

Result<ContractBudget> ReadBudget(const JsonObject& root) {
  Result<JsonValue> field = root.Required("budget");
  if (!field.ok()) return field.status();
  ContractBudget budget;
  std::optional<JsonValue> amount_field;
  if (field->type() == JsonType::kObject) {
    Result<JsonObject> object = field->Object({"capitation_per_head"});
    if (!object.ok()) return object.status();
    Result<JsonValue> per_head = object->Required("capitation_per_head");
    if (!per_head.ok()) return per_head.status();
    budget.basis = ContractBudget::Basis::kCapitation;
    amount_field = *per_head;
  } else if (field->type() == JsonType::kNumber || field->type() == JsonType::kString) {
    amount_field = *field;
  } else {
    return field->Error(
        "must be an amount in pounds (262500000.00) or {\"capitation_per_head\": 1750.00}, not " +
        field->Written());
  }
  Result<Pence> amount = amount_field->Pounds();
  if (!amount.ok()) return amount.status();
  if (*amount == 0) return amount_field->Error("must be more than 0");
  budget.amount = *amount;
  return budget;
}

// Reads the counterparty and checks it against the ICO and the commissioner already read.
Status ReadCounterparty(const JsonObject& root, Contract* contract) {
  Result<JsonObject> object = root.Object("counterparty", {"organisation", "name", "role"});
  if (!object.ok()) return object.status();
  Result<std::string> id = OrganisationId(*object, "organisation");
  if (!id.ok()) return id.status();
  contract->counterparty = *id;
  if (std::optional<JsonValue> name = object->Optional("name")) {
    Result<std::string> text = name->String();
    if (!text.ok()) return text.status();
    contract->counterparty_name = *text;
  }
  Result<JsonValue> role_field = object->Required("role");
  if (!role_field.ok()) return role_field.status();
  Result<int> role = role_field->OneOf(kCounterpartyRoleCodes);
  if (!role.ok()) return role.status();
  contract->counterparty_role = static_cast<CounterpartyRole>(*role);

  const Result<JsonValue> organisation = object->Required("organisation");
  if (contract->counterparty == contract->ico) {
    return organisation->Error("must not be the ICO itself (" + contract->ico + ")");
  }
  const bool is_commissioner = contract->counterparty == contract->commissioner;
  if (contract->counterparty_role == CounterpartyRole::kCommissioner && !is_commissioner) {
    return organisation->Error("a counterparty in the commissioner role must be the commissioner " +
                               contract->commissioner + ", not " + contract->counterparty);
  }
  if (contract->counterparty_role == CounterpartyRole::kRiskPartner && is_commissioner) {
    return role_field->Error(contract->counterparty +
                             " is the commissioner: its role must be commissioner");
  }
  return Status::Ok();
}

Status ReadPeriod(const JsonObject& root, Contract* contract) {
  Result<JsonObject> period = root.Object("period", {"start", "end"});
  if (!period.ok()) return period.status();
  Result<Day> start = period->Date("start");
  if (!start.ok()) return start.status();
  Result<Day> end = period->Date("end");
  if (!end.ok()) return end.status();
  if (*end < *start) {
    return period->Required("end")->Error("must not be before period.start (" + FormatDate(*start) +
                                          "), not " + FormatDate(*end));
  }
  contract->start = *start;
  contract->end = *end;
  return Status::Ok();
}

Status ReadCorridor(const JsonObject& root, Contract* contract) {
  Result<JsonObject> corridor = root.Object("corridor", {"overspend", "underspend"});
  if (!corridor.ok()) return corridor.status();
  Result<std::vector<CorridorBand>> overspend = ReadBands(*corridor, "overspend");
  if (!overspend.ok()) return overspend.status();
  Result<std::vector<CorridorBand>> underspend = ReadBands(*corridor, "underspend");
  if (!underspend.ok()) return underspend.status();
  contract->overspend = std::move(*overspend);
  contract->underspend = std::move(*underspend);
  return Status::Ok();
}

Status ReadStopLossAndCaps(const JsonObject& root, Contract* contract) {
  if (std::optional<JsonValue> field = root.Optional("stop_loss")) {
    Result<JsonObject> object = field->Object({"threshold_per_patient_year", "counterparty_share"});
    if (!object.ok()) return object.status();
    Result<Pence> threshold = object->Pounds("threshold_per_patient_year");
    if (!threshold.ok()) return threshold.status();
    Result<PartsPerMillion> share = ShareField(*object, "counterparty_share");
    if (!share.ok()) return share.status();
    contract->stop_loss = StopLoss{*threshold, *share};
  }
  if (std::optional<JsonValue> field = root.Optional("caps")) {
    Result<JsonObject> object = field->Object({"max_ico_loss", "max_ico_gain"});
    if (!object.ok()) return object.status();
    for (auto [name, cap] : {std::pair{"max_ico_loss", &contract->max_ico_loss},
                             std::pair{"max_ico_gain", &contract->max_ico_gain}}) {
      if (std::optional<JsonValue> amount = object->Optional(name)) {
        Result<Pence> pence = amount->Pounds();
        if (!pence.ok()) return pence.status();
        *cap = *pence;
      }
    }
  }
  return Status::Ok();
}

}  // namespace

std::string FormatPercent(PartsPerMillion share) {
  // Parts per million of a whole are ten-thousandths of a percent.
  std::string out = std::to_string(share / 10'000);
  if (int64_t rest = share % 10'000; rest != 0) {
    std::string digits = std::to_string(rest + 10'000).substr(1);
    digits.erase(digits.find_last_not_of('0') + 1);
    out += "." + digits;
  }
  return out + "%";
}

namespace {

Result<Contract> ReadDocument(const Result<JsonDocument>& doc) {
  if (!doc.ok()) return doc.status();
  Result<JsonObject> root =
      doc->root().Object({"name", "ico", "commissioner", "counterparty", "period", "budget",
                          "corridor", "stop_loss", "caps"});
  if (!root.ok()) return root.status();
  Contract contract;
  Result<std::string> name = root->String("name");
  if (!name.ok()) return name.status();
  contract.name = *name;
  Result<std::string> ico = OrganisationId(*root, "ico");
  if (!ico.ok()) return ico.status();
  contract.ico = *ico;
  Result<std::string> commissioner = OrganisationId(*root, "commissioner");
  if (!commissioner.ok()) return commissioner.status();
  if (*commissioner == contract.ico) {
    return root->Required("commissioner")->Error("must not be the ICO itself (" + *ico + ")");
  }
  contract.commissioner = *commissioner;
  CONTINUUM_RETURN_IF_ERROR(ReadCounterparty(*root, &contract));
  CONTINUUM_RETURN_IF_ERROR(ReadPeriod(*root, &contract));
  Result<ContractBudget> budget = ReadBudget(*root);
  if (!budget.ok()) return budget.status();
  contract.budget = *budget;
  CONTINUUM_RETURN_IF_ERROR(ReadCorridor(*root, &contract));
  CONTINUUM_RETURN_IF_ERROR(ReadStopLossAndCaps(*root, &contract));
  return contract;
}

}  // namespace

Result<Contract> ParseContract(std::string_view json, const std::string& file_name) {
  return ReadDocument(JsonDocument::Parse(json, file_name));
}

Result<Contract> ReadContract(const std::string& path) {
  return ReadDocument(JsonDocument::Read(path));
}

}  // namespace continuum
