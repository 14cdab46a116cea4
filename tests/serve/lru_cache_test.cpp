#include "serve/lru_cache.hpp"

#include <gtest/gtest.h>

namespace orgsim::serve {
namespace {

TEST(LruCacheTest, DropsTheLeastRecentlyUsedEntryWhenFull) {
  LruCache cache(2);
  cache.put("a", "1");
  cache.put("b", "2");
  ASSERT_EQ(cache.get("a"), "1");  // a is now newer than b
  cache.put("c", "3");             // so b goes
  EXPECT_EQ(cache.get("b"), std::nullopt);
  EXPECT_EQ(cache.get("a"), "1");
  EXPECT_EQ(cache.get("c"), "3");
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.hits(), 3u);
  EXPECT_EQ(cache.misses(), 1u);
}

TEST(LruCacheTest, PutReplacesAValueAndRefreshesIt) {
  LruCache cache(2);
  cache.put("a", "1");
  cache.put("b", "2");
  cache.put("a", "one");
  cache.put("c", "3");
  EXPECT_EQ(cache.get("a"), "one");
  EXPECT_EQ(cache.get("b"), std::nullopt);
}

TEST(LruCacheTest, CapacityZeroKeepsNothing) {
  LruCache cache(0);
  cache.put("a", "1");
  EXPECT_EQ(cache.get("a"), std::nullopt);
  EXPECT_EQ(cache.size(), 0u);
}

// A byte bound as well as a count: one picture can be megabytes.
TEST(LruCacheTest, DropsLeastRecentlyUsedEntriesUntilTheBytesFit) {
  LruCache cache(100, 10);  // 10 bytes of keys and values
  cache.put("a", "1234");   // 5 bytes
  cache.put("b", "1234");   // 10
  EXPECT_EQ(cache.bytes(), 10u);
  cache.put("c", "12");  // 13: a goes
  EXPECT_EQ(cache.get("a"), std::nullopt);
  EXPECT_EQ(cache.bytes(), 8u);
  cache.put("b", "123456789");  // b replaced by 10 bytes: c goes, b stays
  EXPECT_EQ(cache.get("c"), std::nullopt);
  EXPECT_EQ(cache.get("b"), "123456789");
  EXPECT_EQ(cache.bytes(), 10u);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(LruCacheTest, AnEntryLargerThanTheBoundIsNotKept) {
  LruCache cache(100, 10);
  cache.put("a", "1");
  cache.put("big", std::string(8, 'x'));  // 11 bytes
  EXPECT_EQ(cache.get("big"), std::nullopt);
  EXPECT_EQ(cache.get("a"), "1");  // nothing else was dropped for it
  EXPECT_EQ(cache.bytes(), 2u);
}

}  // namespace
}  // namespace orgsim::serve
