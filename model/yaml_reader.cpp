#include "model/internal/yaml_reader.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdlib>

#include "common/errors.hpp"

namespace orgsim::model {

namespace {

std::string nesting_message() {
  return "nested more than " + std::to_string(kMaxYamlDepth) +
         " levels deep (is a bracket left open?)";
}

}  // namespace

void throw_load_error(SourceLocation where, std::string message, const SourceFiles* sources) {
  std::string rendered = format_diagnostic({Severity::kError, where, message}, sources);
  throw LoadError(std::move(where), std::move(message), rendered);
}

void throw_too_deep(std::string_view text, const std::string& file, const SourceFiles& sources,
                    TextPos fallback) {
  const TextScan scan = scan_yaml_text(text);
  const TextPos at = scan.too_deep ? *scan.too_deep : fallback;
  throw_load_error({file, at.line, at.column}, nesting_message(), &sources);
}

YamlDocument parse_yaml_document(std::string_view text, const std::string& file,
                                 const SourceFiles& sources) {
  YamlDocument doc = read_yaml_document(text, file, sources);
  const YamlNode root = doc.root();
  if (root.is_null()) throw_load_error({file}, "file is empty", &sources);
  if (!root.is_map()) {
    const YamlMark m = root.mark();
    throw_load_error({file, m.line, m.column},
                     "the top level must be a mapping of fields, got " + describe(root), &sources);
  }
  return doc;
}

std::optional<double> parse_finite_number(std::string_view text, bool* not_finite) {
  *not_finite = false;
  std::string_view body = text;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
  // YAML's spellings, which from_chars does not know, plus its own, in any case. Compared
  // without a lower-case copy: this runs for every number of a model.
  auto is = [body](std::string_view word) {
    return body.size() == word.size() &&
           std::equal(body.begin(), body.end(), word.begin(), [](char c, char w) {
             return (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) == w;
           });
  };
  if (is(".nan") || is(".inf") || is("nan") || is("inf") || is("infinity")) {
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

SourceLocation YamlReader::locate(const YamlMark& mark) const {
  if (mark.is_null()) return {file_};
  return {file_, mark.line, mark.column};
}

TextPos YamlReader::pos(const YamlMark& mark) {
  if (mark.is_null()) return {};
  return {mark.line, mark.column};
}

void YamlReader::error(const YamlMark& mark, std::string message) {
  diagnostics_.error(locate(mark), std::move(message));
}

std::string describe(const YamlNode& node) {
  if (node.is_null()) return "an empty value";
  if (node.is_sequence()) return "a sequence";
  if (node.is_map()) return "a mapping";
  return in_quotes(node.scalar());
}

Fields::Fields(YamlReader& reader, const YamlNode& map, std::string what,
               std::span<const std::string_view> allowed)
    : reader_(reader), what_(std::move(what)), mark_(map.mark()) {
  for (const YamlNode::Entry kv : map.entries()) {
    const YamlNode& key = kv.first;
    if (key.is_null()) {
      reader_.error(key.mark(), "a field name is missing before ':'");
      continue;
    }
    if (!key.is_scalar()) {
      reader_.error(key.mark(), "field names must be plain text, got " + describe(key));
      continue;
    }
    const std::string_view name = key.scalar();
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      reader_.error(key.mark(), unknown_field_message(std::string(name), what_, allowed));
      continue;
    }
    // The document keeps both copies of a repeated key; the first one wins.
    if (find(name)) {
      reader_.error(key.mark(), "duplicate field " + in_quotes(name));
      continue;
    }
    entries_.push_back({name, key.mark(), kv.second});
  }
}

const Fields::Entry* Fields::find(std::string_view key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const YamlMark& Fields::key_mark(std::string_view key) const {
  const Entry* e = find(key);
  assert(e && "key_mark() of an absent key");
  return e->key_mark;
}

YamlMark Fields::value_mark(std::string_view key) const {
  const Entry* e = find(key);
  assert(e && "value_mark() of an absent key");
  if (e->value.is_null() || e->value.mark().is_null()) return e->key_mark;
  return e->value.mark();
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
  reader_.error(value_mark(e.key), "field '" + std::string(e.key) + "' must be " +
                                       std::string(expected) + ", got " + describe(e.value));
}

std::optional<std::string> Fields::text(std::string_view key, bool required) {
  const Entry* e = lookup(key, required);
  if (!e) return std::nullopt;
  if (e->value.is_null() && !required) return std::string();
  if (e->value.is_null() || (e->value.is_scalar() && e->value.scalar().empty())) {
    reader_.error(value_mark(e->key), "field '" + std::string(e->key) + "' must not be empty");
    return std::nullopt;
  }
  if (!e->value.is_scalar()) {
    wrong_type(*e, "a string");
    return std::nullopt;
  }
  return std::string(e->value.scalar());
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
  if (!e->value.is_scalar()) {
    wrong_type(*e, "a number");
    return std::nullopt;
  }
  const std::string_view s = e->value.scalar();
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
  if (!e->value.is_scalar()) {
    wrong_type(*e, "an integer");
    return std::nullopt;
  }
  const std::string_view s = e->value.scalar();
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

std::optional<YamlNode> Fields::sequence(std::string_view key, bool required, bool non_empty) {
  const Entry* e = lookup(key, required);
  if (!e) return std::nullopt;
  if (!e->value.is_null() && !e->value.is_sequence()) {
    wrong_type(*e, "a sequence");
    return std::nullopt;
  }
  if (non_empty && (e->value.is_null() || e->value.size() == 0)) {
    reader_.error(value_mark(e->key), "field '" + std::string(e->key) + "' must not be empty");
    return std::nullopt;
  }
  return e->value;  // an empty value has no items, as an empty sequence
}

std::optional<YamlNode> Fields::mapping(std::string_view key) {
  const Entry* e = lookup(key, false);
  if (!e || e->value.is_null()) return std::nullopt;
  if (!e->value.is_map()) {
    wrong_type(*e, "a mapping");
    return std::nullopt;
  }
  return e->value;
}

}  // namespace orgsim::model
