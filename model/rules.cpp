#include "model/rules.hpp"

#include <algorithm>
#include <cctype>

#include "common/number_format.hpp"
#include "model/internal/name_hints.hpp"
#include "model/org_graph.hpp"

namespace orgsim::model {

bool Interval::contains(double v) const {
  const bool above = low_open ? v > low : v >= low;
  const bool below = high_open ? v < high : v <= high;
  return above && below;
}

std::string Interval::str() const {
  // format_significant(x, 6) is printf's "%g" without the C locale.
  return std::string(low_open ? "(" : "[") + format_significant(low, 6) + ", " +
         format_significant(high, 6) + (high_open ? ")" : "]");
}

std::string unknown_field_message(std::string_view key, std::string_view item,
                                  std::span<const std::string_view> allowed) {
  // A dependency written under its role, as one would in an outline.
  if (item == "role" && (key == "depends_on" || key == "dependencies" || key == "depends")) {
    return "unknown field " + in_quotes(key) +
           " in role: a role's dependencies go in the top-level 'dependencies:' list, one "
           "item each, e.g. - {role: web, depends_on: payments, weight: 0.5}";
  }
  // A dependency written as an edge list, as graph tools do.
  if (item == "dependency" &&
      (key == "from" || key == "to" || key == "source" || key == "target")) {
    return "unknown field " + in_quotes(key) +
           " in dependency: a dependency names the role that depends ('role:') and the role "
           "it needs ('depends_on:'), e.g. - {role: web, depends_on: payments, weight: 0.5}";
  }
  if (item == "model" && (key == "cx_baseline" || key == "baseline")) {
    return "unknown field " + in_quotes(key) +
           " in model: the CX baseline is written in the 'cx:' section, e.g. cx: {baseline: 85}";
  }
  return "unknown field " + in_quotes(key) + " in " + std::string(item) +
         did_you_mean(key, allowed.size(), [&](std::size_t i) { return allowed[i]; });
}

std::string missing_field_message(std::string_view item, std::string_view key) {
  return std::string(item) + " is missing required field '" + std::string(key) + "'";
}

std::optional<std::string> check_range(std::string_view key, const Interval& range, double value,
                                       std::string_view written) {
  if (range.contains(value)) return std::nullopt;
  return std::string(key) + " must be in " + range.str() + ", got " + std::string(written);
}

std::optional<std::string> check_range(std::string_view key, const IntegerInterval& range,
                                       long long value, std::string_view written) {
  const bool below = value < range.low;
  if (!below && value <= range.high) return std::nullopt;
  std::string allowed;
  if (range.low != INT_MIN && range.high != INT_MAX) {
    allowed = "in [" + std::to_string(range.low) + ", " + std::to_string(range.high) + "]";
  } else if (below) {
    allowed = "at least " + std::to_string(range.low);
  } else {
    allowed = "at most " + std::to_string(range.high);
  }
  return std::string(key) + " must be " + allowed + ", got " + std::string(written);
}

namespace {

std::optional<std::string> check_label(std::string_view subject, std::string_view text,
                                       std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return std::string(subject) + " is too long: " + std::to_string(text.size()) +
           " bytes, at most " + std::to_string(max_bytes);
  }
  if (std::any_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
    return std::string(subject) + " must not contain control characters, got " + in_quotes(text);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_id(std::string_view subject, std::string_view id) {
  return check_label(subject, id, kMaxIdBytes);
}

std::optional<std::string> check_name(std::string_view subject, std::string_view name) {
  return check_label(subject, name, kMaxNameBytes);
}

std::string duplicate_id_message(std::string_view kind, std::string_view id, int first_line) {
  return "duplicate " + std::string(kind) + " id " + in_quotes(id) + " (first defined at line " +
         std::to_string(first_line) + ")";
}

std::string duplicate_dependency_message(std::string_view role_id, std::string_view on_id,
                                         int first_line) {
  return "duplicate dependency " + std::string(role_id) + " -> " + std::string(on_id) +
         " (first at line " + std::to_string(first_line) + ")";
}

std::string department_name_hint(std::string_view written,
                                 std::span<const Department> departments) {
  auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) ==
                    std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (std::size_t i = 0; i < departments.size() && i < kMaxNamedDepartments; ++i) {
    if (same(departments[i].name, written)) {
      return "; " + in_quotes(departments[i].name) + " is the name of department " +
             in_quotes(departments[i].id) + ": refer to it by its id " +
             in_quotes(departments[i].id);
    }
  }
  return "";
}

std::string unknown_department_message(std::string_view id, std::string_view hint) {
  return "unknown department " + in_quotes(id) + std::string(hint);
}

std::string unknown_role_message(std::string_view id, std::string_view hint) {
  return "unknown role " + in_quotes(id) + std::string(hint);
}

std::string self_dependency_message(std::string_view role_id) {
  return "role " + in_quotes(role_id) + " cannot depend on itself";
}

std::string SuggestBudget::suggest(std::string_view name, std::size_t count,
                                   const std::function<std::string_view(std::size_t)>& candidate) {
  if (count > left_) return "";
  left_ -= count;
  return did_you_mean(name, count, candidate);
}

}  // namespace orgsim::model
