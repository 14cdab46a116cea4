#pragma once
// Internal to sim/: argument checks and ranking shared by the path searches
// (strongest_paths.cpp) and the impact paths built on them (paths.cpp).

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "model/org_graph.hpp"

namespace orgsim::sim::detail {

/// "%.6g" formatting for messages.
std::string number(double v);
/// Throws InvalidArgument unless k >= 1.
void check_count(std::size_t k, const char* name);
/// Throws InvalidArgument unless `role` is a role of `graph`.
void check_role(const model::OrgGraph& graph, model::RoleId role, const char* what);
/// Throws InvalidArgument unless degrade is in [0, 1].
void check_degrade(double degrade);

// Keeps the k best of `paths` by score (descending), then by roles (lexicographic).
template <class T, class Score>
void keep_best(std::vector<T>& paths, std::size_t k, Score score) {
  std::sort(paths.begin(), paths.end(), [&](const T& a, const T& b) {
    const double sa = score(a), sb = score(b);
    if (sa != sb) return sa > sb;
    return a.roles < b.roles;
  });
  if (paths.size() > k) paths.resize(k);
}

}  // namespace orgsim::sim::detail
