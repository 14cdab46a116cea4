#pragma once
// The model's unit of time (`time_unit: day`), and the one way a window of steps is
// written everywhere (run, report, compare, the page): "days 0-14". docs/model.md
// "Time unit" documents it once.

#include <optional>
#include <string>
#include <string_view>

namespace orgsim::model {

/// The unit when a model does not name one.
inline constexpr std::string_view kDefaultTimeUnit = "step";
/// Longest accepted unit, in bytes.
inline constexpr std::size_t kMaxTimeUnitBytes = 24;

/// Why `unit` is not a usable time unit ("" when it is): one word of ASCII letters
/// (a hyphen inside is allowed), singular, at most kMaxTimeUnitBytes.
std::string time_unit_problem(std::string_view unit);

/// The English plural of a singular unit: "day" -> "days", "hour" -> "hours",
/// "business-day" -> "business-days", "batch" -> "batches", "study" -> "studies".
std::string plural_unit(std::string_view unit);

/// `count` units: "1 day", "30 days".
std::string count_units(std::string_view unit, long long count);

/// Steps [from, to) of a failure or a run, inclusive in words: "days 0-14", "day 3"
/// (one step), "days 3 to the end" (no end).
std::string window_text(std::string_view unit, int from, std::optional<int> to_exclusive);

/// "day 12": one step.
std::string step_text(std::string_view unit, long long step);

}  // namespace orgsim::model
