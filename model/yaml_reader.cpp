#include "model/yaml_reader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cassert>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "model/errors.hpp"

namespace orgsim::model {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string nesting_message() {
  return "nested more than " + std::to_string(kMaxYamlDepth) +
         " levels deep (is a bracket left open?)";
}

}  // namespace

// The depth is a conservative upper bound on yaml-cpp's recursion. Flow brackets
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
  // plain_mapping: the first content line is a plain "key:" at column 1, and no
  // "---", "..." or "%" line follows content (a lone "---" before it is fine).
  bool seen_content = false;
  bool plain = true;
  int markers = 0;
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
    // yaml-cpp treats a lone CR as a line break in some rules and not in others.
    if (row.find('\r') != std::string_view::npos) plain = false;

    int indent = 0;
    while (indent < static_cast<int>(row.size()) && row[indent] == ' ') ++indent;
    bool blank = indent == static_cast<int>(row.size());
    bool marker =
        (row.starts_with("---") || row.starts_with("...")) && (row.size() == 3 || is_blank(row[3]));
    // yaml-cpp ends a document at these wherever they are, even inside quotes or
    // brackets, so only a lone "---" before any content keeps the text plain.
    if (marker || row.starts_with('%')) {
      if (seen_content || row[0] == '%' || ++markers > 1) plain = false;
    }
    if (quote == 0 && scalar_parent != kNoScalar) {
      // Content is indented like its first line, which must be right of the parent.
      if (!marker && !blank && scalar_indent < 0 && indent > scalar_parent) scalar_indent = indent;
      if (!marker && (blank || (scalar_indent >= 0 && indent >= scalar_indent))) continue;
      scalar_parent = kNoScalar;
    }
    std::size_t c = 0;
    bool block_line = quote == 0 && flow == 0;
    bool entry = false;
    bool first_content = false;
    if (block_line) {
      if (blank || row[indent] == '#') continue;
      if (marker) {  // a new document: nothing is open any more
        stack.clear();
        stacked = 0;
        c = 3;
      } else {
        first_content = !seen_content;
        seen_content = true;
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
    if (first_content) {
      unsigned char first = static_cast<unsigned char>(row[0]);
      bool plain_key = std::isalnum(first) || first == '_';
      if (indent != 0 || !plain_key || indicator != ':') plain = false;
    }
    if (block_line && levels > 0) {
      stack.push_back({indent, levels, entry});
      stacked += levels;
    }
  }
  scan.plain_mapping = plain && seen_content;
  return scan;
}

namespace {

// Notes where each document starts and whether it holds anything, building no nodes.
class DocumentWalker final : public YAML::EventHandler {
 public:
  struct Document {
    YAML::Mark start;
    std::optional<YAML::Mark> content;  // the first node that is not null
  };
  std::vector<Document> documents;

  void OnDocumentStart(const YAML::Mark& mark) override { documents.push_back({mark, {}}); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { found(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    found(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    found(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    found(mark);
  }
  void OnMapEnd() override {}

 private:
  void found(const YAML::Mark& mark) {
    if (!documents.back().content) documents.back().content = mark;
  }
};

// yaml-cpp's LoadAll loops forever, allocating, when a document starts with a token
// its parser skips without consuming (a stray ',' or '?' at the top level). This
// walks the documents itself and stops when one makes no progress. Throws LoadError
// for that and for a second document with content; YAML::Exception for bad syntax.
void check_documents(std::string_view text, const std::string& file, const SourceFiles& sources) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  DocumentWalker walker;
  auto& docs = walker.documents;
  while (parser.HandleNextDocument(walker)) {
    if (docs.size() < 2) continue;
    const YAML::Mark& start = docs.back().start;
    if (start.pos == docs[docs.size() - 2].start.pos) {
      auto pos = static_cast<std::size_t>(start.pos);
      bool printable = pos < text.size() && text[pos] > ' ' && text[pos] < 0x7F;
      throw_load_error({file, start.line + 1, start.column + 1},
                       "invalid YAML: unexpected " +
                           (printable ? in_quotes(text.substr(pos, 1)) : std::string("text")),
                       &sources);
    }
    if (const auto& content = docs.back().content) {
      throw_load_error({file, content->line + 1, content->column + 1},
                       "file holds more than one YAML document; keep one per file", &sources);
    }
  }
}

}  // namespace

void throw_load_error(SourceLocation where, std::string message, const SourceFiles* sources) {
  std::string rendered = format_diagnostic({Severity::kError, where, message}, sources);
  throw LoadError(std::move(where), std::move(message), rendered);
}

YAML::Node parse_yaml_document(std::string_view text, const std::string& file,
                               const SourceFiles& sources) {
  auto at = [&](const YAML::Mark& m) {
    return m.is_null() ? SourceLocation{file} : SourceLocation{file, m.line + 1, m.column + 1};
  };
  TextScan scan = scan_yaml_text(text);
  if (scan.too_deep) {
    throw_load_error({file, scan.too_deep->line, scan.too_deep->column}, nesting_message(),
                     &sources);
  }
  YAML::Node root;
  try {
    if (!scan.plain_mapping) check_documents(text, file, sources);
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard (500 levels), in case the scan above underestimated.
    throw_load_error(at(e.mark), nesting_message(), &sources);
  } catch (const YAML::Exception& e) {
    // e.msg, not e.what(): what() repeats the position as "yaml-cpp: error at line...".
    throw_load_error(at(e.mark), "invalid YAML: " + e.msg, &sources);
  }
  if (root.IsNull()) throw_load_error({file}, "file is empty", &sources);
  if (!root.IsMap()) {
    throw_load_error(at(root.Mark()),
                     "the top level must be a mapping of fields, got " + describe(root), &sources);
  }
  return root;
}

std::optional<double> parse_finite_number(std::string_view text, bool* not_finite) {
  *not_finite = false;
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  std::string_view body = lower;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
  // YAML's spellings, which from_chars does not know, plus its own.
  if (body == ".nan" || body == ".inf" || body == "nan" || body == "inf" || body == "infinity") {
    *not_finite = true;
    return std::nullopt;
  }
  std::string_view digits = text;
  if (digits.starts_with('+')) digits.remove_prefix(1);
  if (digits.empty() || digits[0] == '+' || (digits[0] == '-' && text[0] == '+')) {
    return std::nullopt;
  }
  double value = 0.0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (end != digits.data() + digits.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    // Overflow or underflow: strtod tells them apart (inf, or a tiny or zero value).
    value = std::strtod(std::string(digits).c_str(), nullptr);
  } else if (ec != std::errc()) {
    return std::nullopt;
  }
  if (!std::isfinite(value)) {
    *not_finite = true;
    return std::nullopt;
  }
  return value;
}

std::optional<long long> parse_integer(std::string_view text, bool* overflow) {
  *overflow = false;
  std::string_view digits = text;
  if (digits.starts_with('+')) digits.remove_prefix(1);
  if (digits.empty() || digits[0] == '+' || (digits[0] == '-' && text[0] == '+')) {
    return std::nullopt;
  }
  long long value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (end != digits.data() + digits.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    *overflow = true;
    return std::nullopt;
  }
  if (ec != std::errc()) return std::nullopt;
  return value;
}

std::string in_quotes(std::string_view text) {
  constexpr std::size_t kMaxQuoted = 60;
  std::size_t limit = std::min(text.size(), kMaxQuoted);
  // Cut on a UTF-8 character boundary.
  while (limit < text.size() && limit > 0 &&
         (static_cast<unsigned char>(text[limit]) & 0xC0) == 0x80) {
    --limit;
  }
  std::string out = "'";
  for (std::size_t i = 0; i < limit; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (limit < text.size()) out += "...";
  return out + "'";
}

namespace {

// Levenshtein distance, or bound + 1 once it is known to exceed `bound`.
int bounded_distance(std::string_view a, std::string_view b, int bound, std::vector<int>& prev,
                     std::vector<int>& cur) {
  int diff = static_cast<int>(a.size()) - static_cast<int>(b.size());
  if (diff > bound || -diff > bound) return bound + 1;
  prev.resize(b.size() + 1);
  cur.resize(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int substitute = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitute});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > bound) return bound + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string did_you_mean(std::string_view name, std::size_t count,
                         const std::function<std::string_view(std::size_t)>& candidate) {
  if (count > kMaxSuggestCandidates) return "";
  constexpr int kMaxDistance = 2;
  // Also below the name's length, so "x" is not "corrected" to an unrelated "ab".
  int bound = std::min(kMaxDistance, static_cast<int>(name.size()) - 1);
  if (bound < 1) return "";
  std::vector<int> prev, cur;
  std::string_view best;
  int best_distance = bound + 1;
  for (std::size_t i = 0; i < count; ++i) {
    std::string_view c = candidate(i);
    int d = bounded_distance(name, c, bound, prev, cur);
    if (d < best_distance) {
      best = c;
      best_distance = d;
      if (d == 1) break;  // 0 cannot happen: the name was not found
    }
  }
  if (best_distance > bound) return "";
  return "; did you mean " + in_quotes(best) + "?";
}

bool NumberRange::contains(double v) const {
  bool above = low_open ? v > low : v >= low;
  bool below = high_open ? v < high : v <= high;
  return above && below;
}

std::string NumberRange::str() const {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%c%g, %g%c", low_open ? '(' : '[', low, high,
                high_open ? ')' : ']');
  return buf;
}

SourceLocation YamlReader::locate(const YAML::Mark& mark) const {
  if (mark.is_null()) return {file_};
  return {file_, mark.line + 1, mark.column + 1};
}

TextPos YamlReader::pos(const YAML::Mark& mark) {
  if (mark.is_null()) return {};
  return {mark.line + 1, mark.column + 1};
}

void YamlReader::error(const YAML::Mark& mark, std::string message) {
  diagnostics_.error(locate(mark), std::move(message));
}

std::string YamlReader::suggest(std::string_view name, std::size_t count,
                                const std::function<std::string_view(std::size_t)>& candidate) {
  if (count > suggest_budget_) return "";
  suggest_budget_ -= count;
  return did_you_mean(name, count, candidate);
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "an empty value";
    case YAML::NodeType::Sequence:
      return "a sequence";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Scalar:
      return in_quotes(node.Scalar());
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

Fields::Fields(YamlReader& reader, const YAML::Node& map, std::string what,
               std::span<const std::string_view> allowed)
    : reader_(reader), what_(std::move(what)), mark_(map.Mark()) {
  // Not `it->first`: yaml-cpp's operator-> returns a temporary, so a reference
  // into it dangles. A range-for keeps each key/value pair alive.
  for (const auto& kv : map) {
    const YAML::Node& key = kv.first;
    if (key.IsNull()) {
      reader_.error(key.Mark(), "a field name is missing before ':'");
      continue;
    }
    if (!key.IsScalar()) {
      reader_.error(key.Mark(), "field names must be plain text, got " + describe(key));
      continue;
    }
    const std::string& name = key.Scalar();
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string hint =
          did_you_mean(name, allowed.size(), [&](std::size_t i) { return allowed[i]; });
      reader_.error(key.Mark(), "unknown field " + in_quotes(name) + " in " + what_ + hint);
      continue;
    }
    // yaml-cpp keeps both copies of a repeated key; the first one wins.
    if (find(name)) {
      reader_.error(key.Mark(), "duplicate field " + in_quotes(name));
      continue;
    }
    entries_.push_back({name, key.Mark(), kv.second});
  }
}

const Fields::Entry* Fields::find(std::string_view key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const YAML::Mark& Fields::key_mark(std::string_view key) const {
  const Entry* e = find(key);
  assert(e && "key_mark() of an absent key");
  return e->key_mark;
}

YAML::Mark Fields::value_mark(std::string_view key) const {
  const Entry* e = find(key);
  assert(e && "value_mark() of an absent key");
  if (e->value.IsNull() || e->value.Mark().is_null()) return e->key_mark;
  return e->value.Mark();
}

void Fields::report_missing(std::string_view key) {
  reader_.error(mark_, what_ + " is missing required field '" + std::string(key) + "'");
}

const Fields::Entry* Fields::lookup(std::string_view key, bool required) {
  const Entry* e = find(key);
  if (!e && required) report_missing(key);
  return e;
}

void Fields::wrong_type(const Entry& e, std::string_view expected) {
  reader_.error(value_mark(e.key), "field '" + e.key + "' must be " + std::string(expected) +
                                       ", got " + describe(e.value));
}

std::optional<std::string> Fields::text(std::string_view key, bool required) {
  const Entry* e = lookup(key, required);
  if (!e) return std::nullopt;
  if (e->value.IsNull() && !required) return std::string();
  if (e->value.IsNull() || (e->value.IsScalar() && e->value.Scalar().empty())) {
    reader_.error(value_mark(e->key), "field '" + e->key + "' must not be empty");
    return std::nullopt;
  }
  if (!e->value.IsScalar()) {
    wrong_type(*e, "a string");
    return std::nullopt;
  }
  return e->value.Scalar();
}

std::optional<std::string> Fields::id(std::string_view key) {
  std::optional<std::string> text = this->text(key, true);
  if (!text) return std::nullopt;
  YAML::Mark where = value_mark(key);
  std::string field = "field '" + std::string(key) + "'";
  if (text->size() > kMaxIdBytes) {
    reader_.error(where, field + " is too long: " + std::to_string(text->size()) +
                             " bytes, at most " + std::to_string(kMaxIdBytes));
    return std::nullopt;
  }
  if (std::any_of(text->begin(), text->end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
    reader_.error(where, field + " must not contain control characters, got " + in_quotes(*text));
    return std::nullopt;
  }
  return text;
}

std::optional<double> Fields::number(std::string_view key, const NumberRange& range,
                                     bool required) {
  const Entry* e = lookup(key, required);
  if (!e) return std::nullopt;
  if (!e->value.IsScalar()) {
    wrong_type(*e, "a number");
    return std::nullopt;
  }
  const std::string& s = e->value.Scalar();
  bool not_finite = false;
  std::optional<double> v = parse_finite_number(s, &not_finite);
  if (!v) {
    wrong_type(*e, not_finite ? "a finite number" : "a number");
    return std::nullopt;
  }
  if (!range.contains(*v)) {
    reader_.error(value_mark(e->key), e->key + " must be in " + range.str() + ", got " + s);
    return std::nullopt;
  }
  return v;
}

std::optional<int> Fields::integer(std::string_view key, const IntegerRange& range, bool required) {
  const Entry* e = lookup(key, required);
  if (!e) return std::nullopt;
  if (!e->value.IsScalar()) {
    wrong_type(*e, "an integer");
    return std::nullopt;
  }
  const std::string& s = e->value.Scalar();
  bool overflow = false;
  std::optional<long long> v = parse_integer(s, &overflow);
  if (!v && !overflow) {
    wrong_type(*e, "an integer");
    return std::nullopt;
  }
  bool below = v ? *v < range.low : s.starts_with('-');
  if (overflow || below || *v > range.high) {
    std::string allowed;
    if (range.low != INT_MIN && range.high != INT_MAX) {
      allowed = "in [" + std::to_string(range.low) + ", " + std::to_string(range.high) + "]";
    } else if (below) {
      allowed = "at least " + std::to_string(range.low);
    } else {
      allowed = "at most " + std::to_string(range.high);
    }
    reader_.error(value_mark(e->key), e->key + " must be " + allowed + ", got " + s);
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<YAML::Node> Fields::sequence(std::string_view key, bool required, bool non_empty) {
  const Entry* e = lookup(key, required);
  if (!e) return std::nullopt;
  if (!e->value.IsNull() && !e->value.IsSequence()) {
    wrong_type(*e, "a sequence");
    return std::nullopt;
  }
  if (non_empty && (e->value.IsNull() || e->value.size() == 0)) {
    reader_.error(value_mark(e->key), "field '" + e->key + "' must not be empty");
    return std::nullopt;
  }
  if (e->value.IsNull()) return YAML::Node(YAML::NodeType::Sequence);
  return e->value;
}

std::optional<YAML::Node> Fields::mapping(std::string_view key) {
  const Entry* e = lookup(key, false);
  if (!e || e->value.IsNull()) return std::nullopt;
  if (!e->value.IsMap()) {
    wrong_type(*e, "a mapping");
    return std::nullopt;
  }
  return e->value;
}

}  // namespace orgsim::model
