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

}  // namespace
}  // namespace orgsim::serve
