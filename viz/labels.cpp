#include "viz/labels.hpp"

#include <cmath>

#include "common/errors.hpp"
#include "common/number_format.hpp"
#include "viz/utf8.hpp"

namespace orgsim::viz {

namespace {

// Words of `text` as code-point lists, split at spaces and control characters.
std::vector<std::vector<std::string>> words_of(std::string_view text) {
  std::vector<std::vector<std::string>> words(1);
  for (std::string& cp : code_points(valid_utf8(text))) {
    bool space = cp.size() == 1 && (static_cast<unsigned char>(cp[0]) <= 0x20 || cp[0] == 0x7f);
    if (space) {
      if (!words.back().empty()) words.emplace_back();
    } else {
      words.back().push_back(std::move(cp));
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

std::string join(const std::vector<std::string>& cps, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += cps[i];
  return out;
}

}  // namespace

std::vector<std::string> wrap_text(std::string_view text, std::size_t width,
                                   std::size_t max_lines) {
  if (width < 2) {
    throw InvalidArgument("wrap_text: width must be at least 2, got " + std::to_string(width));
  }
  if (max_lines < 1) throw InvalidArgument("wrap_text: max_lines must be at least 1, got 0");
  // Lay out every line first (each as a code-point list), then cut to max_lines.
  std::vector<std::vector<std::string>> lines;
  std::vector<std::string> current;
  for (const auto& word : words_of(text)) {
    std::size_t need = current.empty() ? word.size() : current.size() + 1 + word.size();
    if (need <= width) {
      if (!current.empty()) current.push_back(" ");
      current.insert(current.end(), word.begin(), word.end());
      continue;
    }
    if (!current.empty()) lines.push_back(std::move(current));
    current.clear();
    std::size_t i = 0;
    for (; word.size() - i > width; i += width) {
      lines.emplace_back(word.begin() + static_cast<std::ptrdiff_t>(i),
                         word.begin() + static_cast<std::ptrdiff_t>(i + width));
    }
    current.assign(word.begin() + static_cast<std::ptrdiff_t>(i), word.end());
  }
  if (!current.empty()) lines.push_back(std::move(current));

  std::vector<std::string> out;
  for (std::size_t l = 0; l < lines.size() && l < max_lines; ++l) {
    const auto& cps = lines[l];
    bool last = l + 1 == max_lines && lines.size() > max_lines;
    if (!last) {
      out.push_back(join(cps, 0, cps.size()));
      continue;
    }
    std::size_t keep = std::min(cps.size(), width - 1);
    while (keep > 0 && cps[keep - 1] == " ") --keep;
    out.push_back(join(cps, 0, keep) + std::string(kEllipsis));
  }
  return out;
}

std::string fixed(double value, int decimals) { return format_fixed(value, decimals); }

std::string two_significant(double value) {
  if (value == 0.0 || !std::isfinite(value)) return value == 0.0 ? "0" : fixed(value, 2);
  int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
  int decimals = std::max(0, 1 - magnitude);
  return fixed(value, decimals);
}

std::string percent(double share) { return fixed(share * 100.0, 0) + "%"; }

}  // namespace orgsim::viz
