// Tests of sim/workers (the one place sim/ starts threads): one worker runs on the
// calling thread and starts none, which is the only path the WebAssembly build has;
// several run at once, one of them the caller; worker_count's bounds.

#include "sim/workers.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

namespace orgsim::sim {
namespace {

TEST(WorkersTest, OneWorkerRunsOnTheCallingThread) {
  std::thread::id ran_on;
  int calls = 0;
  run_workers(1, [&] {
    ran_on = std::this_thread::get_id();
    ++calls;
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  run_workers(0, [&] { ++calls; });  // 0 is one worker too
  EXPECT_EQ(calls, 2);
}

TEST(WorkersTest, SeveralWorkersRunAtOnceOneOfThemTheCaller) {
  constexpr unsigned kCount = 4;
  std::mutex mutex;
  std::set<std::thread::id> threads;
  std::atomic<unsigned> arrived{0};
  run_workers(kCount, [&] {
    {
      std::lock_guard lock(mutex);
      threads.insert(std::this_thread::get_id());
    }
    // Every copy waits for all the others: this returns only if they run at once.
    ++arrived;
    while (arrived < kCount) std::this_thread::yield();
  });
  EXPECT_EQ(threads.size(), kCount);
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 1u);
}

TEST(WorkersTest, WorkerCountFollowsJobsAndItems) {
  EXPECT_EQ(worker_count(3, 10), 3u);
  EXPECT_EQ(worker_count(8, 2), 2u);  // no more workers than items
  EXPECT_EQ(worker_count(8, 0), 1u);  // at least one
  EXPECT_EQ(worker_count(1, 100), 1u);
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  EXPECT_EQ(worker_count(0, 1'000'000), hardware);
}

}  // namespace
}  // namespace orgsim::sim
