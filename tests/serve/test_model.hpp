#pragma once
// The small model the serve tests run against: two departments, five roles, one
// with markup in its name (it must come out escaped in every answer).

#include <string_view>

#include "model/loader.hpp"
#include "model/scenario.hpp"

namespace orgsim::test {

inline constexpr std::string_view kServeModel = R"(name: Test org
cx: {baseline: 80}
departments:
  - {id: back, name: Back office}
  - {id: front, name: Front line}
roles:
  - {id: payments, name: Payment processing, department: back, recovery: 0.5}
  - {id: payroll, name: "Payroll <script>alert(1)</script>", department: back, recovery: 0.4}
  - {id: refunds, name: Refunds & returns, department: front, recovery: 0.5, touchpoint: 0.3}
  - {id: agents, name: Agents, department: front, recovery: 0.6, touchpoint: 0.5}
  - {id: idle, name: Idle role, department: back}
dependencies:
  - {role: refunds, depends_on: payments, weight: 0.6}
  - {role: agents, depends_on: refunds, weight: 0.3}
  - {role: agents, depends_on: payroll, weight: 0.2}
  - {role: idle, depends_on: payments, weight: 0.1}
)";

/// The test model as the starting scenario of a server: one failure, 20 steps.
inline model::Scenario serve_start() {
  model::Scenario s;
  s.name = "Slow payments";
  s.model = model::parse_model(kServeModel, "/models/test-model.yaml");
  s.steps = 20;
  s.failures.push_back({*s.model.find_role("payments"), 0.5, 0, 10, {}});
  return s;
}

}  // namespace orgsim::test
