#include "report/api_render.h"

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "report/json_text.h"

namespace continuum {
namespace {

using nlohmann::json;

std::string Patients(const AuditEntry& e) {
  std::string out;
  for (int64_t id : e.patients) out += (out.empty() ? "" : " ") + std::to_string(id);
  return out;
}

}  // namespace

std::string RenderApiError(int status, std::string_view message) {
  return JsonText(json{{"error", {{"code", status}, {"message", message}}}});
}

std::string RenderSignedInJson(std::string_view username, Role role, std::string_view organisation,
                               std::span<const std::string> pages, std::string_view csrf_token) {
  auto or_null = [](std::string_view text) { return text.empty() ? json(nullptr) : json(text); };
  return JsonText(json{
      {"username", username},
      {"role", RoleName(role)},
      {"role_title", RoleTitle(role)},
      {"organisation", or_null(organisation)},
      {"practice", or_null(role == Role::kPracticeClinician ? organisation : std::string_view())},
      {"identifiable", SeesIdentifiableData(role)},
      {"pages", pages},
      {"csrf_token", csrf_token}});
}

std::string RenderIcosJson(std::span<const IcoListed> icos) {
  json list = json::array();
  for (const IcoListed& ico : icos) {
    list.push_back(
        {{"id", ico.id},
         {"name", ico.name},
         {"commissioner", ico.commissioner_id.empty()
                              ? json(nullptr)
                              : json{{"id", ico.commissioner_id}, {"name", ico.commissioner_name}}},
         {"practices", ico.practices},
         {"contract", ico.has_contract}});
  }
  return JsonText(json{{"icos", list}});
}

std::string RenderCommissionersJson(std::span<const CommissionerListed> commissioners) {
  json list = json::array();
  for (const CommissionerListed& c : commissioners)
    list.push_back({{"id", c.id}, {"name", c.name}, {"icos", c.icos}});
  return JsonText(json{{"commissioners", list}});
}

std::string RenderPlansJson(std::span<const PlanListed> plans) {
  json list = json::array();
  for (const PlanListed& p : plans) {
    list.push_back({{"id", p.id},
                    {"name", p.name},
                    {"file", p.file_name},
                    {"version", p.version},
                    {"pilots", p.pilots}});
  }
  return JsonText(json{{"plans", list}});
}

std::string RenderAuditJson(std::span<const AuditEntry> entries) {
  json rows = json::array();
  for (const AuditEntry& e : entries) {
    rows.push_back({{"id", e.id},
                    {"at", e.at},
                    {"username", e.username},
                    {"role", RoleName(e.role)},
                    {"endpoint", e.endpoint},
                    {"patients", e.patients},
                    {"detail", e.detail}});
  }
  return JsonText(json{{"entries", rows}});
}

std::string RenderAuditCsv(std::span<const AuditEntry> entries) {
  std::string out = "id,at,username,role,endpoint,patients,detail\n";
  for (const AuditEntry& e : entries) {
    out += std::to_string(e.id) + ",";
    for (std::string_view field : {std::string_view(e.at), std::string_view(e.username),
                                   RoleName(e.role), std::string_view(e.endpoint)}) {
      AppendCsvField(field, &out);
      out += ',';
    }
    AppendCsvField(Patients(e), &out);
    out += ',';
    AppendCsvField(e.detail, &out);
    out += '\n';
  }
  return out;
}

}  // namespace continuum
