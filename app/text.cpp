#include "app/text.hpp"

#include <algorithm>
#include <cmath>

namespace orgsim::app {

namespace {

// Length of the UTF-8 sequence starting with byte `b`, or 0 if `b` cannot start one.
std::size_t utf8_length(unsigned char b) {
  if (b < 0x80) return 1;
  if ((b >> 5) == 0x6) return 2;
  if ((b >> 4) == 0xe) return 3;
  if ((b >> 3) == 0x1e) return 4;
  return 0;
}

// Splits s into printable code points.
template <typename F>
void for_each_char(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = utf8_length(b);
    bool valid = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; valid && k < len; ++k) {
      valid = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
    }
    if (!valid) {
      f(std::string_view("?"));
      ++i;
      continue;
    }
    if (len == 1 && (b < 0x20 || b == 0x7f)) {
      f(std::string_view("?"));
    } else if (len == 2 && b == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0) {
      f(std::string_view("?"));  // C1 control characters (U+0080..U+009F), e.g. CSI
    } else {
      f(s.substr(i, len));
    }
    i += len;
  }
}

}  // namespace

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_char(s, [&](std::string_view c) { out += c; });
  return out;
}

std::string count_of(std::size_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

std::string fit(std::string_view s, std::size_t width) {
  std::string out;
  std::size_t count = 0, total = 0;
  for_each_char(s, [&](std::string_view) { ++total; });
  const bool cut = total > width;
  const std::size_t keep = cut ? (width >= 3 ? width - 3 : width) : total;
  for_each_char(s, [&](std::string_view c) {
    if (count < keep) out += c;
    ++count;
  });
  if (cut && width >= 3) out += "...";
  for (std::size_t i = std::min(total, width); i < width; ++i) out += ' ';
  return out;
}

std::string sparkline(std::span<const double> values, double lo, double hi) {
  static const char* const kBlocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                        "\u2585", "\u2586", "\u2587", "\u2588"};
  std::string out;
  for (double v : values) {
    int level = 7;
    if (hi > lo) level = static_cast<int>(std::lround((v - lo) / (hi - lo) * 7.0));
    out += kBlocks[std::clamp(level, 0, 7)];
  }
  return out;
}

std::string right(const std::string& s, std::size_t width) {
  return std::string(width > s.size() ? width - s.size() : 0, ' ') + s;
}

}  // namespace orgsim::app
