// `orgsim report SCENARIO -o report.html`: runs the scenario and writes its
// self-contained HTML report (app/html_report.hpp) atomically.
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
  LoadedInput in = load_input(options.scenario, options.input, err);
  refuse_overwriting_inputs(options.output, in.scenario, "-o/--output");
  RunRequest request;
  request.top = options.top;
  request.paths = options.paths;
  const RunResult run = run_scenario(std::move(in.scenario), request, std::move(in.warnings));
  write_file_atomically(options.output, html_report(run, {options.rank, options.top}, err));
  out << "Wrote " << printable_path(options.output) << "\n";
  return kExitOk;
}

}  // namespace orgsim::cli
