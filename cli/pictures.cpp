#include "cli/pictures.hpp"

#include <algorithm>

#include "viz/impact_diagram.hpp"

namespace orgsim::cli {

viz::Renderer& process_renderer() {
  static viz::Renderer renderer;
  return renderer;
}

namespace {

viz::ImpactInput impact_input(const RunReport& r) {
  viz::ImpactInput in;
  in.title = r.scenario.name;
  in.values.resize(r.effective.role_count());
  for (std::uint32_t i = 0; i < r.effective.role_count(); ++i) {
    in.values[i] = r.trace.peak(model::RoleId(i));
  }
  for (const auto& f : r.scenario.failures) {
    auto same = [&](const viz::FailedRole& x) { return x.role == f.role; };
    auto it = std::find_if(in.failed.begin(), in.failed.end(), same);
    if (it == in.failed.end()) {
      in.failed.push_back({f.role, f.degrade});
    } else {
      it->degrade = std::max(it->degrade, f.degrade);
    }
  }
  if (r.paths) {
    double share = 0.0;
    for (const auto& p : r.paths->paths) {
      in.paths.push_back({p.roles, p.cx_points});
      share += p.share;
    }
    if (!in.paths.empty()) in.paths_share = std::clamp(share, 0.0, 1.0);
  }
  if (r.loops) {
    for (const auto& loop : *r.loops) in.loops.push_back({loop.roles, loop.gain});
  }
  in.cx_baseline = r.summary.cx_baseline;
  in.cx_low = r.summary.cx_min;
  if (!r.solver) in.cx_low_step = r.summary.cx_min_step;
  return in;
}

}  // namespace

void render_impact(const RunReport& report, const std::vector<std::filesystem::path>& files,
                   bool full, std::ostream& out, std::ostream& err) {
  viz::ImpactOptions options;
  options.full = full;
  const viz::DotGraph graph =
      viz::build_impact_diagram(report.effective, impact_input(report), options);
  viz::Renderer& renderer = process_renderer();
  for (const auto& file : files) {
    renderer.render_to_file(graph, file);
    for (const auto& w : renderer.warnings()) err << file.string() << ": warning: " << w << "\n";
    out << "Wrote " << file.string() << "\n";
  }
}

}  // namespace orgsim::cli
