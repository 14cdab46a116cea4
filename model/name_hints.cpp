#include "model/internal/name_hints.hpp"

#include <algorithm>
#include <vector>

#include "common/printable.hpp"

namespace orgsim::model {

std::string in_quotes(std::string_view text) {
  constexpr std::size_t kMaxQuoted = 60;
  std::size_t limit = std::min(text.size(), kMaxQuoted);
  // Cut on a UTF-8 character boundary.
  while (limit < text.size() && limit > 0 &&
         (static_cast<unsigned char>(text[limit]) & 0xC0) == 0x80) {
    --limit;
  }
  // Control characters escaped, as every path and name orgsim prints (common/printable).
  std::string out = "'" + printable(text.substr(0, limit));
  if (limit < text.size()) out += "...";
  return out + "'";
}

namespace {

// Levenshtein distance, or bound + 1 once it is known to exceed `bound`.
int bounded_distance(std::string_view a, std::string_view b, int bound, std::vector<int>& prev,
                     std::vector<int>& cur) {
  int diff = static_cast<int>(a.size()) - static_cast<int>(b.size());
  if (diff > bound || -diff > bound) return bound + 1;
  prev.resize(b.size() + 1);
  cur.resize(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int substitute = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitute});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > bound) return bound + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string did_you_mean(std::string_view name, std::size_t count,
                         const std::function<std::string_view(std::size_t)>& candidate) {
  if (count > kMaxSuggestCandidates) return "";
  constexpr int kMaxDistance = 2;
  // Also below the name's length, so "x" is not "corrected" to an unrelated "ab".
  int bound = std::min(kMaxDistance, static_cast<int>(name.size()) - 1);
  if (bound < 1) return "";
  std::vector<int> prev, cur;
  std::string_view best;
  int best_distance = bound + 1;
  for (std::size_t i = 0; i < count; ++i) {
    std::string_view c = candidate(i);
    int d = bounded_distance(name, c, bound, prev, cur);
    if (d < best_distance) {
      best = c;
      best_distance = d;
      if (d == 1) break;  // 0 cannot happen: the name was not found
    }
  }
  if (best_distance > bound) return "";
  return "; did you mean " + in_quotes(best) + "?";
}

}  // namespace orgsim::model
