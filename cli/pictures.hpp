#pragma once
// Pictures from the CLI: the impact picture of a run and the onboarding and org
// diagrams, turned from sim results into viz input and rendered to files.

#include <filesystem>
#include <ostream>
#include <vector>

#include "cli/run_report.hpp"
#include "viz/render.hpp"

namespace orgsim::cli {

/// The process's one Graphviz renderer, created on first use. Graphviz 2.42 allows
/// one context per process (a second one after the first is freed reads freed
/// memory), so this is the one deliberate process-wide object in orgsim.
viz::Renderer& process_renderer();

/// Renders the impact picture of `report` to each of `files` (format from the
/// extension), printing "Wrote FILE" to `out` and Graphviz warnings to `err`.
/// `report.paths` and `report.loops` should be set. `full`: never collapse.
void render_impact(const RunReport& report, const std::vector<std::filesystem::path>& files,
                   bool full, std::ostream& out, std::ostream& err);

}  // namespace orgsim::cli
