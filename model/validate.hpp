#pragma once
// Whole-graph checks that need the complete model: the CX weights, feedback loops
// that make the static model diverge, roles that cannot reach any customer.

#include "common/diagnostics.hpp"
#include "model/org_graph.hpp"
#include "model/scenario.hpp"

namespace orgsim::model {

/// Checks a model on its own. Returns errors and warnings; never throws.
/// Time complexity: O(V + E) plus the spectral-radius estimate of each cyclic component.
Diagnostics validate_model(const OrgGraph& model);

/// Only the rule that touchpoint weights sum to at most 1: the one whole-model check the
/// loaders also run on a model with field errors, so that it is reported with them
/// (the other checks would speak of a graph that was not read in full).
Diagnostics validate_touchpoint_sum(const OrgGraph& model);

/// Checks a scenario: its model after `changes`, and the failures against `steps`.
Diagnostics validate_scenario(const Scenario& scenario);

/// Throws ValidationError when `diagnostics` holds an error (warnings too if `strict`).
void throw_if_errors(const Diagnostics& diagnostics, const SourceFiles* sources,
                     bool strict = false);

}  // namespace orgsim::model
