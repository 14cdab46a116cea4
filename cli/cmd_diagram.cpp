// `orgsim diagram`: onboarding pictures ("how my role reaches the customer") and
// the whole-org picture, for trainers.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "app/load_input.hpp"
#include "app/pictures.hpp"
#include "cli/commands.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "model/suggest.hpp"
#include "sim/paths.hpp"
#include "viz/dot_writer.hpp"
#include "viz/onboarding_diagram.hpp"
#include "viz/org_diagram.hpp"

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

namespace {

namespace fs = std::filesystem;

std::vector<viz::ImpactPath> to_viz(const sim::ImpactPaths& paths) {
  std::vector<viz::ImpactPath> out;
  for (const auto& p : paths.paths) out.push_back({p.roles, p.cx_points});
  return out;
}

viz::DotGraph role_diagram(const model::OrgGraph& g, model::RoleId role, const DiagramOptions& o) {
  viz::OnboardingInput in;
  in.focus = role;
  in.degrade = o.degrade;
  in.paths = to_viz(sim::paths_to_customer(g, role, o.degrade, o.paths));
  return viz::build_onboarding_diagram(g, in);
}

viz::DotGraph department_diagram(const model::OrgGraph& g, model::DepartmentId dept,
                                 const DiagramOptions& o) {
  std::vector<model::Failure> failures;
  for (std::uint32_t i = 0; i < g.role_count(); ++i) {
    if (g.roles()[i].department == dept) {
      failures.push_back({model::RoleId(i), o.degrade, 0, std::nullopt, {}});
    }
  }
  viz::OnboardingInput in;
  in.focus = dept;
  in.degrade = o.degrade;
  in.paths = to_viz(sim::impact_paths(g, failures, o.paths));
  return viz::build_onboarding_diagram(g, in);
}

// A file name from a role id: ids are free text (spaces, slashes, unicode), so
// anything but [A-Za-z0-9._-] becomes '_', and clashes get a number.
std::string file_stem(const std::string& id, std::set<std::string>& taken) {
  std::string stem;
  for (unsigned char c : id) stem += std::isalnum(c) || c == '-' || c == '_' ? char(c) : '_';
  if (stem.empty() || stem[0] == '.') stem = "role" + stem;
  std::string unique = stem;
  for (int n = 2; !taken.insert(unique).second; ++n) unique = stem + "-" + std::to_string(n);
  return unique;
}

std::string index_html(const model::OrgGraph& g, const std::vector<std::string>& files,
                       const DiagramOptions& o) {
  const std::string title = "How each role reaches the customer: " + g.name;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      viz::html_escape(title) +
      "</title>\n<style>\nbody{font-family:sans-serif;margin:2em;max-width:60em}"
      "h2{margin-top:1.5em}li{margin:.3em 0}.tp{color:#555}\n</style>\n</head>\n<body>\n<h1>" +
      viz::html_escape(title) + "</h1>\n<p>One onboarding diagram per role: what the role " +
      "depends on, and every path from it to the customer, with the CX points a " +
      std::to_string(static_cast<int>(o.degrade * 100 + 0.5)) +
      "% failure of the role would cost along each.</p>\n";
  for (std::uint32_t d = 0; d < g.departments().size(); ++d) {
    html += "<h2>" + viz::html_escape(g.departments()[d].name) + "</h2>\n<ul>\n";
    for (std::uint32_t i = 0; i < g.role_count(); ++i) {
      const auto& r = g.roles()[i];
      if (r.department.value != d) continue;
      html +=
          "<li><a href=\"" + viz::html_escape(files[i]) + "\">" + viz::html_escape(r.name) + "</a>";
      if (r.touchpoint > 0) html += " <span class=\"tp\">(customer-facing)</span>";
      html += "</li>\n";
    }
    html += "</ul>\n";
  }
  return html + "</body>\n</html>\n";
}

void render_one(const viz::DotGraph& graph, const fs::path& file, std::ostream& out,
                std::ostream& err) {
  viz::Renderer& renderer = process_renderer();
  renderer.render_to_file(graph, file);
  for (const auto& w : renderer.warnings()) err << file.string() << ": warning: " << w << "\n";
  out << "Wrote " << file.string() << "\n";
}

int render_all(const model::OrgGraph& g, const DiagramOptions& o, std::ostream& out,
               std::ostream& err) {
  std::error_code ec;
  if (!fs::is_directory(o.output, ec)) {
    throw InvalidArgument("-o: '" + o.output.string() +
                          "' is not a folder; --all writes one file per role into a folder");
  }
  std::set<std::string> taken{"index"};
  std::vector<std::string> files;
  for (const auto& r : g.roles()) files.push_back(file_stem(r.id, taken) + "." + o.format);
  for (std::uint32_t i = 0; i < g.role_count(); ++i) {
    render_one(role_diagram(g, model::RoleId(i), o), o.output / files[i], out, err);
  }
  write_file_atomically(o.output / "index.html", index_html(g, files, o));
  out << "Wrote " << (o.output / "index.html").string() << " (" << g.role_count() << " diagrams)\n";
  return kExitOk;
}

}  // namespace

int run_diagram(const DiagramOptions& o, std::ostream& out, std::ostream& err) {
  if (!o.all) viz::format_from_path(o.output);  // an unknown extension fails before any work
  const LoadedInput in = load_input(o.model, o.input, err);
  const model::OrgGraph g = model::apply_changes(in.scenario.model, in.scenario.changes);

  if (o.all) return render_all(g, o, out, err);
  if (o.focus) {
    auto role = g.find_role(*o.focus);
    if (!role) {
      throw InvalidArgument("--focus: unknown role '" + *o.focus + "'" +
                            model::suggest_role(g, *o.focus));
    }
    render_one(role_diagram(g, *role, o), o.output, out, err);
  } else if (o.focus_department) {
    auto dept = g.find_department(*o.focus_department);
    if (!dept) {
      throw InvalidArgument("--focus-department: unknown department '" + *o.focus_department + "'" +
                            model::suggest_department(g, *o.focus_department));
    }
    render_one(department_diagram(g, *dept, o), o.output, out, err);
  } else {
    render_one(viz::build_org_diagram(g), o.output, out, err);
  }
  return kExitOk;
}

}  // namespace orgsim::cli
