#include "app/diagrams.hpp"

#include <cctype>
#include <set>

#include "sim/paths.hpp"
#include "viz/html_escape.hpp"
#include "viz/onboarding_diagram.hpp"

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

}  // namespace

viz::DotGraph role_diagram(const model::OrgGraph& g, model::RoleId role,
                           const DiagramRequest& request) {
  viz::OnboardingInput in;
  in.focus = role;
  in.degrade = request.degrade;
  in.paths = to_viz(sim::paths_to_customer(g, role, request.degrade, request.paths));
  return viz::build_onboarding_diagram(g, in);
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
  in.paths = to_viz(sim::impact_paths(g, failures, request.paths));
  return viz::build_onboarding_diagram(g, in);
}

std::vector<std::string> diagram_file_names(const model::OrgGraph& g,
                                            const std::string& extension) {
  std::set<std::string> taken{"index"};
  std::vector<std::string> files;
  for (const auto& r : g.roles()) files.push_back(file_stem(r.id, taken) + "." + extension);
  return files;
}

std::string diagram_index_html(const model::OrgGraph& g, const std::vector<std::string>& files,
                               double degrade) {
  using viz::escape_html;
  const std::string title = "How each role reaches the customer: " + g.name;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      escape_html(title) +
      "</title>\n<style>\nbody{font-family:sans-serif;margin:2em;max-width:60em}"
      "h2{margin-top:1.5em}li{margin:.3em 0}.tp{color:#555}\n</style>\n</head>\n<body>\n<h1>" +
      escape_html(title) + "</h1>\n<p>One onboarding diagram per role: what the role " +
      "depends on, and every path from it to the customer, with the CX points a " +
      std::to_string(static_cast<int>(degrade * 100 + 0.5)) +
      "% failure of the role would cost along each.</p>\n";
  for (std::uint32_t d = 0; d < g.departments().size(); ++d) {
    html += "<h2>" + escape_html(g.departments()[d].name) + "</h2>\n<ul>\n";
    for (std::uint32_t i = 0; i < g.role_count(); ++i) {
      const auto& r = g.roles()[i];
      if (r.department.value != d) continue;
      html += "<li><a href=\"" + escape_html(files[i]) + "\">" + escape_html(r.name) + "</a>";
      if (r.touchpoint > 0) html += " <span class=\"tp\">(customer-facing)</span>";
      html += "</li>\n";
    }
    html += "</ul>\n";
  }
  return html + "</body>\n</html>\n";
}

}  // namespace orgsim::app
