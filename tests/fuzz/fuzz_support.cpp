#include "tests/fuzz/fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "model/loader.hpp"

namespace orgsim::fuzz {

const model::OrgGraph& demo_model() {
  // Loaded once per process: the fuzz loop calls the target millions of times.
  static const model::OrgGraph model = [] {
    try {
      return model::load_model(ORGSIM_SOURCE_DIR "/scenarios/contact-center/model.yaml");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "fuzz: cannot load the demo model: %s\n", e.what());
      std::abort();
    }
  }();
  return model;
}

SplitText split_at_line(std::string_view text, std::string_view marker) {
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == marker) {
      std::size_t rest = end < text.size() ? end + 1 : end;
      return {text.substr(0, at), text.substr(rest), true};
    }
    at = end + 1;
  }
  return {text, {}, false};
}

ModelAndScenario split_model_and_scenario(std::string_view text) {
  SplitText parts = split_at_line(text, kScenarioSeparator);
  if (!parts.found) return {{}, text};
  return {parts.before, parts.after};
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if ((c >> 5) == 0x6) {
      extra = 1, cp = c & 0x1f;
    } else if ((c >> 4) == 0xe) {
      extra = 2, cp = c & 0x0f;
    } else if ((c >> 3) == 0x1e) {
      extra = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (text.size() - i <= extra) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      auto t = static_cast<unsigned char>(text[i + k]);
      if ((t >> 6) != 0x2) return false;
      cp = (cp << 6) | (t & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are invalid.
    constexpr std::uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kSmallest[extra] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return false;
    i += extra + 1;
  }
  return true;
}

void trace(std::string_view text) {
  static const bool verbose = std::getenv("ORGSIM_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "%.*s\n", static_cast<int>(text.size()), text.data());
}

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz: property violated: %s\n", what);
  std::abort();
}

void check_printable(std::string_view message) {
  for (std::size_t i = 0; i < message.size(); ++i) {
    auto c = static_cast<unsigned char>(message[i]);
    auto next = i + 1 < message.size() ? static_cast<unsigned char>(message[i + 1]) : 0;
    bool c1 = c == 0xc2 && next >= 0x80 && next <= 0x9f;  // U+0080..U+009F
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || c1) {
      std::fprintf(stderr, "fuzz: control byte 0x%02x in a message:\n%.*s\n", c,
                   static_cast<int>(message.size()), message.data());
      std::abort();
    }
  }
}

}  // namespace orgsim::fuzz
