// `orgsim rank`: which roles the customer can least afford to lose.
#include <string>

#include "app/load_input.hpp"
#include "app/output_guard.hpp"
#include "app/rank_report.hpp"
#include "cli/commands.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "sim/rank.hpp"

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

namespace {
// Beyond this many roles --exact says up front that it is n solves.
constexpr std::size_t kExactNoticeAbove = 5000;
}  // namespace

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

  const LoadedInput in = load_input(options.model, options.input, err);
  if (options.json) refuse_overwriting_inputs(*options.json, in.scenario, "--json");
  if (options.csv) refuse_overwriting_inputs(*options.csv, in.scenario, "--csv");
  const model::OrgGraph graph = model::apply_changes(in.scenario.model, in.scenario.changes);
  if (options.exact && graph.role_count() > kExactNoticeAbove) {
    err << "note: --exact solves the clamped model once per role (" << graph.role_count()
        << " solves); on large models this takes a while\n";
  }

  const auto ranking = sim::rank_roles(graph, options.degrade, params);
  const RunRecord record = make_run_record(in.scenario);
  const RankReport report{graph, options.degrade, options.exact, ranking, &record};

  const auto& file = options.json ? options.json : options.csv;
  const bool to_stdout = file && file->string() == "-";
  if (to_stdout) {
    out << (options.json ? rank_json(report) : rank_csv(report));
    return kExitOk;
  }
  print_rank_table(report, options.top, out);
  if (file) {
    out << std::flush;  // the table first when the file is /dev/stdout
    write_file_atomically(*file, options.json ? rank_json(report) : rank_csv(report));
    out << "\nWrote " << file->string() << "\n";
  }
  return kExitOk;
}

}  // namespace orgsim::cli
