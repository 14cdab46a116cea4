#pragma once
// A what-if as the web page and the JSON API speak it: failures, structural changes,
// initial states and the run's length, on the model the server was started with.
// JSON in (checked field by field, every problem named by its JSON path), a
// model::Scenario out, and back.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/errors.hpp"
#include "model/scenario.hpp"

namespace orgsim::serve {

/// A request the API refuses: the HTTP status (400, 413, 404), a one-line message,
/// and one line per problem ("failures[0].role: unknown role 'paymnts'; did you mean
/// 'payments'?").
class RequestError : public Error {
 public:
  RequestError(int status, std::string message, std::vector<std::string> details = {});
  int status() const { return status_; }
  const std::vector<std::string>& details() const { return details_; }

 private:
  int status_;
  std::vector<std::string> details_;
};

/// Limits on what one request may ask for, so a hostile client cannot make the
/// server work for minutes.
struct WhatIfLimits {
  int max_steps = 10'000;  ///< `steps` must be in [1, max_steps], never over model::kMaxSteps
  std::size_t max_items = 10'000;  ///< failures + changes + initial states
};

/// The what-if of a request, roles resolved against the server's model.
struct WhatIf {
  std::string name;
  std::string description;
  std::vector<model::Failure> failures;
  std::vector<model::Change> changes;
  std::vector<model::InitialState> initial;
  int steps = model::kDefaultSteps;
  bool static_mode = false;  ///< the static fixed point instead of a run over time
};

/// Deepest nesting of arrays and objects a request body may have (a what-if needs 3).
inline constexpr int kMaxJsonDepth = 16;

/// Parses a request body as JSON. Throws RequestError(400) for malformed JSON (with
/// nlohmann's message and byte position) or nesting deeper than kMaxJsonDepth
/// (checked on the raw text before parsing). Time complexity: O(body length).
nlohmann::json parse_json_body(std::string_view body);

/// The what-if in `j`, checked against `model` by the scenario rules
/// (model/scenario_rules.hpp), so each message after its field's path is the YAML
/// loader's. Every problem is collected and thrown as one RequestError(400) naming the
/// field. Absent fields: no failures, changes or initial states, steps = `default_steps`,
/// dynamic. Whole-graph checks (loops that diverge after a change) are
/// model::validate_scenario's job, see to_scenario().
WhatIf what_if_from_json(const nlohmann::json& j, const model::OrgGraph& model, int default_steps,
                         const WhatIfLimits& limits = {});

/// The scenario to simulate: `base` (its model and name) with the what-if's
/// failures, changes, initial states and steps. Runs model::validate_scenario and
/// throws RequestError(400) with its error messages; returns its warnings' messages.
/// Time complexity: O(roles + dependencies) to copy the model, plus validation of the
/// changed model when there are changes.
model::Scenario to_scenario(const model::Scenario& base, const WhatIf& what_if,
                            std::vector<std::string>& warnings);

/// The what-if as JSON, roles by id: the inverse of what_if_from_json.
nlohmann::json what_if_to_json(const WhatIf& what_if, const model::OrgGraph& model);

/// The what-if of a loaded scenario (its name, failures, changes, initial states, steps).
WhatIf what_if_of(const model::Scenario& scenario);

/// A text that is equal for equal what-ifs (role indices, numbers to 17 digits):
/// the key of the picture cache.
std::string canonical_key(const WhatIf& what_if);

}  // namespace orgsim::serve
