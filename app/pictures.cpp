#include "app/pictures.hpp"

#include <algorithm>

#include "common/printable.hpp"
#include "viz/impact_diagram.hpp"

namespace orgsim::app {

viz::Renderer& process_renderer() {
  static viz::Renderer renderer;
  return renderer;
}

viz::ImpactInput impact_input(const RunResult& r) {
  viz::ImpactInput in;
  in.title = r.scenario().name;
  in.values.resize(r.effective().role_count());
  for (std::uint32_t i = 0; i < r.effective().role_count(); ++i) {
    in.values[i] = r.trace.peak(model::RoleId(i));
  }
  for (const auto& f : r.scenario().failures) {
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
  // A static run has one state: no step to name.
  if (r.trace.steps() > 0) in.cx_low_step = r.summary.cx_min_step;
  return in;
}

viz::DotGraph impact_diagram(const RunResult& run, bool full) {
  viz::ImpactOptions options;
  options.full = full;
  return viz::build_impact_diagram(run.effective(), impact_input(run), options);
}

std::string impact_svg(const RunResult& run, std::ostream& err) {
  viz::Renderer& renderer = process_renderer();
  std::string svg = renderer.render(impact_diagram(run), viz::Format::kSvg);
  for (const auto& w : renderer.warnings()) err << "impact picture: warning: " << w << "\n";
  return svg;
}

void render_impact(const RunResult& report, const std::vector<std::filesystem::path>& files,
                   bool full, std::ostream& out, std::ostream& err) {
  const viz::DotGraph graph = impact_diagram(report, full);
  viz::Renderer& renderer = process_renderer();
  for (const auto& file : files) {
    renderer.render_to_file(graph, file);
    for (const auto& w : renderer.warnings()) err << file.string() << ": warning: " << w << "\n";
    out << "Wrote " << printable_path(file) << "\n";
  }
}

}  // namespace orgsim::app
