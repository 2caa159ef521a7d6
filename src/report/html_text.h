// Text made safe for HTML: the five characters that could end an element or an attribute are
// written as entities, so a name from a user's file cannot add markup to a report.
//
//   out += "<h1>" + HtmlText(plan.name) + "</h1>";
#pragma once

#include <string>
#include <string_view>

namespace continuum {

inline std::string HtmlText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace continuum
