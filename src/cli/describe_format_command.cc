// continuum describe-format: prints the interchange format's tables as Markdown.
#include <cstdio>

#include "cli/command.h"
#include "report/data_format_doc.h"

namespace continuum {
namespace {

CommandRegistration kDescribeFormat("describe-format",
                                    "Print every interchange file's columns (name, type, "
                                    "required, meaning, example) as Markdown",
                                    [](CLI::App&) -> CommandRun {
                                      return [] {
                                        const std::string text = RenderDataFormatMarkdown();
                                        std::fwrite(text.data(), 1, text.size(), stdout);
                                        return Status::Ok();
                                      };
                                    });

}  // namespace
}  // namespace continuum
