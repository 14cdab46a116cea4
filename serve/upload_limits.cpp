#include "serve/upload_limits.hpp"

#include "serve/what_if.hpp"

namespace orgsim::serve {

namespace {

// Where a token may start: after a blank, a flow indicator or the start of a line.
bool token_boundary(char before) {
  return before == ' ' || before == '\t' || before == '\n' || before == '[' || before == '{' ||
         before == ',';
}

}  // namespace

std::size_t count_yaml_aliases(std::string_view text) {
  std::size_t aliases = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char before = i == 0 ? '\n' : text[i - 1];
    if (quote == '"') {
      if (c == '\\') {
        ++i;  // an escaped character
      } else if (c == '"') {
        quote = 0;
      }
      continue;
    }
    if (quote == '\'') {
      if (c == '\'') quote = 0;  // '' inside is a quote and the start of another: same count
      continue;
    }
    if (!token_boundary(before)) continue;
    if (c == '#') {
      const std::size_t eol = text.find('\n', i);
      if (eol == std::string_view::npos) break;
      i = eol - 1;  // the newline is seen next, as a boundary
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '*' && i + 1 < text.size() && !token_boundary(text[i + 1]) &&
               text[i + 1] != '\r') {
      ++aliases;
    }
  }
  return aliases;
}

void check_upload(std::string_view text) {
  const std::size_t aliases = count_yaml_aliases(text);
  if (aliases > kMaxYamlAliases) {
    throw RequestError(400, "cannot read the scenario: it uses " + std::to_string(aliases) +
                                " YAML aliases (*name); at most " +
                                std::to_string(kMaxYamlAliases) + " are allowed");
  }
}

std::vector<std::string> capped_details(std::vector<std::string> details) {
  if (details.size() <= kMaxParseDetails) return details;
  const std::size_t more = details.size() - (kMaxParseDetails - 1);
  details.resize(kMaxParseDetails - 1);
  details.push_back("... and " + std::to_string(more) + " more");
  return details;
}

}  // namespace orgsim::serve
