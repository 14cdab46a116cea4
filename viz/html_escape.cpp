#include "viz/html_escape.hpp"

#include "viz/utf8.hpp"

namespace orgsim::viz {

std::string escape_html(std::string_view raw, HtmlTarget target) {
  const bool label = target == HtmlTarget::kGraphvizLabel;
  const std::string text = valid_utf8(raw);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
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
      case '\\':
        out += label ? "\\\\" : "\\";
        break;
      case '\n':
      case '\t':
        if (!label) out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
    }
  }
  return out;
}

}  // namespace orgsim::viz
