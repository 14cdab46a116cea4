#include "common/source_files.hpp"

namespace orgsim {

void SourceFiles::add(std::string path, std::string text) {
  Text t{std::move(text), {0}};
  for (std::size_t i = 0; i < t.text.size(); ++i) {
    if (t.text[i] == '\n') t.line_starts.push_back(i + 1);
  }
  texts_[std::move(path)] = std::move(t);
}

std::optional<std::string_view> SourceFiles::line(const std::string& path, int line) const {
  auto it = texts_.find(path);
  if (it == texts_.end() || line < 1) return std::nullopt;
  const Text& t = it->second;
  const auto index = static_cast<std::size_t>(line - 1);
  if (index >= t.line_starts.size()) return std::nullopt;
  std::string_view text = t.text;
  const std::size_t start = t.line_starts[index];
  const std::size_t end =
      index + 1 < t.line_starts.size() ? t.line_starts[index + 1] - 1 : text.size();
  std::string_view result = text.substr(start, end - start);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

const std::string* SourceFiles::text(const std::string& path) const {
  auto it = texts_.find(path);
  return it == texts_.end() ? nullptr : &it->second.text;
}

namespace {

// Diagnostics end up on a terminal, and both the quoted line and parts of a message
// (yaml-cpp's, for one) come from the input file: control characters, which could
// clear the screen or retitle the window, become '?'. Tabs stay (the caret needs
// them) where `keep_tabs`; C1 controls (U+0080..U+009F, UTF-8 C2 80..C2 9F) go too.
std::string printable(std::string_view s, bool keep_tabs) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9f) {
      out += '?';
      ++i;
    } else if ((c < 0x20 && !(keep_tabs && c == '\t')) || c == 0x7f) {
      out += '?';
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Tabs are kept so the caret lines up under the same column in a terminal.
std::string caret_line(std::string_view line, int column) {
  std::string caret;
  for (int i = 1; i < column && static_cast<std::size_t>(i - 1) < line.size(); ++i) {
    caret += line[i - 1] == '\t' ? '\t' : ' ';
  }
  return caret + "^";
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d, const SourceFiles* sources) {
  std::string out = printable(d.where.str(), false) + ": ";
  out += d.severity == Severity::kError ? "error: " : "warning: ";
  out += printable(d.message, false);
  out += '\n';
  if (sources && d.where.line > 0) {
    if (auto text = sources->line(d.where.file, d.where.line)) {
      // Very long lines (minified input) are cut so the caret stays readable.
      constexpr std::size_t kMaxQuote = 160;
      if (text->size() <= kMaxQuote) {
        out += "    " + printable(*text, true) + "\n";
        if (d.where.column > 0) out += "    " + caret_line(*text, d.where.column) + "\n";
      }
    }
  }
  return out;
}

std::string format_diagnostics(const Diagnostics& ds, const SourceFiles* sources) {
  std::string out;
  for (const auto& d : ds.items()) out += format_diagnostic(d, sources);
  if (const std::size_t more = ds.unlisted_errors()) {
    out += "... and " + std::to_string(more) + " more error" + (more == 1 ? "" : "s") +
           " (only the first " + std::to_string(Diagnostics::kMaxListedErrors) + " are listed)\n";
  }
  return out;
}

}  // namespace orgsim
