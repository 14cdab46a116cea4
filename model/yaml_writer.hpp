#pragma once
// Typed model out, YAML text in: the inverse of model/loader. The text reads back
// through load_model / parse_scenario to the same values, bit for bit.

#include <string>
#include <string_view>
#include <vector>

#include "model/org_graph.hpp"
#include "model/scenario.hpp"

namespace orgsim::model {

/// A model file for `graph`: name, description, cx baseline, departments, roles (with
/// name, department, recovery, touchpoint, description) and dependencies, one flow
/// mapping per item. Numbers are the shortest text that reads back exactly ("0.8", as a
/// person types it, not "0.80000000000000004"); text is double-quoted (with escapes)
/// unless it is a plain token no YAML 1.1 reader could take for anything else. Text must
/// be valid UTF-8 to read back unchanged.
/// Time complexity: O(roles + departments + dependencies + length of the text).
std::string to_yaml(const OrgGraph& graph);

/// Comments for a generated model (`orgsim import hr`, `orgsim elicit --merge`): why each
/// number is what it is. `header` lines open the file; an item's comment ends its line.
/// Line breaks inside an item's comment become spaces. Empty: no comment.
struct YamlComments {
  std::string header;                     ///< lines separated by '\n', each written "# line"
  std::vector<std::string> departments;   ///< by department index (may be shorter)
  std::vector<std::string> roles;         ///< by role index
  std::vector<std::string> dependencies;  ///< by dependency index
};

/// to_yaml(graph) with `comments`; reads back to the same model.
std::string to_yaml(const OrgGraph& graph, const YamlComments& comments);

/// A scenario file for `scenario`: name, description, `model: <model_path>`, steps,
/// failures, changes and initial states, with roles named by their ids in
/// scenario.model. Time complexity: O(failures + changes + initial + length of the text).
std::string to_yaml(const Scenario& scenario, std::string_view model_path);

/// `text` as a YAML scalar: as is when it is a plain safe token (letters, digits,
/// spaces, `_ . - / ( )`, starting with a letter or `_`, and not a YAML 1.1 boolean
/// or null such as `yes`, `Off`, `null`), otherwise double-quoted with escapes.
std::string yaml_scalar(std::string_view text);

/// `value` as the shortest text that reads back as the same double (format_shortest,
/// locale-independent), with a point before any exponent for YAML 1.1 readers: "0.8",
/// "0.1", "1.0e-07".
std::string yaml_number(double value);

}  // namespace orgsim::model
