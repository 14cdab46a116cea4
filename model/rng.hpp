#pragma once
// SplitMix64: a tiny, fast generator that gives the same numbers on every platform
// and library version (std:: distributions are not specified bit for bit), so
// generated orgs and scenarios are reproducible from their seed.

#include <cstddef>
#include <cstdint>

namespace orgsim::model {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// An integer in [0, n).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * double(n)); }

 private:
  std::uint64_t state_;
};

}  // namespace orgsim::model
