#pragma once
// Onboarding diagrams for trainers: "how my role reaches the customer" for one role or
// department, and the index page of a folder holding one diagram per role. The sim
// parts (paths to the customer) are computed here and handed to viz as plain data.

#include <cstddef>
#include <string>
#include <vector>

#include "model/org_graph.hpp"
#include "viz/dot_graph.hpp"

namespace orgsim::app {

struct DiagramRequest {
  double degrade = 0.5;    ///< size of the hypothetical failure of the focus, in (0, 1]
  std::size_t paths = 25;  ///< paths drawn per focus
};

/// What `role` depends on and every path from it to the customer (sim::paths_to_customer).
viz::DotGraph role_diagram(const model::OrgGraph& g, model::RoleId role,
                           const DiagramRequest& request);

/// The strongest paths from a department's roles, all failing together, to the customer.
viz::DotGraph department_diagram(const model::OrgGraph& g, model::DepartmentId department,
                                 const DiagramRequest& request);

/// One file name per role (index i for role i), from its id: anything but
/// [A-Za-z0-9_-] becomes '_', clashes get "-2", "-3", ...; "index" is never used.
std::vector<std::string> diagram_file_names(const model::OrgGraph& g, const std::string& extension);

/// The index.html of a folder of role diagrams: one link per role, by department.
/// Names from the model are HTML-escaped.
std::string diagram_index_html(const model::OrgGraph& g, const std::vector<std::string>& files,
                               double degrade);

}  // namespace orgsim::app
