// Feeds the bytes to the CSV model readers as three tables: departments.csv, then a
// line "#@roles" and roles.csv, then a line "#@dependencies" and dependencies.csv
// (a missing marker leaves that table out; input starting with "#@roles" has no
// departments.csv, so departments are created as named). Reads them as the loader does, then
// validates the model if it read cleanly, and writes it out and reads it back
// (model/csv_writer.hpp). Expected outcomes: a model, or diagnostics
// whose text is safe to print.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/errors.hpp"
#include "common/source_files.hpp"
#include "model/csv_model.hpp"
#include "model/csv_writer.hpp"
#include "model/validate.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace orgsim;

// The tables written for `g` read back without errors, and (for valid UTF-8 input)
// write out the same again.
void check_round_trip(const model::OrgGraph& g, bool exact) {
  const std::string departments = model::departments_csv(g), roles = model::roles_csv(g),
                    dependencies = model::dependencies_csv(g);
  model::OrgGraph again;
  Diagnostics d;
  model::read_departments_csv(departments, "departments.csv", again, d);
  model::read_roles_csv(roles, "roles.csv", model::kDefaultRecovery,
                        model::DepartmentRule::kMustExist, again, d);
  model::read_dependencies_csv(dependencies, "dependencies.csv", true, again, d);
  if (d.has_errors()) {
    std::fprintf(stderr, "fuzz: the CSV writer wrote tables that do not read back:\n%s%s%s%s",
                 departments.c_str(), roles.c_str(), dependencies.c_str(),
                 format_diagnostics(d, nullptr).c_str());
    std::abort();
  }
  if (exact) {
    fuzz::check(model::departments_csv(again) == departments && model::roles_csv(again) == roles &&
                    model::dependencies_csv(again) == dependencies,
                "CSV round trip is exact");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::SplitText first = fuzz::split_at_line(fuzz::as_text(data, size), "#@roles");
  fuzz::SplitText second = fuzz::split_at_line(first.after, "#@dependencies");
  const std::string departments = "departments.csv", roles = "roles.csv",
                    dependencies = "dependencies.csv";
  SourceFiles sources;
  sources.add(departments, std::string(first.before));
  sources.add(roles, std::string(second.before));
  sources.add(dependencies, std::string(second.after));
  model::OrgGraph g;
  Diagnostics d;
  try {
    // Input that starts with "#@roles": a model with no departments.csv.
    model::DepartmentRule rule = model::DepartmentRule::kCreate;
    if (!first.found || !first.before.empty()) {
      rule = model::read_departments_csv(first.before, departments, g, d)
                 ? model::DepartmentRule::kMustExist
                 : model::DepartmentRule::kSkip;
    }
    bool have_roles = first.found && model::read_roles_csv(second.before, roles,
                                                           model::kDefaultRecovery, rule, g, d);
    if (second.found) model::read_dependencies_csv(second.after, dependencies, have_roles, g, d);
    // A model needs a role (the loaders refuse an empty roles table and a model without
    // one), so only a model with roles must survive the round trip.
    if (!d.has_errors() && g.role_count() > 0) {
      check_round_trip(g, fuzz::valid_utf8(fuzz::as_text(data, size)));
      d.append(model::validate_model(g));
    }
  } catch (const Error& e) {
    fuzz::trace(e.what());
    fuzz::check_printable(e.what());
  }
  std::string text = format_diagnostics(d, &sources);
  fuzz::trace(text.empty() ? "read, no diagnostics" : text);
  fuzz::check_printable(text);
  return 0;
}
