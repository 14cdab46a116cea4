// `orgsim compare BASE WHATIF...`: a base and one or more what-ifs side by side
// (app/compare_report.hpp), each against the base, as a terminal table and, with --json,
// as JSON (docs/schema/compare.schema.json).
#include <filesystem>
#include <vector>

#include "app/compare_report.hpp"
#include "app/load_input.hpp"
#include "app/output_guard.hpp"
#include "app/run.hpp"
#include "cli/commands.hpp"
#include "common/atomic_file.hpp"

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

int run_compare(const CompareOptions& options, std::ostream& out, std::ostream& err) {
  const CompareRequest request{options.top, options.paths};
  std::vector<std::filesystem::path> files{options.base};
  files.insert(files.end(), options.what_ifs.begin(), options.what_ifs.end());
  std::vector<RunResult> runs;
  runs.reserve(files.size());
  for (const auto& file : files) {
    LoadedInput in = load_input(file, options.input, err);
    if (options.json) refuse_overwriting_inputs(*options.json, in.scenario, "--json");
    runs.push_back(
        run_scenario(std::move(in.scenario), compare_run_request(request), std::move(in.warnings)));
  }
  const Comparisons comparisons = compare_runs(std::move(runs), request);

  const bool json_to_stdout = options.json && options.json->string() == "-";
  if (json_to_stdout) {
    out << comparison_json_text(comparisons);
    return kExitOk;
  }
  print_comparison(comparisons, out);
  if (options.json) {
    out << std::flush;  // the table first when the file is /dev/stdout
    write_file_atomically(*options.json, comparison_json_text(comparisons));
    out << "\nWrote " << options.json->string() << "\n";
  }
  return kExitOk;
}

}  // namespace orgsim::cli
