// Engine::restart (a Monte Carlo sample with new numbers on the same structure) gives
// the bits a new Engine gives, and refuses a graph of another structure.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>

#include "model/synthetic.hpp"
#include "sim/engine.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::sim {
namespace {

model::OrgGraph synthetic(std::size_t roles, std::size_t departments, std::uint64_t seed) {
  model::SyntheticSpec spec;
  spec.roles = roles;
  spec.departments = departments;
  spec.seed = seed;
  return model::make_synthetic(spec);
}

TEST(EngineRestartTest, GivesTheBitsOfANewEngine) {
  const model::OrgGraph first = synthetic(300, 6, 7);
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

// The engine's sparse A is copied straight from a dependency list grouped by role in id
// order (as the loaders and the generator write it) and built by a counting sort from
// any other order: the same matrix either way, so the same bits at every step. Also a
// list in role order whose rows list their suppliers backwards (each row sorted on
// the way).
TEST(EngineRestartTest, TheOrderOfTheDependencyListChangesNoBit) {
  const model::OrgGraph in_order = synthetic(400, 8, 11);
  model::OrgGraph shuffled = in_order;
  std::mt19937 rng(3);
  std::shuffle(shuffled.mutable_dependencies().begin(), shuffled.mutable_dependencies().end(), rng);
  model::OrgGraph rows_backwards = in_order;
  auto& deps = rows_backwards.mutable_dependencies();
  for (auto first = deps.begin(); first != deps.end();) {
    auto last = std::find_if(first, deps.end(),
                             [&](const model::Dependency& d) { return d.role != first->role; });
    std::reverse(first, last);
    first = last;
  }
  const model::Failure f{model::RoleId(399), 0.6, 0, 12, {}};
  Engine reference(in_order, {f}, {});
  Engine from_shuffled(shuffled, {f}, {});
  Engine from_backwards(rows_backwards, {f}, {});
  for (int k = 0; k <= 25; ++k) {
    for (std::size_t i = 0; i < reference.state().size(); ++i) {
      ASSERT_EQ(from_shuffled.state()[i], reference.state()[i]) << "step " << k << ", role " << i;
      ASSERT_EQ(from_backwards.state()[i], reference.state()[i]) << "step " << k << ", role " << i;
    }
    reference.step();
    from_shuffled.step();
    from_backwards.step();
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
