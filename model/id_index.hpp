#pragma once
// Ids to dense indices (a role id to its position in OrgGraph::roles()): open
// addressing over one flat array of 8-byte slots, kept at most half full. The ids
// themselves stay where the caller keeps them and are read through `id_of`, so the
// index costs 16 bytes or less per id, and a lookup costs about two cache misses
// (the slot, then the id to compare), where std::unordered_map costs three or four
// plus one allocation per id. A million-role model is indexed in a fraction of a second.

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace orgsim::model {

class IdIndex {
 public:
  static std::uint64_t hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

  std::size_t size() const { return size_; }

  /// The index of `id`, given its hash(); `id_of(i)` is the id of index i.
  /// Time complexity: O(1) expected.
  template <class IdOf>
  std::optional<std::uint32_t> find(std::string_view id, std::uint64_t h, IdOf&& id_of) const {
    if (slots_.empty()) return std::nullopt;
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t s = h & mask_;; s = (s + 1) & mask_) {
      const Slot& slot = slots_[s];
      if (slot.index == kEmpty) return std::nullopt;
      if (slot.tag == tag && id_of(slot.index) == id) return slot.index;
    }
  }
  template <class IdOf>
  std::optional<std::uint32_t> find(std::string_view id, IdOf&& id_of) const {
    return find(id, hash(id), id_of);
  }

  /// Adds index `size()`, whose id must not be in the index yet. Amortized O(1).
  template <class IdOf>
  void push_back(std::string_view id, IdOf&& id_of) {
    if ((size_ + 1) * 2 > slots_.size()) rebuild(size_ + 1, id_of);
    place(static_cast<std::uint32_t>(size_), hash(id));
    ++size_;
  }

  /// Room for `count` ids without rebuilding. O(size() + count).
  template <class IdOf>
  void reserve(std::size_t count, IdOf&& id_of) {
    if (count * 2 > slots_.size()) rebuild(count, id_of);
  }

  /// Hints that find(…, h) is coming: loads the slot. Lets a caller with many
  /// lookups overlap their cache misses.
  void prefetch(std::uint64_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & mask_]);
  }
  /// The index the first slot for `h` holds (a guess for prefetching the id), if any.
  std::optional<std::uint32_t> first_candidate(std::uint64_t h) const {
    if (slots_.empty() || slots_[h & mask_].index == kEmpty) return std::nullopt;
    return slots_[h & mask_].index;
  }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  struct Slot {
    std::uint32_t tag = 0;  // the hash's high bits: most mismatches end here
    std::uint32_t index = kEmpty;
  };

  template <class IdOf>
  void rebuild(std::size_t count, IdOf&& id_of) {
    std::size_t slots = 16;
    while (slots < count * 2) slots <<= 1;
    slots_.assign(slots, Slot{});
    mask_ = slots - 1;
    for (std::uint32_t i = 0; i < size_; ++i) place(i, hash(id_of(i)));
  }

  void place(std::uint32_t index, std::uint64_t h) {
    std::size_t s = h & mask_;
    while (slots_[s].index != kEmpty) s = (s + 1) & mask_;
    slots_[s] = {static_cast<std::uint32_t>(h >> 32), index};
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace orgsim::model
