// Builds an org and a scenario from the bytes directly (no YAML), so that nearly
// every input reaches the simulator: up to 64 roles, random dependencies scaled so
// each role's incoming weights sum to at most a limit the input picks (as close to 1
// as 1 - 1e-12, where I - A is nearly singular), touchpoints, failures, changes and
// initial states. What validates then goes through sim_checks.hpp.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/scenario.hpp"
#include "model/validate.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "tests/fuzz/sim_checks.hpp"

namespace {

using namespace orgsim;
using model::RoleId;

// The input, read a byte at a time; 0 once it runs out.
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }
  std::size_t below(std::size_t n) { return next() % n; }  // n <= 256
  double unit() { return next() / 255.0; }                 // [0, 1]
  double open_unit() { return (next() + 1) / 256.0; }      // (0, 1]

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

model::Scenario build(Bytes& in) {
  constexpr double kRowLimits[] = {0.5, 0.9, 0.99, 0.999999, 1.0 - 1e-12};
  model::Scenario s;
  s.name = "fuzz";
  s.file = "fuzz-sim-graph";
  model::OrgGraph& g = s.model;
  const std::size_t roles = 1 + in.below(64);
  const double row_limit = kRowLimits[in.below(5)];
  const std::size_t departments = 1 + in.below(3);
  for (std::size_t d = 0; d < departments; ++d) {
    g.add_department({"d" + std::to_string(d), "D" + std::to_string(d), {}});
  }
  double touchpoints = 0.0;
  for (std::size_t i = 0; i < roles; ++i) {
    model::Role r;
    r.id = "r" + std::to_string(i);
    r.name = r.id;
    r.department = model::DepartmentId(static_cast<std::uint32_t>(in.below(departments)));
    r.recovery = in.open_unit();
    if (in.below(3) == 0) {
      r.touchpoint = in.unit() * (1.0 - touchpoints);
      touchpoints += r.touchpoint;
    }
    g.add_role(std::move(r));
  }
  auto role = [&] { return RoleId(static_cast<std::uint32_t>(in.below(roles))); };
  std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::vector<double> incoming(roles, 0.0);
  const std::size_t edges = in.below(4 * roles + 1);
  for (std::size_t e = 0; e < edges; ++e) {
    RoleId a = role(), b = role();
    double w = in.unit();
    if (a == b || !pairs.insert({a.value, b.value}).second) continue;
    g.add_dependency({a, b, w, {}});
    incoming[a.value] += w;
  }
  // Row sums of A at most row_limit < 1, so its spectral radius is below 1.
  for (model::Dependency& d : g.mutable_dependencies()) {
    if (incoming[d.role.value] > row_limit) d.weight *= row_limit / incoming[d.role.value];
  }
  s.steps = 1 + static_cast<int>(in.below(40));
  for (std::size_t k = in.below(4); k > 0; --k) {
    model::Failure f{role(), in.open_unit(), static_cast<int>(in.below(10)), std::nullopt, {}};
    if (in.below(3) != 0) f.to = f.from + 1 + static_cast<int>(in.below(10));
    s.failures.push_back(f);
  }
  for (std::size_t k = in.below(3); k > 0; --k) {
    model::Change c{role(), std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}};
    switch (in.below(3)) {
      case 0:
        c.depends_on = role();
        c.weight = in.unit() * 0.5;
        if (*c.depends_on == c.role) continue;  // both loaders refuse it item by item
        break;
      case 1:
        c.recovery = in.open_unit();
        break;
      default:
        c.touchpoint = in.unit() * 0.1;
        break;
    }
    s.changes.push_back(c);
  }
  if (in.below(2) == 0) s.initial.push_back({role(), in.unit(), {}});
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes in(data, size);
  model::Scenario s = build(in);
  Diagnostics d = model::validate_scenario(s);
  if (d.has_errors()) {
    fuzz::trace(format_diagnostics(d, nullptr));
    return 0;  // e.g. a change that closed a loop of gain >= 1
  }
  fuzz::trace("valid: simulating");
  fuzz::simulate_and_check(s);
  return 0;
}
