#pragma once
// The two renderings of a run (app/run.hpp): a table for people (print_run_report)
// and JSON for programs (run_report_json, in json_report.cpp).

#include <ostream>
#include <string>

#include "app/run.hpp"

namespace orgsim::app {

/// The readable summary: scenario, CX figures, a CX sparkline, most degraded roles,
/// and the Monte Carlo block when sampled.
void print_run_report(const RunResult& run, std::ostream& out);

/// Every number, as the JSON document of docs/schema/run.schema.json (app/run_json.hpp
/// with every part): CX trajectory, each role's final/peak q (and trajectory if recorded).
std::string run_report_json(const RunResult& run);

/// "back within 0.5 points of baseline from day 3" or "not recovered" style phrase for
/// the recovery step, in the model's time unit.
std::string describe_recovery(const sim::Summary& summary, std::string_view unit = "step");

}  // namespace orgsim::app
