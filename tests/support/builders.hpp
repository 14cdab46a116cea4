#pragma once
// Tiny graphs and scenarios for unit tests, written as one line of text (like
// ninja's test.h and igraph_small). Header-only, so every test program can use it.
//
// make_graph() takes statements separated by ';' (spaces are ignored):
//   "A->B 0.5"   role A depends on role B with weight 0.5 (A[A][B] = 0.5)
//   "C*0.4"      role C is a touchpoint with CX weight 0.4
//   "C~0.25"     role C recovers at rate 0.25 per step (default: the second argument)
//   "D"          role D exists (roles are also created on first mention above)
// Roles are numbered in order of first mention, so in "A->B 0.5; B->C 0.2" A is
// RoleId(0), B RoleId(1), C RoleId(2). All roles are in one department "d"; the CX
// baseline is 100. A malformed spec throws std::invalid_argument naming the statement.

#include <algorithm>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "model/org_graph.hpp"
#include "model/scenario.hpp"

namespace orgsim::test {

namespace builders_detail {

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

inline double parse_number(std::string_view text, std::string_view statement) {
  text = trim(text);
  double v = 0.0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    throw std::invalid_argument("make_graph: bad number '" + std::string(text) + "' in '" +
                                std::string(statement) + "'");
  }
  return v;
}

inline model::RoleId role_named(model::OrgGraph& g, std::string_view name, double recovery,
                                std::string_view statement) {
  name = trim(name);
  if (name.empty() || name.find_first_of(" ->*~") != std::string_view::npos) {
    throw std::invalid_argument("make_graph: bad role name '" + std::string(name) + "' in '" +
                                std::string(statement) + "'");
  }
  if (auto id = g.find_role(name)) return *id;
  model::Role r;
  r.id = std::string(name);
  r.name = r.id;
  r.department = model::DepartmentId(0);
  r.recovery = recovery;
  return g.add_role(std::move(r));
}

}  // namespace builders_detail

/// Builds an OrgGraph from the one-line spec described at the top of this file.
inline model::OrgGraph make_graph(std::string_view spec,
                                  double default_recovery = model::kDefaultRecovery) {
  using builders_detail::parse_number;
  using builders_detail::role_named;
  model::OrgGraph g;
  g.name = "test";
  g.add_department({"d", "d", {}});
  while (!spec.empty()) {
    const std::size_t semi = spec.find(';');
    const std::string_view statement = builders_detail::trim(spec.substr(0, semi));
    spec = semi == std::string_view::npos ? std::string_view{} : spec.substr(semi + 1);
    if (statement.empty()) continue;
    if (const std::size_t arrow = statement.find("->"); arrow != std::string_view::npos) {
      const std::string_view rest = builders_detail::trim(statement.substr(arrow + 2));
      const std::size_t space = rest.find(' ');
      if (space == std::string_view::npos) {
        throw std::invalid_argument("make_graph: missing weight in '" + std::string(statement) +
                                    "'");
      }
      const model::RoleId from =
          role_named(g, statement.substr(0, arrow), default_recovery, statement);
      const model::RoleId to = role_named(g, rest.substr(0, space), default_recovery, statement);
      g.add_dependency({from, to, parse_number(rest.substr(space + 1), statement), {}});
    } else if (const std::size_t star = statement.find('*'); star != std::string_view::npos) {
      const model::RoleId r = role_named(g, statement.substr(0, star), default_recovery, statement);
      g.role(r).touchpoint = parse_number(statement.substr(star + 1), statement);
    } else if (const std::size_t tilde = statement.find('~'); tilde != std::string_view::npos) {
      const model::RoleId r =
          role_named(g, statement.substr(0, tilde), default_recovery, statement);
      g.role(r).recovery = parse_number(statement.substr(tilde + 1), statement);
    } else {
      role_named(g, statement, default_recovery, statement);
    }
  }
  return g;
}

/// The id of a role that must exist in `g` (throws std::invalid_argument otherwise).
inline model::RoleId role_id(const model::OrgGraph& g, std::string_view name) {
  if (auto id = g.find_role(name)) return *id;
  throw std::invalid_argument("no role '" + std::string(name) + "' in the test graph");
}

/// One failure for make_scenario: c[role] += degrade during steps [from, to).
struct Fail {
  std::string_view role;
  double degrade = 0.0;
  int from = 0;
  std::optional<int> to = std::nullopt;
};

/// A scenario over `graph` with the given failures, no changes, and `steps` = 30
/// (model::kDefaultSteps). Example: make_scenario(g, Fail{"B", 0.4, 0, 2}, Fail{"C", 0.1}).
template <std::same_as<Fail>... F>
model::Scenario make_scenario(model::OrgGraph graph, const F&... failures) {
  model::Scenario s;
  s.name = "test";
  [[maybe_unused]] auto add = [&](const Fail& f) {
    s.failures.push_back({role_id(graph, f.role), f.degrade, f.from, f.to, {}});
  };
  (add(failures), ...);
  s.model = std::move(graph);
  return s;
}

/// A Change that sets (adds, or with weight 0 removes) the dependency role -> depends_on.
inline model::Change set_dependency(const model::OrgGraph& g, std::string_view role,
                                    std::string_view depends_on, double weight) {
  model::Change c;
  c.role = role_id(g, role);
  c.depends_on = role_id(g, depends_on);
  c.weight = weight;
  return c;
}

/// A Change of one role's recovery rate.
inline model::Change set_recovery(const model::OrgGraph& g, std::string_view role,
                                  double recovery) {
  model::Change c;
  c.role = role_id(g, role);
  c.recovery = recovery;
  return c;
}

/// A Change of one role's touchpoint weight.
inline model::Change set_touchpoint(const model::OrgGraph& g, std::string_view role,
                                    double touchpoint) {
  model::Change c;
  c.role = role_id(g, role);
  c.touchpoint = touchpoint;
  return c;
}

/// Options of make_random_graph.
struct RandomGraphSpec {
  std::size_t roles = 8;
  /// Chance of each ordered pair (i, j), i != j, being a dependency.
  double edge_probability = 0.3;
  /// Each role's weights are rescaled so they sum to a value in [0.1, max_row_sum].
  double max_row_sum = 0.8;
  /// Only edges from a higher to a lower position of a random permutation: no loops.
  bool acyclic = false;
  /// Adds the ring r0 -> r1 -> ... -> r(n-1) -> r0, so the whole graph is one loop.
  bool ring = false;
  std::uint32_t seed = 1;
};

/// A deterministic random graph (std::mt19937 with explicit distributions). Roles are
/// "r0", "r1", ...; none is a touchpoint; recovery is the default. Each row's weights
/// sum to less than 1, so the spectral radius is below 1 and the static model has a
/// unique solution.
inline model::OrgGraph make_random_graph(const RandomGraphSpec& spec) {
  std::mt19937 rng(spec.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_real_distribution<double> weight(0.05, 1.0);
  std::uniform_real_distribution<double> row_sum(0.1, spec.max_row_sum);
  const std::size_t n = spec.roles;
  std::vector<std::size_t> rank(n);  // acyclic: i may depend on j only if rank[j] < rank[i]
  for (std::size_t i = 0; i < n; ++i) rank[i] = i;
  std::shuffle(rank.begin(), rank.end(), rng);

  model::OrgGraph g;
  g.name = "random";
  g.add_department({"d", "d", {}});
  for (std::size_t i = 0; i < n; ++i) {
    model::Role r;
    r.id = "r" + std::to_string(i);
    r.name = r.id;
    g.add_role(std::move(r));
  }
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::pair<std::size_t, double>> row;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i || (spec.acyclic && rank[j] >= rank[i])) continue;
      const bool ring_edge = spec.ring && j == (i + 1) % n;
      if (ring_edge || unit(rng) < spec.edge_probability) row.emplace_back(j, weight(rng));
    }
    if (row.empty()) continue;
    double sum = 0.0;
    for (const auto& e : row) sum += e.second;
    const double scale = row_sum(rng) / sum;
    for (const auto& [j, w] : row) {
      g.add_dependency({model::RoleId(static_cast<std::uint32_t>(i)),
                        model::RoleId(static_cast<std::uint32_t>(j)),
                        w * scale,
                        {}});
    }
  }
  return g;
}

}  // namespace orgsim::test
