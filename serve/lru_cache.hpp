#pragma once
// A bounded least-recently-used cache of strings by string key, safe to use from
// many threads: the server's pictures by canonical what-if.

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace orgsim::serve {

class LruCache {
 public:
  /// Keeps at most `capacity` entries (0: keeps nothing).
  explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

  /// The value for `key`, now the most recently used; nullopt if absent. O(key length).
  std::optional<std::string> get(const std::string& key);
  /// Stores `value` under `key`, dropping the least recently used entry when full.
  void put(const std::string& key, std::string value);
  /// As get(), but not counted as a hit or miss (a second look after waiting).
  std::optional<std::string> peek(const std::string& key);
  std::size_t size() const;
  /// Lookups that found their key / did not, since construction.
  std::size_t hits() const;
  std::size_t misses() const;

 private:
  using Entry = std::pair<std::string, std::string>;
  mutable std::mutex mutex_;
  std::size_t capacity_;
  std::list<Entry> order_;  ///< most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
};

}  // namespace orgsim::serve
