#include "fhir/resource_files.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/quoted.h"

namespace continuum::fhir {
namespace {

namespace fs = std::filesystem;

std::string_view TypeOf(simdjson::dom::element json) { return StringAt(json, "resourceType"); }

}  // namespace

std::string_view StringAt(simdjson::dom::element object, std::string_view key) {
  std::string_view text;
  if (object.is_object() && object.at_key(key).get(text) == simdjson::SUCCESS) return text;
  return {};
}

std::string ResourceFiles::Where(const SourceRef& source) const {
  return names_[source.file] + (source.in_bundle ? " entry " : " line ") +
         std::to_string(source.at);
}

Status ResourceFiles::Read(const std::string& folder,
                           const std::function<Status(const Resource&)>& each) {
  wanted_ = nullptr;
  return ReadFolder(folder, false, each);
}

Status ResourceFiles::Glance(const std::string& folder,
                             const std::function<bool(std::string_view)>& wanted,
                             const std::function<Status(const Resource&)>& each) {
  wanted_ = &wanted;
  Status status = ReadFolder(
      folder, true, [&](const Resource& r) { return wanted(r.type) ? each(r) : Status::Ok(); });
  wanted_ = nullptr;
  return status;
}

void ResourceFiles::Problem(const SourceRef& source, std::string reason) {
  if (wanted_ == nullptr) problems_.push_back({source, std::move(reason)});
}

Status ResourceFiles::ReadFolder(const std::string& folder, bool glance,
                                 const std::function<Status(const Resource&)>& each) {
  names_.clear();
  paths_.clear();
  if (!glance) bytes_ = 0;
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    return Status::NotFound(folder + " is not a folder of FHIR files (.ndjson or .json)");
  }
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string extension = entry.path().extension().string();
    if (entry.is_regular_file() && (extension == ".ndjson" || extension == ".json")) {
      found.push_back(entry.path());
    }
  }
  if (error) return Status::IoError(folder + ": " + error.message());
  std::sort(found.begin(), found.end());
  for (const fs::path& path : found) {
    simdjson::padded_string text;
    if (simdjson::padded_string::load(path.string()).get(text) != simdjson::SUCCESS) {
      return Status::IoError(path.string() + ": cannot be read");
    }
    if (!glance) bytes_ += static_cast<int64_t>(text.size());
    const auto file = static_cast<uint32_t>(names_.size());
    names_.push_back(path.filename().string());
    paths_.push_back(path.string());
    CONTINUUM_RETURN_IF_ERROR(path.extension() == ".ndjson" ? ReadNdjson(file, text, each)
                                                            : ReadJson(file, text, each));
  }
  return Status::Ok();
}

Status ResourceFiles::ReadNdjson(uint32_t file, const simdjson::padded_string& text,
                                 const std::function<Status(const Resource&)>& each) {
  const char* at = text.data();
  const char* const end = at + text.size();
  int64_t line = 0;
  while (at < end) {
    ++line;
    const char* newline = static_cast<const char*>(std::memchr(at, '\n', end - at));
    const char* stop = newline == nullptr ? end : newline;
    size_t length = stop - at;
    if (length > 0 && at[length - 1] == '\r') --length;
    const SourceRef source{file, false, line};
    if (length > 0 && wanted_ != nullptr) {
      // While glancing, a line whose resourceType is plain to see and not wanted is passed over.
      const std::string_view row(at, length);
      const size_t key = row.find("\"resourceType\"");
      if (key != std::string_view::npos) {
        size_t open = row.find('"', row.find(':', key));
        const size_t close = open == std::string_view::npos ? open : row.find('"', open + 1);
        if (close != std::string_view::npos &&
            !(*wanted_)(row.substr(open + 1, close - open - 1))) {
          length = 0;
        }
      }
    }
    if (length > 0) {
      // The rest of the file and its padding follow the line, so simdjson may read past it.
      simdjson::dom::element json;
      const simdjson::error_code parsed = parser_.parse(at, length, false).get(json);
      if (parsed != simdjson::SUCCESS) {
        Problem(source, std::string("is not JSON: ") + simdjson::error_message(parsed));
      } else if (TypeOf(json).empty()) {
        Problem(source, "is not a FHIR resource: it has no resourceType");
      } else {
        CONTINUUM_RETURN_IF_ERROR(
            each({json, TypeOf(json), StringAt(json, "id"), source, std::string_view(at, length)}));
      }
    }
    at = stop + 1;
  }
  return Status::Ok();
}

Status ResourceFiles::ReadJson(uint32_t file, const simdjson::padded_string& text,
                               const std::function<Status(const Resource&)>& each) {
  simdjson::dom::element json;
  const simdjson::error_code parsed = parser_.parse(text).get(json);
  const SourceRef whole{file, false, 1};
  if (parsed != simdjson::SUCCESS) {
    Problem(whole, std::string("is not JSON: ") + simdjson::error_message(parsed));
    return Status::Ok();
  }
  const std::string_view type = TypeOf(json);
  if (type.empty()) {
    // A Bulk Data manifest lists the files beside it: nothing to import from it.
    if (json.is_object() && json.at_key("output").error() == simdjson::SUCCESS) {
      return Status::Ok();
    }
    Problem(whole, "is not a FHIR resource or Bundle: it has no resourceType");
    return Status::Ok();
  }
  if (type != "Bundle") {
    return each(
        {json, type, StringAt(json, "id"), whole, std::string_view(text.data(), text.size())});
  }
  simdjson::dom::array entries;
  if (json.at_key("entry").get(entries) != simdjson::SUCCESS) return Status::Ok();  // empty
  int64_t index = 0;
  for (simdjson::dom::element entry : entries) {
    ++index;
    const SourceRef source{file, true, index};
    simdjson::dom::element resource;
    if (entry.at_key("resource").get(resource) != simdjson::SUCCESS || TypeOf(resource).empty()) {
      Problem(source, "has no resource with a resourceType (Bundle.entry.resource)");
      continue;
    }
    CONTINUUM_RETURN_IF_ERROR(
        each({resource, TypeOf(resource), StringAt(resource, "id"), source, {}}));
  }
  return Status::Ok();
}

}  // namespace continuum::fhir
