#include "model/scenario.hpp"

#include <unordered_map>

namespace orgsim::model {

namespace {
std::uint64_t edge_key(RoleId role, RoleId depends_on) {
  return (std::uint64_t{role.value} << 32) | depends_on.value;
}
}  // namespace

OrgGraph apply_changes(const OrgGraph& model, const std::vector<Change>& changes) {
  OrgGraph out = model;
  if (changes.empty()) return out;
  // Dependency indices shift below, so the distributions would point at the wrong
  // edges: the changed model carries plain numbers only.
  out.uncertain.clear();
  auto& deps = out.mutable_dependencies();
  std::unordered_map<std::uint64_t, std::size_t> edge_index;
  edge_index.reserve(deps.size());
  for (std::size_t i = 0; i < deps.size(); ++i) {
    edge_index.emplace(edge_key(deps[i].role, deps[i].depends_on), i);
  }
  std::vector<bool> removed(deps.size(), false);
  for (const Change& ch : changes) {
    Role& role = out.role(ch.role);
    if (ch.recovery) role.recovery = *ch.recovery;
    if (ch.touchpoint) role.touchpoint = *ch.touchpoint;
    if (ch.depends_on && ch.weight) {
      auto key = edge_key(ch.role, *ch.depends_on);
      auto it = edge_index.find(key);
      if (it != edge_index.end()) {
        deps[it->second].weight = *ch.weight;
        removed[it->second] = *ch.weight == 0.0;
      } else if (*ch.weight != 0.0) {
        edge_index.emplace(key, deps.size());
        // No TextPos: the edge was written in the scenario, not in the model file.
        deps.push_back({ch.role, *ch.depends_on, *ch.weight, TextPos{}});
        removed.push_back(false);
      }
    }
  }
  // A weight of 0 removes the edge, so loops it broke no longer count as loops.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < deps.size(); ++i) {
    if (!removed[i]) deps[kept++] = deps[i];
  }
  deps.resize(kept);
  return out;
}

}  // namespace orgsim::model
