#pragma once
// Everything one `orgsim run` produced, and its two renderings: a table for people
// (print_run_report) and JSON for programs (run_report_json, in json_report.cpp).

#include <ostream>
#include <string>

#include "cli/run_record.hpp"
#include "model/diagnostics.hpp"
#include "model/scenario.hpp"
#include "sim/loops.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/paths.hpp"
#include "sim/static_solver.hpp"
#include "sim/summary.hpp"
#include "sim/trace.hpp"

namespace orgsim::cli {

struct RunReport {
  const model::Scenario& scenario;
  const model::OrgGraph& effective;  ///< the model after the scenario's changes
  const sim::Trace& trace;
  const sim::Summary& summary;
  const Diagnostics& warnings;
  const sim::StaticSolution* solver = nullptr;            ///< set for static runs
  const sim::ImpactPaths* paths = nullptr;                ///< top impact paths, if computed
  const std::vector<sim::FeedbackLoop>* loops = nullptr;  ///< loops through failed roles
  const RunRecord* record = nullptr;                      ///< for the JSON output
  const sim::MonteCarloResult* monte_carlo = nullptr;     ///< with --samples
};

/// The readable summary: scenario, CX figures, a CX sparkline, most degraded roles,
/// and the Monte Carlo block when sampled.
void print_run_report(const RunReport& report, std::ostream& out);

/// Every number: CX trajectory, each role's final/peak q (and trajectory if recorded).
std::string run_report_json(const RunReport& report);

/// "step 3" or "not recovered" style phrase for the recovery step.
std::string describe_recovery(const sim::Summary& summary);

}  // namespace orgsim::cli
