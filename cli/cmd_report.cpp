// `orgsim report SCENARIO... -o report.html`: runs the scenarios and writes one
// self-contained HTML report (app/html_report.hpp) atomically: with several, a handout
// that compares them.
#include "app/html_report.hpp"
#include "app/load_input.hpp"
#include "app/output_guard.hpp"
#include "app/run.hpp"
#include "cli/commands.hpp"
#include "common/atomic_file.hpp"
#include "common/printable.hpp"

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err) {
  RunRequest request;
  request.top = options.top;
  request.paths = options.paths;
  std::vector<RunResult> runs;
  runs.reserve(options.scenarios.size());
  // Every input is read and checked before anything runs, so a typo in the last file
  // does not cost the first run.
  std::vector<LoadedInput> inputs;
  for (const auto& file : options.scenarios) {
    inputs.push_back(load_input(file, options.input, err));
    refuse_overwriting_inputs(options.output, inputs.back().scenario, "-o/--output");
  }
  for (LoadedInput& in : inputs) {
    runs.push_back(run_scenario(std::move(in.scenario), request, std::move(in.warnings)));
  }
  write_file_atomically(options.output, html_report(runs, {options.rank, options.top}, err));
  out << "Wrote " << printable_path(options.output) << "\n";
  return kExitOk;
}

}  // namespace orgsim::cli
