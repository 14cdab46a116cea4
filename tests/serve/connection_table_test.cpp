// Which connection gives way when a client opens too many (serve/connection_table.hpp).
// No sockets: the fds are -1, so the table's shutdown() of a dropped one does nothing.
#include "serve/connection_table.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace orgsim::serve {
namespace {

// Distinct waiting times: the table orders by steady_clock.
void tick() { std::this_thread::sleep_for(std::chrono::milliseconds(2)); }

TEST(ConnectionTableTest, OverTheClientCapItsLongestWaitingConnectionGivesWay) {
  ConnectionTable table({.max_total = 10, .max_per_client = 2});
  const auto a1 = table.admit(-1, "a");
  tick();
  const auto b1 = table.admit(-1, "b");
  tick();
  const auto a2 = table.admit(-1, "a");
  tick();
  ASSERT_TRUE(a1 && a2 && b1);
  const auto a3 = table.admit(-1, "a");  // a1 has waited longest of a's
  ASSERT_TRUE(a3);
  EXPECT_TRUE(table.dropped(*a1));
  EXPECT_FALSE(table.dropped(*b1));  // another client's connection is never taken
  EXPECT_FALSE(table.dropped(*a2));
  EXPECT_EQ(table.size(), 3u);
}

TEST(ConnectionTableTest, BusyConnectionsAreNeverDropped) {
  ConnectionTable table({.max_total = 10, .max_per_client = 2});
  const auto a1 = table.admit(-1, "a");
  const auto a2 = table.admit(-1, "a");
  ASSERT_TRUE(table.set_waiting(*a1, false));  // its headers are in
  ASSERT_TRUE(table.set_waiting(*a2, false));
  EXPECT_EQ(table.admit(-1, "a"), std::nullopt);
  EXPECT_EQ(table.refused(), 1u);
  EXPECT_TRUE(table.admit(-1, "b"));  // another client is still welcome
  table.remove(*a1);
  EXPECT_TRUE(table.admit(-1, "a"));
}

TEST(ConnectionTableTest, OverTheTotalCapAnyClientsLongestWaitingGivesWay) {
  ConnectionTable table({.max_total = 2, .max_per_client = 2});
  const auto a1 = table.admit(-1, "a");
  tick();
  const auto b1 = table.admit(-1, "b");
  tick();
  const auto c1 = table.admit(-1, "c");
  ASSERT_TRUE(c1);
  EXPECT_TRUE(table.dropped(*a1));
  EXPECT_FALSE(table.dropped(*b1));
  // A dropped connection cannot become busy: its request is refused (503).
  EXPECT_FALSE(table.set_waiting(*a1, false));
  EXPECT_EQ(table.dropped_count(), 1u);
}

TEST(ConnectionTableTest, ClosedTableAdmitsNothingAndEndsKeptAliveConnections) {
  ConnectionTable table({});
  const auto busy = table.admit(-1, "a");
  const auto idle = table.admit(-1, "a");
  ASSERT_TRUE(table.set_waiting(*busy, false));
  table.close();
  EXPECT_TRUE(table.dropped(*idle));
  EXPECT_FALSE(table.dropped(*busy));            // finishes its request
  EXPECT_FALSE(table.set_waiting(*busy, true));  // but waits for no other
  EXPECT_EQ(table.admit(-1, "b"), std::nullopt);
}

}  // namespace
}  // namespace orgsim::serve
