#include "app/diagrams.hpp"

#include <cctype>
#include <set>

#include "sim/paths.hpp"
#include "viz/booklet.hpp"
#include "viz/department_map.hpp"
#include "viz/onboarding_caption.hpp"
#include "viz/onboarding_diagram.hpp"
#include "viz/onboarding_index.hpp"

namespace orgsim::app {

namespace {

std::vector<viz::ImpactPath> to_viz(const sim::ImpactPaths& paths) {
  std::vector<viz::ImpactPath> out;
  for (const auto& p : paths.paths) out.push_back({p.roles, p.cx_points});
  return out;
}

std::string file_stem(const std::string& id, std::set<std::string>& taken) {
  std::string stem;
  for (unsigned char c : id) stem += std::isalnum(c) || c == '-' || c == '_' ? char(c) : '_';
  if (stem.empty()) stem = "role";
  std::string unique = stem;
  for (int n = 2; !taken.insert(unique).second; ++n) unique = stem + "-" + std::to_string(n);
  return unique;
}

std::string department_name(const model::OrgGraph& g, std::uint32_t d) {
  const auto& dep = g.departments()[d];
  return dep.name.empty() ? dep.id : dep.name;
}

}  // namespace

viz::DotGraph role_diagram(const model::OrgGraph& g, model::RoleId role,
                           const DiagramRequest& request) {
  viz::OnboardingInput in;
  in.focus = role;
  in.degrade = request.degrade;
  const sim::ImpactPaths paths = sim::paths_to_customer(g, role, request.degrade, request.paths);
  in.paths = to_viz(paths);
  in.total_cx_points = paths.total_cx_points;
  viz::OnboardingOptions options;
  options.legend = request.legend;
  return viz::build_onboarding_diagram(g, in, options);
}

viz::DotGraph department_diagram(const model::OrgGraph& g, model::DepartmentId department,
                                 const DiagramRequest& request) {
  std::vector<model::Failure> failures;
  for (std::uint32_t i = 0; i < g.role_count(); ++i) {
    if (g.roles()[i].department == department) {
      failures.push_back({model::RoleId(i), request.degrade, 0, std::nullopt, {}});
    }
  }
  viz::OnboardingInput in;
  in.focus = department;
  in.degrade = request.degrade;
  const sim::ImpactPaths paths = sim::impact_paths(g, failures, request.paths);
  in.paths = to_viz(paths);
  in.total_cx_points = paths.total_cx_points;
  return viz::build_onboarding_diagram(g, in);
}

viz::DotGraph department_map(const model::OrgGraph& g) { return viz::build_department_map(g); }

std::vector<viz::DotGraph> booklet_pages(const model::OrgGraph& g, const DiagramRequest& request) {
  // Page numbers first: cover 1, contents 2, how to read 3, the map 4, then the
  // roles by department.
  constexpr int kBeforeRoles = 4;
  std::vector<viz::ContentsEntry> contents = {{"", "How to read the role pages", 3},
                                              {"", "The departments and how they connect", 4}};
  std::vector<model::RoleId> order;
  for (std::uint32_t d = 0; d < g.departments().size(); ++d) {
    for (std::uint32_t i = 0; i < g.role_count(); ++i) {
      if (g.roles()[i].department.value != d) continue;
      order.emplace_back(i);
      contents.push_back({department_name(g, d), g.roles()[i].name,
                          static_cast<int>(kBeforeRoles + order.size())});
    }
  }
  const std::string name = g.name.empty() ? "Our organization" : g.name;
  std::vector<viz::DotGraph> pages;
  pages.push_back(viz::booklet_cover(
      name + ": how each role reaches the customer",
      {"One page per role: what it depends on (left), how its trouble reaches the "
       "customer (right),",
       "and what customers would notice if it " + viz::failure_phrase(request.degrade) + ".",
       std::to_string(g.role_count()) + " roles in " + std::to_string(g.departments().size()) +
           " departments. Made with orgsim."}));
  pages.push_back(viz::booklet_contents(contents));
  pages.push_back(viz::onboarding_key_page(request.degrade));
  pages.push_back(department_map(g));
  DiagramRequest without_legend = request;
  without_legend.legend = false;
  for (auto r : order) pages.push_back(role_diagram(g, r, without_legend));
  return pages;
}

std::vector<std::string> diagram_file_names(const model::OrgGraph& g,
                                            const std::string& extension) {
  std::set<std::string> taken{"index", kDepartmentMapStem};
  std::vector<std::string> files;
  for (const auto& r : g.roles()) files.push_back(file_stem(r.id, taken) + "." + extension);
  return files;
}

std::string diagram_index_html(const model::OrgGraph& g, const std::vector<std::string>& files,
                               const std::string& map_file, double degrade) {
  return viz::onboarding_index_html(g, {files, map_file, degrade});
}

}  // namespace orgsim::app
