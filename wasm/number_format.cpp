// common/number_format.hpp for WebAssembly. Emscripten 3.1.6's libc++ (14) has no
// std::to_chars for double, which common/number_format.cpp is built on; this file takes
// its place in the WebAssembly build only. In the browser and node the C locale is
// the only one (musl), so snprintf is locale-proof there. The run's JSON does not pass
// through here (nlohmann writes its numbers); messages do.
//
// One difference: format_shortest is the shortest "%.*g" that reads back exactly, so
// a number whose shortest form is fixed where %g switches to an exponent prints
// otherwise (100000: "1e+05" here, "100000" natively). Same value, other text.
#include "common/number_format.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/errors.hpp"

namespace orgsim {

namespace {

constexpr int kMaxPrecision = 1074;

void check_precision(std::string_view function, std::string_view name, int value, int lo) {
  if (value < lo || value > kMaxPrecision) {
    throw InvalidArgument(std::string(function) + ": " + std::string(name) + " must be in [" +
                          std::to_string(lo) + ", " + std::to_string(kMaxPrecision) + "], got " +
                          std::to_string(value));
  }
}

void append_printf(std::string& out, const char* format, int precision, double v) {
  const int n = std::snprintf(nullptr, 0, format, precision, v);
  std::string text(static_cast<std::size_t>(n) + 1, '\0');
  std::snprintf(text.data(), text.size(), format, precision, v);
  text.resize(static_cast<std::size_t>(n));
  out += text;
}

}  // namespace

void append_shortest(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += std::isnan(v) ? "nan" : (v < 0 ? "-inf" : "inf");
    return;
  }
  for (int p = 1; p < 17; ++p) {
    std::string text;
    append_printf(text, "%.*g", p, v);
    if (std::strtod(text.c_str(), nullptr) == v) {
      out += text;
      return;
    }
  }
  append_printf(out, "%.*g", 17, v);
}

void append_exact(std::string& out, double v) {
  if (!std::isfinite(v)) return append_shortest(out, v);
  append_printf(out, "%.*g", 17, v);
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
  append_printf(out, "%.*f", decimals, v);
  if (out.front() == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

std::string format_significant(double v, int digits) {
  check_precision("format_significant", "digits", digits, 1);
  std::string out;
  append_printf(out, "%.*g", digits, v);
  return out;
}

}  // namespace orgsim
