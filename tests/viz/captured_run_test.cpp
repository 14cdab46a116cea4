#include "viz/captured_run.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "common/errors.hpp"

namespace orgsim::viz {
namespace {

bool say(std::string& out) {
  std::fputs("Warning: from fprintf\n", stderr);
  [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, "from write(2)\n", 14);
  out = "bytes";
  return true;
}

TEST(CapturedRunTest, CapturesStderrInProcess) {
  testing::internal::CaptureStderr();
  CapturedRun run = run_captured(say, {false, 5}, "testing");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_TRUE(run.ok);
  EXPECT_EQ(run.output, "bytes");
  EXPECT_EQ(run.messages, "Warning: from fprintf\nfrom write(2)\n");
}

TEST(CapturedRunTest, CapturesStderrOfTheChild) {
  testing::internal::CaptureStderr();
  CapturedRun run = run_captured(say, {true, 5}, "testing");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_TRUE(run.ok);
  EXPECT_EQ(run.output, "bytes");
  EXPECT_EQ(run.messages, "Warning: from fprintf\nfrom write(2)\n");
}

TEST(CapturedRunTest, FalseMeansNotOk) {
  CapturedRun run = run_captured([](std::string&) { return false; }, {true, 5}, "testing");
  EXPECT_FALSE(run.ok);
}

TEST(CapturedRunTest, LargeOutputDoesNotDeadlock) {
  CapturedRun run = run_captured(
      [](std::string& out) {
        out.assign(5 << 20, 'x');
        return true;
      },
      {true, 20}, "testing");
  EXPECT_EQ(run.output.size(), 5u << 20);
}

TEST(CapturedRunTest, ACrashBecomesAnError) {
  try {
    run_captured(
        [](std::string&) -> bool {
          std::fputs("corrupted size vs. prev_size\n", stderr);
          std::abort();
        },
        {true, 5}, "drawing the picture as png");
    FAIL() << "no throw";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "Graphviz crashed (Aborted) while drawing the picture as png: corrupted size vs. "
                 "prev_size");
  }
}

TEST(CapturedRunTest, AHangIsStopped) {
  try {
    run_captured(
        [](std::string&) {
          std::this_thread::sleep_for(std::chrono::seconds(30));
          return true;
        },
        {true, 1}, "drawing the picture as svg");
    FAIL() << "no throw";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "Graphviz did not finish drawing the picture as svg within 1 s and was stopped; "
                 "try a smaller picture (collapse more roles) or .dot");
  }
}

TEST(CapturedRunTest, InProcessExceptionRestoresStderr) {
  EXPECT_THROW(run_captured([](std::string&) -> bool { throw std::runtime_error("x"); }, {false, 5},
                            "testing"),
               std::runtime_error);
  testing::internal::CaptureStderr();
  std::fputs("visible\n", stderr);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "visible\n");
}

}  // namespace
}  // namespace orgsim::viz
