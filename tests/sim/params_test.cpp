// Tests of sim/params: validate(SimParams) accepts the documented ranges and names the
// parameter, its range and the value in every error.

#include "sim/params.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "common/errors.hpp"

namespace orgsim::sim {
namespace {

// The message of the InvalidArgument that validate() throws, or "" if it accepts.
std::string error_of(const SimParams& params) {
  try {
    validate(params);
  } catch (const InvalidArgument& e) {
    return e.what();
  }
  return "";
}

SimParams with_steps(int steps) {
  SimParams p;
  p.steps = steps;
  return p;
}

SimParams with_tolerance(double tolerance) {
  SimParams p;
  p.tolerance = tolerance;
  return p;
}

SimParams with_max_iterations(int max_iterations) {
  SimParams p;
  p.max_iterations = max_iterations;
  return p;
}

class ParamsTest : public ::testing::Test {};

TEST_F(ParamsTest, AcceptsDefaults) { EXPECT_EQ(error_of(SimParams{}), ""); }

TEST_F(ParamsTest, AcceptsRangeBoundaries) {
  EXPECT_EQ(error_of(with_steps(1)), "");
  EXPECT_EQ(error_of(with_steps(1'000'000)), "");
  EXPECT_EQ(error_of(with_tolerance(1e-15)), "");
  EXPECT_EQ(error_of(with_tolerance(9.9e-4)), "");
  EXPECT_EQ(error_of(with_max_iterations(1)), "");
  SimParams p;
  p.direct_solve_limit = 0;  // every loop solved iteratively: allowed
  EXPECT_EQ(error_of(p), "");
}

TEST_F(ParamsTest, RejectsStepsOutOfRange) {
  EXPECT_EQ(error_of(with_steps(0)), "steps must be in [1, 1000000], got 0");
  EXPECT_EQ(error_of(with_steps(-3)), "steps must be in [1, 1000000], got -3");
  EXPECT_EQ(error_of(with_steps(1'000'001)), "steps must be in [1, 1000000], got 1000001");
}

TEST_F(ParamsTest, RejectsMaxIterationsBelowOne) {
  EXPECT_EQ(error_of(with_max_iterations(0)), "max_iterations must be at least 1, got 0");
  EXPECT_EQ(error_of(with_max_iterations(-5)), "max_iterations must be at least 1, got -5");
}

TEST_F(ParamsTest, RejectsToleranceOutOfRange) {
  for (double t : {0.0, -1.0, 1e-3, 0.5, std::numeric_limits<double>::quiet_NaN()}) {
    SCOPED_TRACE(t);
    EXPECT_THAT(error_of(with_tolerance(t)),
                ::testing::StartsWith("tolerance must be in (0, 1e-3), got "));
  }
}

// The value must be readable: tolerances live around 1e-12, where "%f" prints 0.000000.
TEST_F(ParamsTest, ToleranceErrorShowsTheValueItGot) {
  EXPECT_EQ(error_of(with_tolerance(-1e-9)), "tolerance must be in (0, 1e-3), got -1e-09");
  EXPECT_EQ(error_of(with_tolerance(0.0)), "tolerance must be in (0, 1e-3), got 0");
  EXPECT_EQ(error_of(with_tolerance(0.002)), "tolerance must be in (0, 1e-3), got 0.002");
}

}  // namespace
}  // namespace orgsim::sim
