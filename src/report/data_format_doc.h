// The interchange format described from its declaration (model/schema.h), as Markdown tables:
// docs/data-format.md embeds this text, and a test keeps the two the same.
//
//   std::string md = RenderDataFormatMarkdown();
#pragma once

#include <string>

namespace continuum {

std::string RenderDataFormatMarkdown();

}  // namespace continuum
