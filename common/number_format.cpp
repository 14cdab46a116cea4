#include "common/number_format.hpp"

#include <cassert>
#include <charconv>
#include <string_view>
#include <system_error>

#include "common/errors.hpp"

namespace orgsim {

namespace {

// Enough decimals to write any double exactly (the smallest subnormal, 2^-1074, has
// 1074); more would only add zeros.
constexpr int kMaxPrecision = 1074;

// Room for any double with kMaxPrecision digits: a sign, DBL_MAX's 309 integer digits,
// the point and the decimals in fixed notation; general notation needs less.
constexpr std::size_t kLongBuffer = 1 + 309 + 1 + kMaxPrecision;
// Shortest and %.17g text: at most 17 digits, a sign, a point and "e-308".
constexpr std::size_t kShortBuffer = 32;

void check_precision(std::string_view function, std::string_view name, int value, int lo) {
  if (value < lo || value > kMaxPrecision) {
    throw InvalidArgument(std::string(function) + ": " + std::string(name) + " must be in [" +
                          std::to_string(lo) + ", " + std::to_string(kMaxPrecision) + "], got " +
                          std::to_string(value));
  }
}

// std::to_chars(v, args...) appended to `out`.
template <std::size_t kSize, class... Args>
void append_chars(std::string& out, double v, Args... args) {
  char buf[kSize];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, args...);
  assert(ec == std::errc());
  (void)ec;
  out.append(buf, end);
}

}  // namespace

void append_shortest(std::string& out, double v) { append_chars<kShortBuffer>(out, v); }

void append_exact(std::string& out, double v) {
  append_chars<kShortBuffer>(out, v, std::chars_format::general, 17);
}

std::string format_shortest(double v) {
  std::string out;
  append_shortest(out, v);
  return out;
}

std::string format_exact(double v) {
  std::string out;
  append_exact(out, v);
  return out;
}

std::string format_fixed(double v, int decimals) {
  check_precision("format_fixed", "decimals", decimals, 0);
  std::string out;
  append_chars<kLongBuffer>(out, v, std::chars_format::fixed, decimals);
  // "-0.00" (a small negative value, or -0.0) reads as a drop where there is none.
  if (out.front() == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

std::string format_significant(double v, int digits) {
  check_precision("format_significant", "digits", digits, 1);
  std::string out;
  append_chars<kLongBuffer>(out, v, std::chars_format::general, digits);
  return out;
}

}  // namespace orgsim
