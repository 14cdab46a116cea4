#include "serve/connection_table.hpp"

#include <sys/socket.h>

namespace orgsim::serve {

ConnectionTable::Entry* ConnectionTable::oldest_waiting(const std::string* address) {
  Entry* oldest = nullptr;
  for (auto& [id, e] : entries_) {
    if (!e.waiting || e.dropped || (address && e.address != *address)) continue;
    if (!oldest || e.since < oldest->since) oldest = &e;
  }
  return oldest;
}

void ConnectionTable::drop(Entry& e) {
  e.dropped = true;
  ++dropped_count_;
  // Its thread waits in poll(): reading end-of-file wakes it, and it closes the socket.
  ::shutdown(e.fd, SHUT_RD);
  // It no longer counts against the caps: it is gone as soon as its thread wakes.
  if (--per_client_[e.address] == 0) per_client_.erase(e.address);
}

std::optional<ConnectionTable::Id> ConnectionTable::admit(int fd, const std::string& address) {
  std::lock_guard lock(mutex_);
  if (closed_) return std::nullopt;
  const auto client = per_client_.find(address);
  const std::size_t mine = client == per_client_.end() ? 0 : client->second;
  std::size_t live = 0;
  for (const auto& [count_address, count] : per_client_) live += count;
  Entry* victim = nullptr;
  if (mine >= limits_.max_per_client) {
    victim = oldest_waiting(&address);
    if (!victim) {
      ++refused_;
      return std::nullopt;
    }
  } else if (live >= limits_.max_total) {
    victim = oldest_waiting(nullptr);
    if (!victim) {
      ++refused_;
      return std::nullopt;
    }
  }
  if (victim) drop(*victim);
  const Id id = next_id_++;
  entries_.emplace(id, Entry{fd, address, true, false, Clock::now()});
  ++per_client_[address];
  return id;
}

bool ConnectionTable::set_waiting(Id id, bool waiting) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end() || it->second.dropped || (waiting && closed_)) return false;
  it->second.waiting = waiting;
  if (waiting) it->second.since = Clock::now();
  return true;
}

bool ConnectionTable::dropped(Id id) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  return it == entries_.end() || it->second.dropped;
}

void ConnectionTable::remove(Id id) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  if (!it->second.dropped && --per_client_[it->second.address] == 0) {
    per_client_.erase(it->second.address);
  }
  entries_.erase(it);
}

void ConnectionTable::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  for (auto& [id, e] : entries_) {
    if (e.waiting && !e.dropped) drop(e);
  }
}

std::size_t ConnectionTable::size() const {
  std::lock_guard lock(mutex_);
  std::size_t live = 0;
  for (const auto& [address, count] : per_client_) live += count;
  return live;
}

std::size_t ConnectionTable::refused() const {
  std::lock_guard lock(mutex_);
  return refused_;
}

std::size_t ConnectionTable::dropped_count() const {
  std::lock_guard lock(mutex_);
  return dropped_count_;
}

}  // namespace orgsim::serve
