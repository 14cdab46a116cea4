#pragma once
// The generated orgs every benchmark runs on (seed 42, 20 departments), built once
// per process: generating a million-role org takes a while.

#include <map>
#include <memory>
#include <utility>

#include "model/synthetic.hpp"

namespace orgsim::bench {

inline const model::OrgGraph& bench_org(std::size_t roles, model::SyntheticShape shape) {
  static std::map<std::pair<std::size_t, int>, std::unique_ptr<model::OrgGraph>> cache;
  auto& slot = cache[{roles, static_cast<int>(shape)}];
  if (!slot) {
    model::SyntheticSpec spec;
    spec.roles = roles;
    spec.departments = 20;
    spec.shape = shape;
    spec.seed = 42;
    slot = std::make_unique<model::OrgGraph>(model::make_synthetic(spec));
  }
  return *slot;
}

}  // namespace orgsim::bench
