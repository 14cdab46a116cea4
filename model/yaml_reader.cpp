#include "model/internal/yaml_reader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cassert>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "common/errors.hpp"
#include "common/printable.hpp"

namespace orgsim::model {

namespace {

std::string nesting_message() {
  return "nested more than " + std::to_string(kMaxYamlDepth) +
         " levels deep (is a bracket left open?)";
}

}  // namespace

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

namespace {

// yaml-cpp reports a tab in the indentation as "illegal block entry" or the like, which
// does not say "tab": name the first line up to `error_line` (1-based) indented with one.
std::string tab_hint(std::string_view text, int error_line) {
  int line = 1;
  for (std::size_t start = 0; start < text.size() && line <= error_line; ++line) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view content = text.substr(start, end - start);
    const std::size_t indent = content.find_first_not_of(" \t");
    if (indent != std::string_view::npos &&
        content.substr(0, indent).find('\t') != std::string_view::npos) {
      return " (line " + std::to_string(line) +
             " is indented with a tab; YAML indents with spaces only)";
    }
    start = end + 1;
  }
  return "";
}

}  // namespace

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
    throw_load_error(at(e.mark), "invalid YAML: " + e.msg + tab_hint(text, e.mark.line + 1),
                     &sources);
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
      reader_.error(key.Mark(), unknown_field_message(name, what_, allowed));
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
  reader_.error(mark_, missing_field_message(what_, key));
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

std::optional<std::string> Fields::name(std::string_view key, bool required) {
  std::optional<std::string> text = this->text(key, required);
  if (!text || text->empty()) return text;
  if (auto message = check_name("field '" + std::string(key) + "'", *text)) {
    reader_.error(value_mark(key), std::move(*message));
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> Fields::id(std::string_view key) {
  std::optional<std::string> text = this->text(key, true);
  if (!text) return std::nullopt;
  if (auto message = check_id("field '" + std::string(key) + "'", *text)) {
    reader_.error(value_mark(key), std::move(*message));
    return std::nullopt;
  }
  return text;
}

std::optional<double> Fields::number(std::string_view key, const Interval& range, bool required) {
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
  if (auto message = check_range(e->key, range, *v, s)) {
    reader_.error(value_mark(e->key), std::move(*message));
    return std::nullopt;
  }
  return v;
}

std::optional<int> Fields::integer(std::string_view key, const IntegerInterval& range,
                                   bool required) {
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
  // Too large for long long: as far out as it goes, so outside any range within int.
  assert(range.low >= INT_MIN && range.high <= INT_MAX);
  const long long value = v ? *v : s.starts_with('-') ? LLONG_MIN : LLONG_MAX;
  if (auto message = check_range(e->key, range, value, s)) {
    reader_.error(value_mark(e->key), std::move(*message));
    return std::nullopt;
  }
  return static_cast<int>(value);
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
