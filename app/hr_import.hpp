#pragma once
// `orgsim import hr`: an HR export (model/hr_table.hpp) becomes a model. Roles are
// (department, job title) pairs with their headcount; reporting lines become
// dependencies both ways; the customer-facing flag gives the touchpoints; recovery comes
// from headcount. Every assumption is written into the model file as a comment
// (docs/import-hr.md is the reference and says why each rule is what it is).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/hr_table.hpp"
#include "model/org_graph.hpp"
#include "model/yaml_writer.hpp"

namespace orgsim::app {

/// A team's weight on its managers' roles, and a manager role's weight on its teams, each
/// shared out by headcount: a role's weights on its managers add up to at most the first,
/// on its teams to at most the second, so every row of A sums to at most 0.5 and the
/// model is stable (spectral radius <= 0.5).
inline constexpr double kTeamOnManagerWeight = 0.2;
inline constexpr double kManagerOnTeamWeight = 0.3;

/// Recovery per step by headcount: nobody to cover for one person; colleagues share the
/// backlog in larger teams.
inline constexpr double kRecoveryAlone = 0.2;
inline constexpr double kRecoverySmallTeam = 0.35;
inline constexpr double kRecoveryLargeTeam = 0.5;
inline constexpr std::size_t kLargeTeam = 10;  ///< people from which a team is large

/// The time unit the recovery rates are meant in.
inline constexpr std::string_view kHrTimeUnit = "day";

struct HrImportParams {
  model::HrColumns columns;
  std::string name;  ///< the model's name; "": the file's stem
};

struct HrModel {
  model::OrgGraph graph;
  model::YamlComments comments;        ///< the assumptions, and each number's reason
  std::vector<std::size_t> headcount;  ///< by role
  std::size_t employees = 0;
  std::size_t customer_facing = 0;
};

/// The model of a checked table; `source` names the export in the comments.
/// Time complexity: O(employees + links x log links).
HrModel build_hr_model(const model::HrTable& table, std::string_view source,
                       const HrImportParams& params);

/// Reads and checks the export at `csv` (refused beyond `max_input_mb`), then builds
/// its model. Throws InvalidArgument (not a readable file, too large) or ValidationError
/// with every problem of the file (file:line:col, the quoted line and a caret).
HrModel import_hr(const std::filesystem::path& csv, const HrImportParams& params,
                  std::uintmax_t max_input_mb);

}  // namespace orgsim::app
