// Reading FHIR R4 JSON from a folder: bulk-export NDJSON files (one resource a line, as the FHIR
// Bulk Data Access specification writes them) and JSON files holding one resource or a Bundle
// (transaction, batch, collection, searchset) of them. simdjson parses them: a bulk import is
// millions of resources, and its DOM parser reads JSON several times faster than a general one.
//
//   ResourceFiles files;
//   Status read = files.Read("export/", [&](const Resource& r) { ... r.json["subject"] ... });
//   files.Where(r.source)   // "Patient.ndjson line 3" or "bundle.json entry 12"
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace continuum::fhir {

// Where a resource came from: its file and its line (NDJSON; 1 for a file of one resource) or
// its entry's index, from 1 (Bundle).
struct SourceRef {
  uint32_t file = 0;
  bool in_bundle = false;
  int64_t at = 0;
};

struct Resource {
  simdjson::dom::element json;
  std::string_view type;  // resourceType
  std::string_view id;    // empty when it has none
  SourceRef source;
  // The resource's own JSON text, for an NDJSON line; empty in a Bundle. (The parsed numbers
  // keep no text, and a FHIR decimal's text is its precision: 26.0 is not 26.)
  std::string_view text;
};

// A problem with a file or a line as a whole (not JSON, no resourceType), before any mapping.
struct ReadProblem {
  SourceRef source;
  std::string reason;
};

class ResourceFiles {
 public:
  // Reads every .ndjson and .json file of `folder`, in name order, calling `each` with every
  // resource. Lines or files that cannot be read as resources are collected in problems(); an
  // error reading the folder or a file comes back as a Status.
  Status Read(const std::string& folder, const std::function<Status(const Resource&)>& each);
  // A first look: `each` sees only the resources of the types `wanted` accepts, and NDJSON lines
  // of other types are passed over without parsing. Nothing is collected in problems().
  Status Glance(const std::string& folder, const std::function<bool(std::string_view)>& wanted,
                const std::function<Status(const Resource&)>& each);

  const std::vector<ReadProblem>& problems() const { return problems_; }
  const std::vector<std::string>& files() const { return names_; }
  // "Patient.ndjson line 3" or "bundle.json entry 12": as a message starts.
  std::string Where(const SourceRef& source) const;
  std::string FileOf(const SourceRef& source) const { return names_[source.file]; }
  // The line a resource is on; for a Bundle's entry, 0 (Where names the entry).
  int64_t LineOf(const SourceRef& source) const { return source.in_bundle ? 0 : source.at; }
  int64_t bytes() const { return bytes_; }
  // The entries of the folder passed over, each with why (a folder, a compressed file, ...).
  const std::vector<std::string>& not_read() const { return not_read_; }

 private:
  Status ReadFolder(const std::string& folder, bool glance,
                    const std::function<Status(const Resource&)>& each);
  Status ReadNdjson(uint32_t file, const std::string& path, bool glance,
                    const std::function<Status(const Resource&)>& each);
  Status Line(const SourceRef& source, const char* at, size_t length,
              const std::function<Status(const Resource&)>& each);
  Status ReadJson(uint32_t file, const simdjson::padded_string& text,
                  const std::function<Status(const Resource&)>& each);
  void Problem(const SourceRef& source, std::string reason);

  const std::function<bool(std::string_view)>* wanted_ = nullptr;  // while glancing

  simdjson::dom::parser parser_;
  std::vector<std::string> names_;
  std::vector<std::string> paths_;
  std::vector<ReadProblem> problems_;
  std::vector<std::string> not_read_;
  int64_t bytes_ = 0;
};

// The string at `key` of an object, or empty when it is absent or not a string.
std::string_view StringAt(simdjson::dom::element object, std::string_view key);

}  // namespace continuum::fhir
