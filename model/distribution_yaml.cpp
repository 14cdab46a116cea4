// Reading a number that may be a distribution: Fields::uncertain_number.
#include <array>

#include "model/internal/yaml_reader.hpp"

namespace orgsim::model {

namespace {

struct KindSpec {
  std::string_view name;
  DistributionKind kind;
  std::array<std::string_view, 3> params;  // names used in messages; "" past the arity
  std::string_view list;                   // "[a, b]" as in the docs
};

constexpr KindSpec kKinds[] = {
    {"uniform", DistributionKind::kUniform, {"a", "b", ""}, "[a, b]"},
    {"triangular", DistributionKind::kTriangular, {"min", "mode", "max"}, "[min, mode, max]"},
    {"normal", DistributionKind::kNormal, {"mean", "sd", ""}, "[mean, sd]"},
};

std::size_t arity(const KindSpec& k) { return k.params[2].empty() ? 2 : 3; }

}  // namespace

std::optional<UncertainNumber> Fields::uncertain_number(std::string_view key, const Interval& range,
                                                        bool required) {
  const Entry* e = lookup(key, required);
  if (!e) return std::nullopt;
  if (!e->value.is_map()) {
    std::optional<double> v = number(key, range, required);
    if (!v) return std::nullopt;
    return UncertainNumber{*v, std::nullopt, YamlReader::pos(value_mark(key))};
  }
  const YamlNode& map = e->value;
  const std::string field(key);
  if (map.size() != 1) {
    reader_.error(value_mark(key),
                  field +
                      " must be a number or one distribution such as {uniform: [0.2, 0.4]}, "
                      "got a mapping with " +
                      std::to_string(map.size()) + " fields");
    return std::nullopt;
  }
  const YamlNode::Entry kv = *map.entries().begin();
  const YamlNode& name_node = kv.first;
  const YamlNode& list = kv.second;
  if (!name_node.is_scalar()) {
    reader_.error(name_node.mark(),
                  "distribution names must be plain text, got " + describe(name_node));
    return std::nullopt;
  }
  const std::string_view name = name_node.scalar();
  const KindSpec* spec = nullptr;
  for (const KindSpec& k : kKinds) {
    if (k.name == name) spec = &k;
  }
  if (!spec) {
    std::string hint =
        did_you_mean(name, std::size(kKinds), [](std::size_t i) { return kKinds[i].name; });
    reader_.error(name_node.mark(),
                  "unknown distribution " + in_quotes(name) + " for " + field +
                      (hint.empty() ? "; use uniform, triangular or normal" : hint));
    return std::nullopt;
  }
  const std::string kind(spec->name);
  const YamlMark list_mark =
      list.is_null() || list.mark().is_null() ? name_node.mark() : list.mark();
  if (!list.is_sequence()) {
    reader_.error(list_mark,
                  kind + " takes a list " + std::string(spec->list) + ", got " + describe(list));
    return std::nullopt;
  }
  const std::size_t n = arity(*spec);
  if (list.size() != n) {
    reader_.error(list_mark, kind + " takes " + std::to_string(n) + " numbers " +
                                 std::string(spec->list) + ", got " + std::to_string(list.size()));
    return std::nullopt;
  }
  Distribution d;
  d.kind = spec->kind;
  d.low = range.low;
  d.high = range.high;
  std::array<std::string, 3> text;
  std::array<YamlMark, 3> marks;
  bool ok = true;
  for (std::size_t i = 0; i < n; ++i) {
    const YamlNode item = list[i];
    marks[i] = item.mark().is_null() ? list_mark : item.mark();
    const std::string what = kind + " " + std::string(spec->params[i]);
    if (!item.is_scalar()) {
      reader_.error(marks[i], what + " must be a number, got " + describe(item));
      ok = false;
      continue;
    }
    text[i] = std::string(item.scalar());
    bool not_finite = false;
    std::optional<double> v = parse_finite_number(text[i], &not_finite);
    if (!v) {
      reader_.error(marks[i], what + " must be " + (not_finite ? "a finite number" : "a number") +
                                  ", got " + in_quotes(text[i]));
      ok = false;
      continue;
    }
    d.p[i] = *v;
  }
  if (!ok) return std::nullopt;

  // The parameters among themselves, then the support against the field's range.
  const double* p = d.p;
  auto check_support = [&](std::size_t i) {
    const std::string written = kind + " " + std::string(spec->params[i]) + " " + text[i];
    if (auto message = check_range(field, range, p[i], written)) {
      reader_.error(marks[i], std::move(*message));
      ok = false;
    }
  };
  switch (d.kind) {
    case DistributionKind::kUniform:
    case DistributionKind::kTriangular: {
      const std::size_t last = n - 1;
      if (p[0] > p[last]) {
        reader_.error(list_mark, kind + " " + std::string(spec->params[0]) + " (" + text[0] +
                                     ") must not be greater than " +
                                     std::string(spec->params[last]) + " (" + text[last] + ")");
        return std::nullopt;
      }
      if (d.kind == DistributionKind::kTriangular && (p[1] < p[0] || p[1] > p[2])) {
        reader_.error(marks[1], "triangular mode (" + text[1] + ") must be in [min, max] = [" +
                                    text[0] + ", " + text[2] + "]");
        return std::nullopt;
      }
      check_support(0);
      check_support(last);
      break;
    }
    case DistributionKind::kNormal:
      if (p[1] < 0.0) {
        reader_.error(marks[1], "normal sd must be at least 0, got " + text[1]);
        ok = false;
      }
      check_support(0);
      break;
  }
  if (!ok) return std::nullopt;
  return UncertainNumber{d.nominal(), d, YamlReader::pos(value_mark(key))};
}

}  // namespace orgsim::model
