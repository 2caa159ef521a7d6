// The JSON the renderers in this folder write, as text. Names and paths in a report come from
// users' files and the command line, and a string that is not UTF-8 (an id from a Latin-1
// export, a file name) must not stop a report: each bad byte is written as U+FFFD, the
// replacement character, as browsers and editors show it. Import refuses such bytes at the door
// (docs/data-format.md); this is for what comes in another way.
//
//   return JsonText(j, 2) + "\n";   // indented, for --json
//   return JsonText(j);             // compact, for the server
#pragma once

#include <string>

namespace continuum {

template <typename Json>
std::string JsonText(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace continuum
