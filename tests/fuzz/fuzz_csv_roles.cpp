// Feeds the bytes to model::read_roles_csv as a roles.csv with no departments.csv
// (departments are created as named), then validates the model if it read cleanly.
// Expected outcomes: roles, or diagnostics whose text is safe to print.

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/errors.hpp"
#include "common/source_files.hpp"
#include "model/csv_model.hpp"
#include "model/validate.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace orgsim;
  const std::string file = "roles.csv";
  SourceFiles sources;
  std::string_view input = fuzz::as_text(data, size);
  sources.add(file, std::string(input));
  model::OrgGraph g;
  Diagnostics d;
  try {
    model::read_roles_csv(input, file, model::kDefaultRecovery, model::DepartmentRule::kCreate, g,
                          d);
    if (!d.has_errors()) d.append(model::validate_model(g));
  } catch (const Error& e) {
    fuzz::trace(e.what());
    fuzz::check_printable(e.what());
  }
  std::string text = format_diagnostics(d, &sources);
  fuzz::trace(text.empty() ? "read, no diagnostics" : text);
  fuzz::check_printable(text);
  // At most kMaxCsvErrors errors are listed, however many there are (the rest are counted).
  fuzz::check(d.error_count() - d.unlisted_errors() <= model::kMaxCsvErrors,
              "errors listed capped at kMaxCsvErrors");
  return 0;
}
