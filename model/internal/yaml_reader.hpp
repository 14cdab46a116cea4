#pragma once
// The YAML layer under the loader: libyaml's event parser into a compact node arena
// (model/internal/yaml_document.hpp), a nesting guard, and typed access to the fields of
// a mapping that reports every problem with its position. Include it from model/*.cpp only.

#include <boost/container/small_vector.hpp>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"
#include "common/source_files.hpp"
#include "model/distribution.hpp"
#include "model/internal/name_hints.hpp"
#include "model/internal/yaml_document.hpp"
#include "model/rules.hpp"

namespace orgsim::model {

/// Deepest nesting of collections accepted in an input file (ours need about 4).
inline constexpr int kMaxYamlDepth = 64;

/// What a scan of the text finds before the parser sees it.
struct TextScan {
  /// Where the nesting of collections first goes past the limit. libyaml does not
  /// recurse (its state stack is on the heap) and nor does the arena or the loader, so
  /// this is an input limit now rather than a guard for the stack: it refuses a file
  /// of brackets before any work, with a message that names the likely cause, and it
  /// bounds the builder's stack of open collections.
  std::optional<TextPos> too_deep;
};

/// A cheap pass over `text`, ignoring quoted text, comments and block scalars.
/// Time complexity: O(size of text).
TextScan scan_yaml_text(std::string_view text, int max_depth = kMaxYamlDepth);

/// Throws the "nested more than kMaxYamlDepth levels" LoadError, at the place
/// scan_yaml_text finds (where the tests and users expect it) or else at `fallback`.
/// The reader calls it when its collections nest deeper than the limit, so the scan,
/// a conservative bound, runs only on files that are refused anyway.
[[noreturn]] void throw_too_deep(std::string_view text, const std::string& file,
                                 const SourceFiles& sources, TextPos fallback);

/// Throws a LoadError at `where`, rendered with the quoted line when `sources` knows it.
[[noreturn]] void throw_load_error(SourceLocation where, std::string message,
                                   const SourceFiles* sources);

/// Reads `text` into a document with libyaml, checking nothing but the YAML itself
/// (model/yaml_document.cpp). `text` must outlive the document. Throws LoadError for
/// invalid YAML or a second document with content. Time complexity: O(size of text).
YamlDocument read_yaml_document(std::string_view text, const std::string& file,
                                const SourceFiles& sources);

/// Parses `text` (already added to `sources` under `file`, and outliving the result) as
/// one YAML document whose top level is a mapping: doc.root(). Throws LoadError for deep
/// nesting, invalid YAML, an empty file, several documents, or a top level that is not a
/// mapping.
YamlDocument parse_yaml_document(std::string_view text, const std::string& file,
                                 const SourceFiles& sources);

/// `text` as a finite double (decimal or exponent notation, optional sign); nullopt if
/// it is not a number. Sets `*not_finite` for nan, inf, .inf and overflowing values.
std::optional<double> parse_finite_number(std::string_view text, bool* not_finite);

/// `text` as a decimal integer; nullopt if it is not one. Sets `*overflow` when it is
/// an integer too large for long long.
std::optional<long long> parse_integer(std::string_view text, bool* overflow);

/// Diagnostics for one input file: turns marks into locations.
class YamlReader {
 public:
  YamlReader(std::string file, Diagnostics& diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}

  const std::string& file() const { return file_; }
  SourceLocation locate(const YamlMark& mark) const;
  static TextPos pos(const YamlMark& mark);
  void error(const YamlMark& mark, std::string message);

  /// did_you_mean within a per-file budget of compared names (SuggestBudget).
  std::string suggest(std::string_view name, std::size_t count,
                      const std::function<std::string_view(std::size_t)>& candidate) {
    return suggest_.suggest(name, count, candidate);
  }

 private:
  std::string file_;
  Diagnostics& diagnostics_;
  SuggestBudget suggest_;
};

/// A number that may be written as a distribution: `value` is then its nominal value.
struct UncertainNumber {
  double value = 0.0;
  std::optional<Distribution> dist;
  TextPos where;  ///< of the value
};

/// The fields of one YAML mapping. Unknown fields (with a "did you mean") and
/// duplicate fields are reported when it is built; the getters report missing
/// required fields and values of the wrong type or out of range, and return
/// nullopt for them, so the caller can go on checking the rest.
class Fields {
 public:
  /// `what` names the mapping in messages ("dependency"); `map` must be a mapping.
  Fields(YamlReader& reader, const YamlNode& map, std::string what,
         std::span<const std::string_view> allowed);

  bool has(std::string_view key) const { return find(key) != nullptr; }
  const YamlMark& mark() const { return mark_; }
  /// Position of `key` (which must be present).
  const YamlMark& key_mark(std::string_view key) const;
  /// Position of the value of `key` (which must be present); an empty value is
  /// located at its key, as it has no token of its own.
  YamlMark value_mark(std::string_view key) const;
  /// Reports missing_field_message(<what>, <key>) at the mapping.
  void report_missing(std::string_view key);

  /// A scalar as text. Required text must not be empty; optional text may be.
  std::optional<std::string> text(std::string_view key, bool required);
  /// A name (a label for people): text within check_name's rule.
  std::optional<std::string> name(std::string_view key, bool required);
  /// A required id: non-empty, at most kMaxIdBytes, no control characters.
  std::optional<std::string> id(std::string_view key);
  /// A number in `range`. Out of range is check_range's message.
  std::optional<double> number(std::string_view key, const Interval& range, bool required);
  /// An integer in `range`, which must lie within int.
  std::optional<int> integer(std::string_view key, const IntegerInterval& range, bool required);
  /// As number(), but the value may also be one distribution, {uniform: [a, b]},
  /// {triangular: [min, mode, max]} or {normal: [mean, sd]}, whose support (the mean of
  /// a normal) must lie in `range`; samples are clipped to its closure.
  /// Defined in model/distribution_yaml.cpp.
  std::optional<UncertainNumber> uncertain_number(std::string_view key, const Interval& range,
                                                  bool required);
  /// A sequence; an empty value counts as an empty sequence unless `non_empty`.
  /// (An empty value is returned as it is: its items() are none.)
  std::optional<YamlNode> sequence(std::string_view key, bool required, bool non_empty);
  /// A mapping; an empty value counts as absent.
  std::optional<YamlNode> mapping(std::string_view key);

 private:
  struct Entry {
    std::string_view key;
    YamlMark key_mark;
    YamlNode value;
  };
  const Entry* find(std::string_view key) const;
  /// The entry for `key` if present; reports it missing when `required`.
  const Entry* lookup(std::string_view key, bool required);
  void wrong_type(const Entry& e, std::string_view expected);

  YamlReader& reader_;
  std::string what_;
  YamlMark mark_;
  // Allowed keys only, first occurrence of each; inline, as a model builds one Fields
  // per item (a million at a time) and most items have a handful of fields.
  boost::container::small_vector<Entry, 8> entries_;
};

/// "a mapping", "a sequence", "an empty value" or the quoted scalar, for "got ..." messages.
std::string describe(const YamlNode& node);

}  // namespace orgsim::model
