#pragma once
// "Did you mean ...?" for names typed by people: role and department ids given on
// the command line (the loader does the same for names in files).

#include <string>
#include <string_view>

#include "model/org_graph.hpp"

namespace orgsim::model {

/// "; did you mean 'payroll'?" for the role id closest to `id` (edit distance <= 2),
/// or "". Time complexity: O(roles x id length^2); empty above 50,000 roles.
std::string suggest_role(const OrgGraph& graph, std::string_view id);

/// The same for department ids.
std::string suggest_department(const OrgGraph& graph, std::string_view id);

}  // namespace orgsim::model
