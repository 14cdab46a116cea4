#pragma once
// A bounded least-recently-used cache of strings by string key, safe to use from
// many threads: the server's pictures by canonical what-if. Bounded by entries and
// by bytes: one picture can be megabytes (a 900 KB name made a 9.1 MB SVG).

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace orgsim::serve {

class LruCache {
 public:
  /// Keeps at most `capacity` entries (0: keeps nothing) holding at most `max_bytes`
  /// of keys and values together; a larger entry is not kept.
  explicit LruCache(std::size_t capacity, std::size_t max_bytes = SIZE_MAX)
      : capacity_(capacity), max_bytes_(max_bytes) {}

  /// The value for `key`, now the most recently used; nullopt if absent. O(key length).
  std::optional<std::string> get(const std::string& key);
  /// Stores `value` under `key`, dropping least recently used entries until both
  /// bounds hold.
  void put(const std::string& key, std::string value);
  /// As get(), but not counted as a hit or miss (a second look after waiting).
  std::optional<std::string> peek(const std::string& key);
  std::size_t size() const;
  /// Bytes of the keys and values held.
  std::size_t bytes() const;
  /// Lookups that found their key / did not, since construction.
  std::size_t hits() const;
  std::size_t misses() const;

 private:
  using Entry = std::pair<std::string, std::string>;
  mutable std::mutex mutex_;
  /// Drops least recently used entries until both bounds hold. Caller holds mutex_.
  void shrink();

  std::size_t capacity_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::list<Entry> order_;  ///< most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
};

}  // namespace orgsim::serve
