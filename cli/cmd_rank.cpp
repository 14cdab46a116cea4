// `orgsim rank`: which roles the customer can least afford to lose.
#include <string>

#include "cli/rank_report.hpp"
#include "model/atomic_file.hpp"
#include "model/errors.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"
#include "sim/rank.hpp"

namespace orgsim::cli {

int run_rank(const RankOptions& options, std::ostream& out, std::ostream& err) {
  // Refuse bad options before any work.
  sim::RankParams params;
  params.exact = options.exact;
  params.jobs = options.jobs;
  sim::validate_rank(options.degrade, params);
  if (options.top < 1) {
    throw InvalidArgument("top must be at least 1, got " + std::to_string(options.top));
  }
  if (options.json && options.csv) throw InvalidArgument("--json and --csv cannot be combined");

  model::LoadOptions load;
  load.max_input_bytes = options.input.max_input_mb << 20;
  model::Scenario scenario = model::load_model_or_scenario(options.model, load);
  Diagnostics warnings = scenario.file.empty() ? model::validate_model(scenario.model)
                                               : model::validate_scenario(scenario);
  model::throw_if_errors(warnings, scenario.sources.get(), options.input.strict);
  err << format_diagnostics(warnings, scenario.sources.get());
  const model::OrgGraph graph = model::apply_changes(scenario.model, scenario.changes);

  const auto ranking = sim::rank_roles(graph, options.degrade, params);
  const RankReport report{graph, options.degrade, options.exact, ranking};

  const auto& file = options.json ? options.json : options.csv;
  const bool to_stdout = file && file->string() == "-";
  if (to_stdout) {
    out << (options.json ? rank_json(report) : rank_csv(report));
    return kExitOk;
  }
  print_rank_table(report, options.top, out);
  if (file) {
    write_file_atomically(*file, options.json ? rank_json(report) : rank_csv(report));
    out << "\nWrote " << file->string() << "\n";
  }
  return kExitOk;
}

}  // namespace orgsim::cli
