#pragma once
// The plain-language sentences of an onboarding picture, generated from its
// numbers so a new hire reads "what happens to the customer" instead of weights.
// Pure functions, no Graphviz.

#include <string>
#include <string_view>

namespace orgsim::viz {

/// How a failure of size `degrade` in (0, 1] reads: "ran at half speed",
/// "stopped completely", "lost 30% of its capacity".
std::string failure_phrase(double degrade);

/// The caption of a focus picture, e.g. "If Payroll ran at half speed, customers
/// would notice: CX 85 -> 84 (1.4 points lost). Most of it reaches them through
/// Voice agents." `route` is the role most of the loss passes through last (the
/// touchpoint), `route_share` its share of the drawn paths in [0, 1]; an empty
/// route, or route == focus, words the second sentence accordingly.
std::string focus_caption(std::string_view focus, double degrade, double cx_baseline,
                          double cx_lost, std::string_view route, double route_share);

}  // namespace orgsim::viz
