#include "server/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/checksum.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

std::string ContentType(const fs::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"}};
  auto it = kTypes.find(file.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

Result<StaticFiles> StaticFiles::Load(const std::string& root) {
  std::error_code error;
  if (!fs::exists(fs::path(root) / "index.html", error))
    return Status::NotFound("no web app in " + root + " (index.html is missing): build it with "
                            "make web");
  StaticFiles out;
  for (auto it = fs::recursive_directory_iterator(root, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in && !in.eof()) return Status::IoError("cannot read " + it->path().string());
    File file;
    file.content_type = ContentType(it->path());
    file.body = std::make_shared<const std::string>(bytes.str());
    Checksum sum;
    sum.Add(file.body->data(), file.body->size());
    file.etag = "\"" + std::to_string(sum.value()) + "\"";
    const std::string url = "/" + fs::relative(it->path(), root).generic_string();
    file.immutable = url.starts_with("/assets/");
    out.files_[url] = std::move(file);
  }
  if (error) return Status::IoError("cannot read the web app in " + root + ": " + error.message());
  return out;
}

std::optional<HttpResponse> StaticFiles::Find(std::string_view path,
                                              std::string_view if_none_match) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    // An app route (no extension in its last segment) gets the app itself.
    const std::string_view last = path.substr(path.rfind('/') + 1);
    if (last.find('.') != std::string_view::npos) return std::nullopt;
    it = files_.find(std::string_view("/index.html"));
    if (it == files_.end()) return std::nullopt;
  }
  const File& f = it->second;
  HttpResponse r;
  r.content_type = f.content_type;
  r.headers.emplace_back("ETag", f.etag);
  r.headers.emplace_back("Cache-Control", f.immutable ? "public, max-age=31536000, immutable"
                                                      : "no-cache");
  if (!if_none_match.empty() && if_none_match == f.etag) {
    r.status = 304;
    return r;
  }
  r.body = f.body;
  return r;
}

}  // namespace continuum
