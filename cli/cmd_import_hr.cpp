// `orgsim import hr`: an HR export in, a commented model that validates out.
#include "app/hr_import.hpp"
#include "app/model_output.hpp"
#include "app/output_guard.hpp"
#include "app/text.hpp"
#include "cli/commands.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "common/printable.hpp"

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

int run_import_hr(const ImportHrOptions& options, std::ostream& out, std::ostream& err) {
  HrImportParams params;
  params.name = options.name;
  if (const std::string problem = model::parse_hr_columns(options.columns, params.columns);
      !problem.empty()) {
    throw InvalidArgument("--columns: " + problem);
  }
  const InputFile csv{options.csv, "the HR export"};
  refuse_overwriting_inputs(options.output, std::span(&csv, 1), "-o/--output");
  const HrModel m = import_hr(options.csv, params, options.input.max_input_mb);
  // Checked as `orgsim validate` would check the file, before it is written.
  const std::string text =
      checked_model_yaml(m.graph, m.comments, options.output, options.input, err);
  write_file_atomically(options.output, text);
  const model::OrgGraph& g = m.graph;
  std::size_t touchpoints = 0;
  for (const model::Role& r : g.roles()) touchpoints += r.touchpoint > 0.0;
  out << "Wrote " << printable_path(options.output) << ": "
      << count_of(m.employees, "employee", "employees") << " as "
      << count_of(g.role_count(), "role", "roles") << " in "
      << count_of(g.departments().size(), "department", "departments") << ", "
      << count_of(g.dependencies().size(), "dependency", "dependencies") << ", "
      << count_of(touchpoints, "touchpoint", "touchpoints") << ".\n"
      << "The assumptions are at the top of the file (docs/import-hr.md); check them, then\n"
      << "  " << printable(options.program) << " validate " << printable_path(options.output)
      << "\n  " << printable(options.program) << " elicit " << printable_path(options.output)
      << " -o survey.csv\n";
  return kExitOk;
}

}  // namespace orgsim::cli
