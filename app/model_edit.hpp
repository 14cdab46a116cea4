#pragma once
// The model editor's side of app (`orgsim serve MODEL --edit`): the page holds the model
// as JSON; each change is checked here by writing it as model YAML, one line per item,
// and reading that text with the loader and validate_model, exactly as `orgsim validate`
// reads a file. Each problem found comes back tied to the item (and field) of the line
// it points at, so the page can show `orgsim validate`'s own message on that element.
// docs/editor.md describes the JSON.

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"
#include "model/org_graph.hpp"

namespace orgsim::app {

/// What a problem is about: the model's own fields ("model": name, cx_baseline,
/// time_unit, description, or a whole list: departments, roles, dependencies), or item
/// `index` of a list ("department", "role", "dependency").
struct EditElement {
  std::string kind = "model";
  std::size_t index = 0;
  std::string field;  ///< "weight", "id", ...; empty: the item (or model) as a whole
};

struct EditProblem {
  Severity severity = Severity::kError;
  std::string message;  ///< as `orgsim validate` prints it after "error: " / "warning: "
  EditElement element;
};

struct EditCheck {
  std::string text;                   ///< the model as the YAML that was checked
  std::vector<EditProblem> problems;  ///< in the order `orgsim validate` lists them
  std::size_t errors = 0;             ///< every error found (listed or not)
  std::size_t warnings = 0;
  std::optional<model::OrgGraph> graph;  ///< the model read back, when it has no errors
  bool ok() const { return errors == 0; }
};

/// Checks the editor's JSON model `model` ({name, description, time_unit, cx_baseline,
/// departments: [{id, name}], roles: [{id, name, department, recovery, touchpoint,
/// description}], dependencies: [{role, depends_on, weight}]}) as the model file
/// `file_name`. A number field may be a JSON number, null or "" (left out of the file),
/// or other text (refused by the loader as `orgsim validate` would). Throws
/// InvalidArgument naming the JSON path (`roles[2].id`) when the JSON has another shape.
/// Time complexity: that of loading and validating the model.
EditCheck check_edited_model(const nlohmann::json& model, const std::string& file_name);

/// `graph` as the editor's JSON model (the inverse of check_edited_model for a valid model).
nlohmann::json edit_model_json(const model::OrgGraph& graph);

/// The model a new file starts from: named `name`, with no departments, roles or dependencies.
nlohmann::json empty_edit_model(const std::string& name);

/// The answer to a check: {ok, errors, warnings, problems: [{severity, message, element:
/// {kind, index, field}}]}.
nlohmann::json edit_check_json(const EditCheck& check);

}  // namespace orgsim::app
