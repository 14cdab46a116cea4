#pragma once
// Which connections the server holds, by client address, and which one gives way
// when a client opens more than its share: the slow-client defence of
// serve/http_server.cpp, kept apart so that its policy can be tested alone.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace orgsim::serve {

/// The caps on connections held at once.
struct ConnectionLimits {
  std::size_t max_total = 256;      ///< every client together
  std::size_t max_per_client = 64;  ///< from one address (all local clients share 127.0.0.1)
};

/// A table of open connections, safe to use from many threads. A connection is
/// "waiting" while the server waits for its request's headers (a new or kept-alive
/// connection) and busy from its headers to its answer. A new connection over a cap
/// takes the place of the connection of the same client (over the total: of any
/// client) that has waited longest; that one is shut down for reading, which wakes its
/// thread. With none waiting, the new one is refused. So clients that hold
/// connections without sending a request cannot keep anyone out, and requests under
/// way are never cut.
class ConnectionTable {
 public:
  using Id = std::uint64_t;
  using Clock = std::chrono::steady_clock;

  explicit ConnectionTable(ConnectionLimits limits) : limits_(limits) {}

  /// Admits socket `fd` from `address`, waiting; nullopt when refused (over a cap with
  /// no connection to drop). May shut down another connection for reading.
  /// Time complexity: O(connections held).
  std::optional<Id> admit(int fd, const std::string& address);
  /// Marks `id` waiting (true) or busy. False if it was dropped to make room.
  bool set_waiting(Id id, bool waiting);
  /// True if `id` was dropped to make room for another connection.
  bool dropped(Id id) const;
  /// Forgets `id`; call before closing its socket (no shutdown reaches a reused fd).
  void remove(Id id);
  /// Drops every waiting connection and admits no more (the server stops); busy ones
  /// finish their request, then set_waiting(true) fails.
  void close();
  std::size_t size() const;
  /// Connections refused or dropped since construction.
  std::size_t refused() const;
  std::size_t dropped_count() const;
  const ConnectionLimits& limits() const { return limits_; }

 private:
  struct Entry {
    int fd = -1;
    std::string address;
    bool waiting = true;
    bool dropped = false;
    Clock::time_point since;  ///< when it started waiting
  };
  /// The entry to drop for a new connection: the longest waiting one, of `address`
  /// only if `same_client`. Caller holds mutex_.
  Entry* oldest_waiting(const std::string* address);
  void drop(Entry& e);

  ConnectionLimits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<Id, Entry> entries_;
  std::unordered_map<std::string, std::size_t> per_client_;
  Id next_id_ = 1;
  bool closed_ = false;
  std::size_t refused_ = 0;
  std::size_t dropped_count_ = 0;
};

}  // namespace orgsim::serve
