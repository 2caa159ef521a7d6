#include "report/import_render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/json_text.h"

namespace continuum {

std::string RenderImportReport(const ImportReport& report, const std::string& workspace,
                               const std::string& rejects, size_t problems_shown,
                               OutputFormat format, const SourceSummary* source) {
  if (format == OutputFormat::kJson) {
    nlohmann::json j;
    j["committed"] = report.committed;
    j["workspace"] = workspace;
    j["issue_count"] = report.issue_count;
    j["issues_truncated"] = report.issue_count > static_cast<int64_t>(report.issues.size());
    j["consequence_count"] = report.consequence_count;
    j["tables"] = nlohmann::json::array();
    for (const TableImport& t : report.tables) {
      j["tables"].push_back({{"file", t.file},
                             {"present", t.present},
                             {"valid", t.valid},
                             {"loaded", t.loaded},
                             {"rejected", t.rejected}});
    }
    j["issues"] = nlohmann::json::array();
    for (const ImportIssue& i : report.issues) {
      j["issues"].push_back({{"file", i.file},
                             {"line", i.line},
                             {"column", i.column},
                             {"reason", i.reason},
                             {"consequence", i.consequence}});
      if (!i.resource.empty()) j["issues"].back()["resource"] = i.resource;
    }
    if (source != nullptr) {
      j["source"] = {{"what", source->what},
                     {"files", source->files},
                     {"bytes", source->bytes},
                     {"count", source->Read()},
                     {"read", source->read},
                     {"not_used", source->not_used},
                     {"unlisted_codes", source->unlisted_codes}};
    }
    j["ignored_files"] = report.ignored_files;
    if (!rejects.empty()) j["rejects"] = rejects;
    return JsonText(j, 2) + "\n";
  }
  std::string out;
  if (source != nullptr) {
    out += fmt::format("Read {} {} from {} file{}:", source->Read(), source->what, source->files,
                       source->files == 1 ? "" : "s");
    for (const auto& [type, count] : source->read) out += fmt::format(" {} {},", type, count);
    out.back() = '\n';
    for (const auto& [why, count] : source->not_used) {
      out += fmt::format("note: {} {}{} left out: {}\n", count, source->item, count == 1 ? "" : "s",
                         why);
    }
    for (const auto& [why, count] : source->not_kept) {
      out += fmt::format("note: {} {}{} imported without {}\n", count, source->item,
                         count == 1 ? "" : "s", why);
    }
    for (const std::string& file : source->not_read) out += "note: not read: " + file + "\n";
    size_t listed = 0;
    for (const auto& [code, count] : source->unlisted_codes) {
      if (listed++ == 10) {
        out += fmt::format("note: ... and {} more codes in no codelist\n",
                           source->unlisted_codes.size() - 10);
        break;
      }
      out += fmt::format("note: code {} is in no codelist ({} {}{})\n", code, count, source->item,
                         count == 1 ? "" : "s");
    }
  }
  for (const std::string& f : report.ignored_files) {
    if (f == "voice_responses.csv")
      out +=
          "note: voice_responses.csv holds survey responses: record them with continuum voice "
          "import\n";
    else
      out += fmt::format("note: {} is not a Continuum table and was ignored\n", f);
  }
  // Problems of their own first; rows rejected only because a row they depend on was rejected
  // are counted after them, so one bad patient does not bury the other problems.
  size_t shown = 0;
  const int64_t consequences = report.consequence_count;
  for (const ImportIssue& issue : report.issues) {
    if (!issue.consequence && shown < problems_shown) {
      out += FormatIssue(issue) + "\n";
      ++shown;
    }
  }
  if (consequences > 0) {
    out += fmt::format("{} more row{} rejected only because a row {} depend{} on was rejected\n",
                       consequences, consequences == 1 ? " was" : "s were",
                       consequences == 1 ? "it" : "they", consequences == 1 ? "s" : "");
  }
  const int64_t listed = static_cast<int64_t>(shown) + consequences;
  if (report.issue_count > listed) {
    const int64_t more = report.issue_count - listed;
    out += fmt::format(
        "... and {} more problem{} (--show-errors N shows more; --quarantine "
        "writes every one to a reject file)\n",
        more, more == 1 ? "" : "s");
  }
  for (const TableImport& t : report.tables) {
    if (!t.present) continue;
    if (report.committed) {
      out += fmt::format("  {:<20} {:>12} loaded {:>8} rejected\n", t.file, t.loaded, t.rejected);
    } else {
      out += fmt::format("  {:<20} {:>12} valid  {:>8} rejected\n", t.file, t.valid, t.rejected);
    }
  }
  if (report.committed) {
    out += fmt::format("Imported {} rows into {}", report.Loaded(), workspace);
    if (!rejects.empty()) {
      out += fmt::format("; {} row(s) rejected, written with their reasons to {}",
                         report.issue_count, rejects);
    }
    out += "\n";
  }
  return out;
}

}  // namespace continuum
