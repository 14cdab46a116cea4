#pragma once
// What the fuzz targets share: the bytes as text, the demo model loaded once, the
// "model, then scenario" split of fuzz_simulate's input, and the checks every
// target makes on what orgsim produced. A failed check calls std::abort(), which
// libFuzzer (or the replay main) reports as a crash, with the input saved.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/org_graph.hpp"

namespace orgsim::fuzz {

/// The fuzzer's bytes as text (not NUL-terminated; the loaders take string_view).
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// scenarios/contact-center/model.yaml, parsed on first use. Aborts if it does not load.
const model::OrgGraph& demo_model();

struct SplitText {
  std::string_view before;  ///< the whole text when the marker line is absent
  std::string_view after;
  bool found = false;
};

/// Splits at the first line that is exactly `marker` (a trailing '\r' ignored); the
/// marker line itself belongs to neither part.
SplitText split_at_line(std::string_view text, std::string_view marker);

/// A line holding only this separates fuzz_simulate's model text from its scenario text.
inline constexpr std::string_view kScenarioSeparator = "#@scenario";

struct ModelAndScenario {
  std::string_view model;     ///< empty when the input has no separator: use demo_model()
  std::string_view scenario;  ///< the text after the separator line, or the whole input
};

/// Splits at the first line that is exactly kScenarioSeparator.
ModelAndScenario split_model_and_scenario(std::string_view text);

/// True when `text` is valid UTF-8 (the writers promise an exact round trip only then).
bool valid_utf8(std::string_view text);

/// Prints `text` to stderr when the environment sets ORGSIM_FUZZ_VERBOSE (to see what
/// an input did when replaying it by hand); otherwise does nothing.
void trace(std::string_view text);

/// Aborts with `what` on stderr unless `ok`. Used for properties that must hold on
/// any input (never for input errors, which are expected).
void check(bool ok, const char* what);

/// Aborts if an error message could drive a terminal: bytes below 0x20 other than
/// '\n' and '\t', 0x7f and the C1 controls U+0080..U+009F must have been replaced.
void check_printable(std::string_view message);

}  // namespace orgsim::fuzz
