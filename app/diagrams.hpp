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
  double degrade = 0.5;   ///< size of the hypothetical failure of the focus, in (0, 1]
  std::size_t paths = 8;  ///< paths drawn per focus (the strongest)
  bool legend = true;     ///< the legend on every picture (the booklet prints it once)
};

/// What `role` depends on and every path from it to the customer (sim::paths_to_customer).
viz::DotGraph role_diagram(const model::OrgGraph& g, model::RoleId role,
                           const DiagramRequest& request);

/// The strongest paths from a department's roles, all failing together, to the customer.
viz::DotGraph department_diagram(const model::OrgGraph& g, model::DepartmentId department,
                                 const DiagramRequest& request);

/// The whole organization as one box per department (viz/department_map.hpp).
viz::DotGraph department_map(const model::OrgGraph& g);

/// The printed trainer's booklet, page by page: a cover, the contents, how to
/// read the role pages (the legend, once), the department map, then one focus
/// diagram per role, department by department.
std::vector<viz::DotGraph> booklet_pages(const model::OrgGraph& g, const DiagramRequest& request);

/// The file the department map gets in an --all folder (no role's file is named so).
inline constexpr const char* kDepartmentMapStem = "departments";

/// One file name per role (index i for role i), from its id: anything but
/// [A-Za-z0-9_-] becomes '_', clashes get "-2", "-3", ...; "index" and
/// kDepartmentMapStem are never used.
std::vector<std::string> diagram_file_names(const model::OrgGraph& g, const std::string& extension);

/// The index.html of a folder of role diagrams: the department map, then one
/// card per role (a thumbnail of its diagram and its name) grouped by
/// department, with a search box that filters the cards by name. Names from the
/// model are HTML-escaped; the page works offline (no external files).
std::string diagram_index_html(const model::OrgGraph& g, const std::vector<std::string>& files,
                               const std::string& map_file, double degrade);

}  // namespace orgsim::app
