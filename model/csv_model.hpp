#pragma once
// The lists of a model as CSV tables, for models too large for YAML (a million roles):
// departments.csv (id,name), roles.csv (id,name,department,recovery,touchpoint,
// description) and dependencies.csv (role,depends_on,weight), columns named by the
// header line. docs/model.md "CSV models" is the reference. Each reader reports every
// problem with file:line:col and leaves the offending row out.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/diagnostics.hpp"
#include "model/org_graph.hpp"

namespace orgsim::model {

/// A CSV table may be this many times larger than the limit on YAML files
/// (LoadOptions::max_input_bytes): a CSV model takes about 4 times its size in memory,
/// a YAML one about 64 times. The 64 MB default thus allows 1 GB per table.
inline constexpr std::uintmax_t kTableSizeFactor = 16;

/// Each table lists at most this many errors; the rest are counted (Diagnostics).
inline constexpr std::size_t kMaxCsvErrors = Diagnostics::kMaxListedErrors;

/// What to do with a department of roles.csv that is not known yet.
enum class DepartmentRule {
  kMustExist,  ///< departments.csv was read: an unknown one is an error
  kCreate,     ///< there is no departments.csv: it is created, named by its id
  kSkip,       ///< departments.csv could not be read: departments are not checked
};

/// Reads departments.csv text (`file` names it in messages) into `g`.
/// Returns false when the header is unusable (nothing was read).
/// Time complexity: O(length of text).
bool read_departments_csv(std::string_view text, const std::string& file, OrgGraph& g,
                          Diagnostics& out);

/// Reads roles.csv text into `g` and sets g.roles_file; an empty recovery cell means
/// `default_recovery`. Returns false when the header is unusable (nothing was read).
/// Time complexity: O(length of text), one hash lookup per row.
bool read_roles_csv(std::string_view text, const std::string& file, double default_recovery,
                    DepartmentRule departments, OrgGraph& g, Diagnostics& out);

/// Reads dependencies.csv text into `g`. Roles are looked up only when `check_roles`
/// (false when roles.csv could not be read, so every row would be an unknown role).
/// Duplicate pairs and self-dependencies are errors, as in YAML.
/// Time complexity: O(length of text + dependencies x log(dependencies per role)).
void read_dependencies_csv(std::string_view text, const std::string& file, bool check_roles,
                           OrgGraph& g, Diagnostics& out);

}  // namespace orgsim::model
