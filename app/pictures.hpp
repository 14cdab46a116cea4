#pragma once
// Pictures from the CLI: the impact picture of a run and the onboarding and org
// diagrams, turned from sim results into viz input and rendered to files.

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "app/run_report.hpp"
#include "viz/dot_graph.hpp"
#include "viz/impact_diagram.hpp"
#include "viz/render.hpp"

namespace orgsim::app {

/// The process's one Graphviz renderer, created on first use. Graphviz 2.42 allows
/// one context per process (a second one after the first is freed reads freed
/// memory), so this is the one deliberate process-wide object in orgsim.
viz::Renderer& process_renderer();

/// The one sim -> viz adapter: a run's peak values, failed roles, impact paths, loops
/// and CX figures as the impact diagram's plain input.
viz::ImpactInput impact_input(const RunResult& run);

/// The impact diagram of a run (`full`: never collapse a big model), ready to render.
viz::DotGraph impact_diagram(const RunResult& run, bool full = false);

/// The impact picture as SVG text, drawn in memory; Graphviz warnings go to `err` as
/// "impact picture: warning: ...".
std::string impact_svg(const RunResult& run, std::ostream& err);

/// Renders the impact picture of `report` to each of `files` (format from the
/// extension), printing "Wrote FILE" to `out` and Graphviz warnings to `err`.
/// `report.paths` and `report.loops` should be set. `full`: never collapse.
void render_impact(const RunResult& report, const std::vector<std::filesystem::path>& files,
                   bool full, std::ostream& out, std::ostream& err);

}  // namespace orgsim::app
