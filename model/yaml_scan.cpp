// The text scan that runs before the parser: how deep collections nest. It was a guard
// for yaml-cpp's stack (its parser recursed once per level); libyaml, the arena and the
// loader do not recurse, so it stays as the input limit kMaxYamlDepth, whose messages
// the tests pin (where the 65th level opens). Split from yaml_reader.cpp to keep files
// small. Its cost is a few percent of libyaml's (docs/performance.md).
#include "model/internal/yaml_reader.hpp"

namespace orgsim::model {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

// The depth is a conservative upper bound on the nesting of collections. Flow brackets
// outside quotes and comments count one level each. Block structure is counted by
// indicators rather than by indentation width ("- ", "? " and "key:" each open a
// level), kept on a stack of open lines that is unwound as the indentation returns.
// Block scalar content (after | or >) is skipped, so prose may hold brackets.
TextScan scan_yaml_text(std::string_view text, int max_depth) {
  TextScan scan;
  auto too_deep = [&scan](int line, int col) {
    scan.too_deep = TextPos{line, col + 1};
    return scan;
  };
  struct Open {
    int column;
    int levels;
    bool entry;  // the line starts with "- " or "? "
  };
  std::vector<Open> stack;
  int stacked = 0;
  int flow = 0;
  char quote = 0;
  constexpr int kNoScalar = INT_MIN;
  int scalar_parent = kNoScalar;  // inside a block scalar: the indentation of its parent
  int scalar_indent = -1;         // and of its content, once its first line is seen
  int line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    ++line;
    std::size_t eol = std::min(text.find('\n', start), text.size());
    std::string_view row = text.substr(start, eol - start);
    start = eol + 1;
    if (row.ends_with('\r')) row.remove_suffix(1);

    int indent = 0;
    while (indent < static_cast<int>(row.size()) && row[indent] == ' ') ++indent;
    bool blank = indent == static_cast<int>(row.size());
    bool marker =
        (row.starts_with("---") || row.starts_with("...")) && (row.size() == 3 || is_blank(row[3]));
    if (quote == 0 && scalar_parent != kNoScalar) {
      // Content is indented like its first line, which must be right of the parent.
      if (!marker && !blank && scalar_indent < 0 && indent > scalar_parent) scalar_indent = indent;
      if (!marker && (blank || (scalar_indent >= 0 && indent >= scalar_indent))) continue;
      scalar_parent = kNoScalar;
    }
    std::size_t c = 0;
    bool block_line = quote == 0 && flow == 0;
    bool entry = false;
    if (block_line) {
      if (blank || row[indent] == '#') continue;
      if (marker) {  // a new document: nothing is open any more
        stack.clear();
        stacked = 0;
        c = 3;
      } else {
        c = static_cast<std::size_t>(indent);
        entry = (row[c] == '-' || row[c] == '?') && (c + 1 == row.size() || is_blank(row[c + 1]));
        // A sequence may sit at its parent key's indentation ("key:\n- a").
        while (!stack.empty() &&
               (stack.back().column > indent ||
                (stack.back().column == indent && !(entry && !stack.back().entry)))) {
          stacked -= stack.back().levels;
          stack.pop_back();
        }
      }
    }

    int levels = 0;            // block levels opened on this line
    bool can_start = true;     // a token may start here (a quote, a block scalar)
    bool in_property = false;  // inside an anchor, alias or tag
    char indicator = 0;        // the last block indicator seen: '-', '?' or ':'
    int entry_col = indent;    // where the last "- "/"? " was
    int key_col = indent;      // where the current key started
    bool want_key = true;
    for (; c < row.size(); ++c) {
      char ch = row[c];
      if (quote == '\'') {
        if (ch == '\'') {
          if (c + 1 < row.size() && row[c + 1] == '\'') {
            ++c;
          } else {
            quote = 0;
            can_start = true;
          }
        }
        continue;
      }
      if (quote == '"') {
        if (ch == '\\') {
          ++c;
        } else if (ch == '"') {
          quote = 0;
          can_start = true;
        }
        continue;
      }
      // An anchor, alias or tag ends at a blank or at a flow indicator.
      if (in_property && (ch == ',' || ch == '[' || ch == ']' || ch == '{' || ch == '}')) {
        in_property = false;
        can_start = true;
      }
      if (is_blank(ch)) {
        if (in_property) can_start = true;
        in_property = false;
        continue;
      }
      if (ch == '#' && (c == 0 || is_blank(row[c - 1]))) break;
      bool space_after = c + 1 == row.size() || is_blank(row[c + 1]);
      int col = static_cast<int>(c);
      // In block context a bracket inside plain text ("see [1") opens nothing.
      if ((ch == '[' || ch == '{') && (flow > 0 || can_start)) {
        if (stacked + levels + ++flow > max_depth) return too_deep(line, col);
        can_start = true;
        continue;
      }
      if (ch == ']' || ch == '}') {
        if (flow > 0) --flow;
        can_start = true;  // yaml-cpp starts a token right after, blank or not
        continue;
      }
      if (flow > 0 && (ch == ',' || ch == ':')) {
        can_start = true;
        continue;
      }
      if (flow == 0 && ((ch == '-' || ch == '?') && can_start && space_after)) {
        if (stacked + ++levels > max_depth) return too_deep(line, col);
        indicator = ch;
        entry_col = col;
        want_key = true;
        continue;
      }
      if (flow == 0 && ch == ':' && space_after) {
        if (stacked + ++levels > max_depth) return too_deep(line, col);
        indicator = ':';
        can_start = true;
        continue;
      }
      if (flow == 0 && can_start && (ch == '|' || ch == '>')) {
        if (indicator == ':') {
          scalar_parent = key_col;
        } else if (indicator != 0) {
          scalar_parent = entry_col;
        } else {  // on a line of its own; at the top level yaml-cpp wants content indented
          scalar_parent = stack.empty() ? 0 : stack.back().column;
        }
        scalar_indent = -1;
        break;  // the rest of the line is indicators and a comment
      }
      if (can_start && (ch == '!' || ch == '&' || ch == '*')) {
        in_property = true;
        can_start = false;
        continue;
      }
      if (can_start && want_key && flow == 0) {
        key_col = col;
        want_key = false;
      }
      if (can_start && (ch == '\'' || ch == '"')) quote = ch;
      can_start = false;
    }
    if (block_line && levels > 0) {
      stack.push_back({indent, levels, entry});
      stacked += levels;
    }
  }
  return scan;
}

}  // namespace orgsim::model
