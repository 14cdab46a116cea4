#include "sim/path_checks.hpp"

#include <cstdio>

#include "common/errors.hpp"

namespace orgsim::sim::detail {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void check_count(std::size_t k, const char* name) {
  if (k < 1) throw InvalidArgument(std::string(name) + " must be at least 1, got 0");
}

void check_role(const model::OrgGraph& graph, model::RoleId role, const char* what) {
  if (role.value >= graph.role_count()) {
    throw InvalidArgument(std::string(what) + " must be a role index in [0, " +
                          std::to_string(graph.role_count()) + "), got " +
                          std::to_string(role.value));
  }
}

void check_degrade(double degrade) {
  if (!(degrade >= 0.0 && degrade <= 1.0)) {
    throw InvalidArgument("degrade must be in [0, 1], got " + number(degrade));
  }
}

}  // namespace orgsim::sim::detail
