#include "server/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "generate/test_folder.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

TEST(StaticFiles, ServesTheBuiltAppFromMemoryAndAppRoutesGetIndex) {
  const fs::path folder = TestFolder("static"), root = folder / "dist";
  Write(root / "index.html", "<!doctype html><title>Continuum</title>");
  Write(root / "assets" / "app-1a2b.js", "console.log(1)");
  Write(folder / "secret.txt", "not to be served");
  Result<StaticFiles> web = StaticFiles::Load(root.string());
  ASSERT_TRUE(web.ok()) << web.status().message();
  EXPECT_EQ(web->size(), 2u);

  auto index = web->Find("/index.html", "");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(*index->body, "<!doctype html><title>Continuum</title>");
  auto script = web->Find("/assets/app-1a2b.js", "");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
  std::map<std::string, std::string> headers(script->headers.begin(), script->headers.end());
  EXPECT_EQ(headers["Cache-Control"], "public, max-age=31536000, immutable");

  auto route = web->Find("/quality", "");  // an app route
  ASSERT_TRUE(route);
  EXPECT_EQ(route->body, index->body);
  std::map<std::string, std::string> index_headers(index->headers.begin(), index->headers.end());
  auto again = web->Find("/", index_headers["ETag"]);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_FALSE(again->body);

  EXPECT_FALSE(web->Find("/../secret.txt", ""));
  EXPECT_FALSE(web->Find("/assets/missing.js", ""));
  fs::remove_all(folder);
}

TEST(StaticFiles, AFolderWithoutTheAppIsNamed) {
  Result<StaticFiles> web = StaticFiles::Load("/nonexistent/web/dist");
  ASSERT_FALSE(web.ok());
  EXPECT_NE(web.status().message().find("make web"), std::string::npos);
}

}  // namespace
}  // namespace continuum
