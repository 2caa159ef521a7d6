#include "fhir/resource_files.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

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
  not_read_.clear();
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    std::string extension = entry.path().extension().string();
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && (extension == ".ndjson" || extension == ".json")) {
      found.push_back(entry.path());
    } else if (entry.is_directory()) {
      not_read_.push_back(name + " (a folder: files are read from the folder given, not below it)");
    } else if (extension == ".gz" || extension == ".zip" || extension == ".bz2") {
      not_read_.push_back(name + " (compressed: decompress it into the folder first)");
    } else {
      not_read_.push_back(name + " (not .ndjson or .json)");
    }
  }
  std::sort(not_read_.begin(), not_read_.end());
  if (error) return Status::IoError(folder + ": " + error.message());
  std::sort(found.begin(), found.end());
  for (const fs::path& path : found) {
    const auto file = static_cast<uint32_t>(names_.size());
    names_.push_back(path.filename().string());
    paths_.push_back(path.string());
    std::string extension = path.extension().string();
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (extension == ".ndjson") {
      CONTINUUM_RETURN_IF_ERROR(ReadNdjson(file, path.string(), glance, each));
      continue;
    }
    simdjson::padded_string text;
    if (simdjson::padded_string::load(path.string()).get(text) != simdjson::SUCCESS) {
      return Status::IoError(path.string() + ": cannot be read");
    }
    if (!glance) bytes_ += static_cast<int64_t>(text.size());
    CONTINUUM_RETURN_IF_ERROR(ReadJson(file, text, each));
  }
  return Status::Ok();
}

// An NDJSON file is read a piece at a time, so that a bulk file of gigabytes never sits in memory
// whole: each piece is followed by simdjson's padding, and a line cut by the piece's end is carried
// to the start of the next.
Status ResourceFiles::ReadNdjson(uint32_t file, const std::string& path, bool glance,
                                 const std::function<Status(const Resource&)>& each) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), std::fclose);
  if (in == nullptr) return Status::IoError(path + ": cannot be read");
  constexpr size_t kPiece = size_t{32} << 20;
  std::vector<char> buffer;
  size_t carried = 0;
  int64_t line = 0;
  bool end_of_file = false;
  while (!end_of_file) {
    buffer.resize(carried + kPiece + simdjson::SIMDJSON_PADDING);
    const size_t read = std::fread(buffer.data() + carried, 1, kPiece, in.get());
    if (read < kPiece) {
      if (std::ferror(in.get())) return Status::IoError(path + ": could not be read to the end");
      end_of_file = true;
    }
    if (!glance) bytes_ += static_cast<int64_t>(read);
    const size_t size = carried + read;
    std::memset(buffer.data() + size, 0, simdjson::SIMDJSON_PADDING);
    const char* at = buffer.data();
    const char* const end = at + size;
    if (line == 0 && carried == 0 && size >= 3 && std::memcmp(at, "\xEF\xBB\xBF", 3) == 0) {
      at += 3;  // a byte order mark, as some editors write
    }
    while (at < end) {
      const char* newline = static_cast<const char*>(std::memchr(at, '\n', end - at));
      if (newline == nullptr && !end_of_file) break;  // the rest of the line is still to come
      const char* stop = newline == nullptr ? end : newline;
      CONTINUUM_RETURN_IF_ERROR(
          Line({file, false, ++line}, at, static_cast<size_t>(stop - at), each));
      at = stop + 1;
    }
    carried = at < end ? static_cast<size_t>(end - at) : 0;
    if (carried > 0) std::memmove(buffer.data(), at, carried);
  }
  return Status::Ok();
}

// One line of NDJSON: the rest of its buffer and the padding follow it, so simdjson may read past
// its end.
Status ResourceFiles::Line(const SourceRef& source, const char* at, size_t length,
                           const std::function<Status(const Resource&)>& each) {
  if (length > 0 && at[length - 1] == '\r') --length;
  if (std::string_view(at, length).find_first_not_of(" \t") == std::string_view::npos) {
    return Status::Ok();  // a blank line
  }
  if (length > 0 && wanted_ != nullptr) {
    // While glancing, a line whose resourceType is plain to see and not wanted is passed over.
    const std::string_view row(at, length);
    const size_t key = row.find("\"resourceType\"");
    if (key != std::string_view::npos) {
      size_t open = row.find('"', row.find(':', key));
      const size_t close = open == std::string_view::npos ? open : row.find('"', open + 1);
      if (close != std::string_view::npos && !(*wanted_)(row.substr(open + 1, close - open - 1))) {
        return Status::Ok();
      }
    }
  }
  if (length == 0) return Status::Ok();
  simdjson::dom::element json;
  const simdjson::error_code parsed = parser_.parse(at, length, false).get(json);
  if (parsed != simdjson::SUCCESS) {
    Problem(source, std::string("is not JSON: ") + simdjson::error_message(parsed));
  } else if (TypeOf(json).empty()) {
    Problem(source, "is not a FHIR resource: it has no resourceType");
  } else {
    return each({json, TypeOf(json), StringAt(json, "id"), source, std::string_view(at, length)});
  }
  return Status::Ok();
}

Status ResourceFiles::ReadJson(uint32_t file, const simdjson::padded_string& text,
                               const std::function<Status(const Resource&)>& each) {
  simdjson::dom::element json;
  const bool bom = text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0;
  const simdjson::error_code parsed =
      parser_.parse(text.data() + (bom ? 3 : 0), text.size() - (bom ? 3 : 0), false).get(json);
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
    // A Bundle's entries refer to one another by their fullUrl: a urn:uuid names the resource.
    std::string_view id = StringAt(resource, "id");
    const std::string_view full_url = StringAt(entry, "fullUrl");
    if (full_url.starts_with("urn:uuid:")) id = full_url.substr(9);
    CONTINUUM_RETURN_IF_ERROR(each({resource, TypeOf(resource), id, source, {}}));
  }
  return Status::Ok();
}

}  // namespace continuum::fhir
