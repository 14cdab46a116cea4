// Engine::restart (a Monte Carlo sample with new numbers on the same structure) gives
// the bits a new Engine gives, and refuses a graph of another structure.
#include <gtest/gtest.h>

#include <stdexcept>

#include "model/synthetic.hpp"
#include "sim/engine.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::sim {
namespace {

TEST(EngineRestartTest, GivesTheBitsOfANewEngine) {
  model::SyntheticSpec spec;
  spec.roles = 300;
  spec.departments = 6;
  spec.seed = 7;
  const model::OrgGraph first = model::make_synthetic(spec);
  model::OrgGraph second = first;  // new numbers, same structure
  for (std::size_t d = 0; d < second.dependencies().size(); d += 3) {
    second.mutable_dependencies()[d].weight *= 0.7;
  }
  for (std::size_t r = 0; r < second.role_count(); r += 5) {
    second.role(model::RoleId(static_cast<std::uint32_t>(r))).recovery = 0.9;
  }
  model::Failure a{model::RoleId(299), 0.5, 0, 4, {}};
  model::Failure b{model::RoleId(150), 0.8, 2, 9, {}};
  const model::InitialState start{model::RoleId(10), 0.25, {}};

  Engine reused(first, {a}, {});
  for (int k = 0; k < 7; ++k) reused.step();
  reused.restart(second, std::vector{b}, std::vector{start});
  Engine fresh(second, {b}, std::vector{start});
  for (int k = 0; k <= 20; ++k) {
    ASSERT_EQ(reused.current_step(), fresh.current_step());
    ASSERT_EQ(reused.cx(), fresh.cx()) << "step " << k;
    for (std::size_t i = 0; i < fresh.state().size(); ++i) {
      ASSERT_EQ(reused.state()[i], fresh.state()[i]) << "step " << k << ", role " << i;
    }
    reused.step();
    fresh.step();
  }
}

TEST(EngineRestartTest, RefusesAGraphOfAnotherStructure) {
  const model::OrgGraph g = test::make_graph("A->B 0.5; A*1");
  const model::OrgGraph h = test::make_graph("A->B 0.5; B->C 0.5; A*1");
  Engine e(g, {}, {});
  EXPECT_THROW(e.restart(h, {}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace orgsim::sim
