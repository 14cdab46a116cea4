#include "model/time_unit.hpp"

namespace orgsim::model {

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'A' || c == 'E' ||
         c == 'I' || c == 'O' || c == 'U';
}

}  // namespace

std::string time_unit_problem(std::string_view unit) {
  if (unit.empty()) return "a time unit must not be empty";
  if (unit.size() > kMaxTimeUnitBytes) {
    return "a time unit is one word of at most " + std::to_string(kMaxTimeUnitBytes) + " letters";
  }
  for (std::size_t i = 0; i < unit.size(); ++i) {
    const char c = unit[i];
    const bool inner_hyphen = c == '-' && i > 0 && i + 1 < unit.size() && unit[i - 1] != '-';
    if (!is_letter(c) && !inner_hyphen) {
      return "a time unit is one singular word of letters, such as day, week or shift";
    }
  }
  return "";
}

std::string plural_unit(std::string_view unit) {
  std::string out(unit);
  if (out.empty()) return out;
  const char last = out.back();
  const char before = out.size() >= 2 ? out[out.size() - 2] : ' ';
  if (last == 's' || last == 'x' || last == 'z' ||
      (last == 'h' && (before == 'c' || before == 's'))) {
    out += "es";
  } else if (last == 'y' && !is_vowel(before) && out.size() >= 2) {
    out.back() = 'i';
    out += "es";
  } else {
    out += 's';
  }
  return out;
}

std::string count_units(std::string_view unit, long long count) {
  return std::to_string(count) + " " + (count == 1 ? std::string(unit) : plural_unit(unit));
}

std::string window_text(std::string_view unit, int from, std::optional<int> to_exclusive) {
  if (!to_exclusive) return plural_unit(unit) + " " + std::to_string(from) + " to the end";
  const long long last = static_cast<long long>(*to_exclusive) - 1;
  if (last <= from) return step_text(unit, from);
  return plural_unit(unit) + " " + std::to_string(from) + "-" + std::to_string(last);
}

std::string step_text(std::string_view unit, long long step) {
  return std::string(unit) + " " + std::to_string(step);
}

}  // namespace orgsim::model
