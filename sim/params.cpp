#include "sim/params.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "common/errors.hpp"

namespace orgsim::sim {

void validate(const SimParams& params) {
  if (params.steps && (*params.steps < 1 || *params.steps > 1'000'000)) {
    throw InvalidArgument("steps must be in [1, 1000000], got " + std::to_string(*params.steps));
  }
  if (!(params.tolerance > 0.0 && params.tolerance < 1e-3)) {
    char got[32];
    std::snprintf(got, sizeof got, "%.6g", params.tolerance);
    throw InvalidArgument(std::string("tolerance must be in (0, 1e-3), got ") + got);
  }
  if (params.max_iterations < 1) {
    throw InvalidArgument("max_iterations must be at least 1, got " +
                          std::to_string(params.max_iterations));
  }
}

}  // namespace orgsim::sim
