#pragma once
// Putting numbers into the uncertain parameters of a scenario: a Monte Carlo sample
// overwrites them, and validation checks the worst case (upper bounds).

#include <cstddef>

#include "model/scenario.hpp"

namespace orgsim::model {

/// Number of uncertain parameters, in the model and in the scenario.
std::size_t uncertain_count(const Scenario& scenario);

/// Sets the plain number `p` stands for (in scenario.model or the scenario) to `value`.
void set_uncertain_value(Scenario& scenario, const UncertainParameter& p, double value);
/// The same for a parameter of the model itself.
void set_uncertain_value(OrgGraph& model, const UncertainParameter& p, double value);

/// A copy whose uncertain weights and touchpoints are at their distributions' upper
/// bounds and whose `uncertain` list is empty: the model validation checks, because a
/// larger weight never lowers a loop's gain and a larger touchpoint never lowers the
/// touchpoint sum. Time complexity: O(size of the model).
OrgGraph at_upper_bounds(const OrgGraph& model);
/// The same for the model and the changes of a scenario.
Scenario at_upper_bounds(const Scenario& scenario);

}  // namespace orgsim::model
