#include "serve/lru_cache.hpp"

namespace orgsim::serve {

std::optional<std::string> LruCache::get(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

std::optional<std::string> LruCache::peek(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void LruCache::put(const std::string& key, std::string value) {
  std::lock_guard lock(mutex_);
  const std::size_t bytes = key.size() + value.size();
  if (capacity_ == 0 || bytes > max_bytes_) return;
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->second.size();
    bytes_ += value.size();
    it->second->second = std::move(value);
    order_.splice(order_.begin(), order_, it->second);
  } else {
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
    bytes_ += bytes;
  }
  shrink();
}

void LruCache::shrink() {
  while (order_.size() > capacity_ || bytes_ > max_bytes_) {
    const Entry& last = order_.back();
    bytes_ -= last.first.size() + last.second.size();
    index_.erase(last.first);
    order_.pop_back();
  }
}

std::size_t LruCache::size() const {
  std::lock_guard lock(mutex_);
  return order_.size();
}

std::size_t LruCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t LruCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

std::size_t LruCache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

}  // namespace orgsim::serve
