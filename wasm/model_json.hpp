#pragma once
// The model as the workshop page holds it: the JSON of `orgsim serve`'s GET /api/model
// (docs/api.md), read back into a model::OrgGraph. The WebAssembly engine has no
// YAML reader, so this is how a model reaches it; orgsim itself writes the document.

#include <nlohmann/json_fwd.hpp>

#include "model/org_graph.hpp"

namespace orgsim::wasm {

/// The model in `j`: name, description, file, time_unit, cx_baseline, departments, roles and
/// dependencies, in the order written (so the sparse matrix, and every sum over it, is
/// the one the native build makes). Fields orgsim adds for the page (scenario, limits,
/// layout, ...) are ignored. Every problem, named by its JSON path, then the model's
/// whole-graph errors (model::validate_model), is thrown as one serve::RequestError(400).
/// Time complexity: O(roles + dependencies) plus validation.
model::OrgGraph model_from_json(const nlohmann::json& j);

}  // namespace orgsim::wasm
