#include "viz/onboarding_caption.hpp"

#include <cmath>

#include "viz/labels.hpp"

namespace orgsim::viz {

std::string failure_phrase(double degrade) {
  if (degrade >= 1.0) return "stopped completely";
  if (std::fabs(degrade - 0.5) < 1e-9) return "ran at half speed";
  return "lost " + percent(degrade) + " of its capacity";
}

std::string focus_caption(std::string_view focus, double degrade, double cx_baseline,
                          double cx_lost, std::string_view route, double route_share) {
  const std::string who(focus);
  if (!(cx_lost > 0)) {
    return "If " + who + " " + failure_phrase(degrade) +
           ", customers would not notice: no path from it reaches them.";
  }
  // Two significant digits throughout: the model is illustrative, more digits
  // would suggest a precision it does not have.
  std::string text = "If " + who + " " + failure_phrase(degrade) + ", customers would notice: CX " +
                     two_significant(cx_baseline) + " \xE2\x86\x92 " +
                     two_significant(cx_baseline - cx_lost) + " (" + two_significant(cx_lost) +
                     " points lost).";
  if (route.empty()) return text;
  const std::string how = route_share > 0.5 ? "Most of it" : "The largest part";
  if (route == focus)
    return text + " " + how + " reaches them directly: they deal with " + who + ".";
  return text + " " + how + " reaches them through " + std::string(route) + ".";
}

}  // namespace orgsim::viz
