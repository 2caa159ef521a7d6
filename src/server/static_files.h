// The built web app (web/dist), read into memory when the server starts and served from there:
// no request ever touches the file system, so no path can reach outside the folder. Hashed
// assets (assets/*) may be cached for ever; index.html is revalidated by its ETag. Any other
// path without a file extension is an app route and gets index.html.
//
//   auto web = StaticFiles::Load("web/dist");
//   std::optional<HttpResponse> r = web->Find(request.path, request.Header("if-none-match"));
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "server/http_message.h"

namespace continuum {

class StaticFiles {
 public:
  // NotFound when the folder has no index.html (the app is not built).
  static Result<StaticFiles> Load(const std::string& root);

  std::optional<HttpResponse> Find(std::string_view path, std::string_view if_none_match) const;
  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type, etag;
    bool immutable = false;
    std::shared_ptr<const std::string> body;
  };
  std::map<std::string, File, std::less<>> files_;  // by URL path ("/index.html")
};

}  // namespace continuum
