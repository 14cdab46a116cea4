#pragma once
// The index.html of a trainer's folder (`orgsim diagram --all`): the department
// map on top, then one card per role, grouped by department, each with a
// thumbnail of its diagram, and a search box that narrows the cards by name.

#include <string>
#include <vector>

#include "model/org_graph.hpp"

namespace orgsim::viz {

struct OnboardingIndexInput {
  std::vector<std::string> files;  ///< per role (by RoleId): its diagram, relative to the page
  std::string map_file;            ///< the department map, relative to the page ("" for none)
  double degrade = 0.5;            ///< the failure size the diagrams were drawn for
};

/// The page, self-contained (inline style and script, nothing fetched). Every
/// name and file name is HTML-escaped. PDF diagrams are shown with <object>,
/// SVG and PNG with <img>. Throws InvalidArgument if files.size() differs from
/// the number of roles. Time complexity: O(V x D) for D departments.
std::string onboarding_index_html(const model::OrgGraph& graph, const OnboardingIndexInput& input);

}  // namespace orgsim::viz
