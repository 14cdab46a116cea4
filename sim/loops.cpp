#include "sim/loops.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <string>

#include "common/errors.hpp"
#include "sim/paths.hpp"

namespace orgsim::sim {

namespace {

// The loop rotated to start at its smallest role index: the same for every rotation.
std::vector<model::RoleId> canonical(const std::vector<model::RoleId>& roles) {
  std::vector<model::RoleId> out(roles);
  std::rotate(out.begin(), std::min_element(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<FeedbackLoop> loops_through(const model::OrgGraph& graph,
                                        std::span<const model::RoleId> roles,
                                        std::size_t k_per_role) {
  if (k_per_role < 1) throw InvalidArgument("k_per_role must be at least 1, got 0");
  // Each role once, in the order given; rank[r] is that position.
  constexpr std::size_t kNotQueried = std::numeric_limits<std::size_t>::max();
  std::vector<model::RoleId> unique;
  std::map<model::RoleId, std::size_t> rank;
  for (model::RoleId r : roles) {
    if (r.value >= graph.role_count()) {
      throw InvalidArgument("role must be a role index in [0, " +
                            std::to_string(graph.role_count()) + "), got " +
                            std::to_string(r.value));
    }
    if (rank.try_emplace(r, unique.size()).second) unique.push_back(r);
  }
  auto rank_of = [&](model::RoleId r) {
    auto it = rank.find(r);
    return it == rank.end() ? kNotQueried : it->second;
  };

  const auto found = strongest_paths(graph, unique, PathEnd::kSource, k_per_role);
  std::map<std::vector<model::RoleId>, FeedbackLoop> loops;  // by canonical rotation
  for (const std::vector<RolePath>& per_role : found) {
    for (const RolePath& p : per_role) {
      std::vector<model::RoleId> key = canonical(p.roles);
      if (loops.count(key)) continue;
      FeedbackLoop loop;
      loop.roles = p.roles;
      auto start = std::min_element(
          loop.roles.begin(), loop.roles.end(),
          [&](model::RoleId a, model::RoleId b) { return rank_of(a) < rank_of(b); });
      std::rotate(loop.roles.begin(), start, loop.roles.end());
      loop.gain = p.gain * p.end_weight;
      loop.amplifies = loop.gain > 0.0;
      loop.amplification =
          loop.gain < 1.0 ? 1.0 / (1.0 - loop.gain) : std::numeric_limits<double>::infinity();
      loops.emplace(std::move(key), std::move(loop));
    }
  }

  std::vector<std::pair<std::vector<model::RoleId>, FeedbackLoop>> sorted(loops.begin(),
                                                                          loops.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second.gain > b.second.gain; });
  std::vector<FeedbackLoop> out;
  out.reserve(sorted.size());
  for (auto& [key, loop] : sorted) out.push_back(std::move(loop));
  return out;
}

}  // namespace orgsim::sim
