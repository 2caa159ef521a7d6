#include "report/data_format_doc.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace continuum {
namespace {

// docs/data-format.md must describe exactly the format the code declares.
TEST(DataFormatDoc, DocsHoldTheTablesTheCodeDeclares) {
  std::ifstream in(std::string(CONTINUUM_SOURCE_DIR) + "/docs/data-format.md");
  std::stringstream docs;
  docs << in.rdbuf();
  const std::string generated = RenderDataFormatMarkdown();
  EXPECT_NE(docs.str().find(generated), std::string::npos)
      << "regenerate the tables in docs/data-format.md with: build/continuum describe-format";
}

}  // namespace
}  // namespace continuum
