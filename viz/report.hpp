#pragma once
// `orgsim report`: one self-contained HTML page about a scenario, for a trainer to
// email or print to PDF. Built from plain structs (viz does not depend on sim:
// cli/cmd_report.cpp copies the results in). CSS, uPlot (web_assets.hpp), the chart
// data and the impact picture are all inline: the page makes no request at all.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "viz/html_escape.hpp"  // escape_html: every name on the page goes through it

namespace orgsim::viz {

/// A role in the "most degraded" table.
struct ReportRole {
  std::string name;
  std::string department;
  double peak = 0.0;  ///< peak inoperability q in [0, 1]
  int peak_step = 0;
  double final_q = 0.0;
};

/// An impact path: role names from the failed role to the touchpoint.
struct ReportPath {
  std::vector<std::string> roles;
  double cx_points = 0.0;
  double share = 0.0;  ///< of the total linear drop, in [0, 1]
};

/// A role in the criticality ranking: CX points its failure alone costs.
struct ReportRanked {
  std::string name;
  std::string department;
  double cx_points = 0.0;
};

/// One scenario of a handout that compares several (`orgsim report A B ...`).
struct ReportCompared {
  std::string name;
  std::vector<double> cx;  ///< CX at steps 0..n
  double cx_min = 100.0;
  int cx_min_step = 0;
  double cx_final = 100.0;
  bool degraded = false;
  std::optional<int> recovery_step;
  std::optional<double> linear_drop;  ///< CX points all impact paths carry (linear model)
  std::string top_path;               ///< "A → B → CX", or "" without paths
};

/// Everything the report shows. Text is plain (the builder escapes it).
struct ReportInput {
  std::string title;        ///< the scenario's name
  std::string description;  ///< may be empty
  std::string scenario_file;
  std::string model_name;
  std::size_t roles = 0;
  std::size_t departments = 0;
  std::size_t dependencies = 0;
  /// The model's unit of time ("day"): one word of letters (model/time_unit.hpp).
  std::string time_unit = "step";
  std::vector<std::string> failures;  ///< one line each, e.g. "Billing degraded 50%, days 0-9"
  std::vector<std::string> changes;   ///< one line per structural what-if
  double cx_baseline = 100.0;
  double cx_min = 100.0;
  int cx_min_step = 0;
  double cx_final = 100.0;
  /// CX points: how far below the baseline still counts as recovered (sim::kRecoveryBand,
  /// filled in by app/html_report.cpp; viz does not depend on sim).
  double recovery_band = 0.0;
  bool degraded = false;  ///< CX fell more than recovery_band below the baseline
  /// First step from which CX stays within recovery_band of the baseline; none: not recovered.
  std::optional<int> recovery_step;
  std::vector<double> cx;  ///< CX at steps 0..n
  std::vector<ReportRole> most_degraded;
  std::vector<ReportPath> paths;
  double total_cx_points = 0.0;  ///< the whole linear drop the paths are shares of
  std::string impact_svg;        ///< a Graphviz SVG document; "" leaves the picture out
  /// The ranking of every role of the model (largest first, cut to the rows to show).
  std::optional<std::vector<ReportRanked>> ranking;
  double ranking_degrade = 0.5;  ///< the single-role failure size the ranking assumes
  std::string generator;         ///< e.g. "orgsim 0.1.0"; shown in the footer
  std::string inputs_digest;     ///< e.g. "model sha256 1a2b..."; shown in the footer
  /// Two or more: a handout comparing these scenarios (the first is the one above); the
  /// chart draws every curve and a table sets them side by side. Empty: one scenario.
  std::vector<ReportCompared> compared;
};

/// The whole HTML page. Every name is HTML-escaped; chart data is JSON safe inside
/// <script> ("<" written as \u003c). Throws InvalidArgument if `cx` is empty.
/// Time complexity: O(size of the input and the SVG).
std::string build_report(const ReportInput& input);

/// `svg` without what may not appear inside HTML: the XML declaration, the DOCTYPE and
/// comments (Graphviz writes role ids into comments). The <svg> element is kept as is.
std::string inline_svg(std::string_view svg);

}  // namespace orgsim::viz
