#pragma once
// `orgsim report`: one self-contained, printable HTML page of a run (viz/report.hpp):
// the scenario in words, CX figures and curve, most degraded roles, impact paths and
// picture, and optionally the criticality ranking of the model.

#include <cstddef>
#include <ostream>
#include <span>
#include <string>

#include "app/run.hpp"

namespace orgsim::app {

struct HtmlReportOptions {
  bool rank = false;     ///< add the ranking (each role alone degraded by half)
  std::size_t top = 10;  ///< roles listed in the ranking
};

/// The report's HTML text. Graphviz warnings about the picture go to `err`.
std::string html_report(const RunResult& run, const HtmlReportOptions& options, std::ostream& err);

/// One handout about several scenarios (`orgsim report A B ...`): the first one's report,
/// with every scenario's CX curve on its chart and a table of them side by side (worst
/// CX and when, final, recovery, linear drop, the top path). One run: as above.
std::string html_report(std::span<const RunResult> runs, const HtmlReportOptions& options,
                        std::ostream& err);

}  // namespace orgsim::app
