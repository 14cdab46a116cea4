// Feeds the bytes to model::parse_scenario as a scenario of the demo model
// (scenarios/contact-center/model.yaml, loaded once), then validates it.
// Expected outcomes: a scenario, or an orgsim::Error whose message is safe to print.
// A scenario that loads must also survive the round trip through model::to_yaml.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/errors.hpp"
#include "common/source_files.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"
#include "model/yaml_writer.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace orgsim;

void check_round_trip(const model::Scenario& s, bool exact) {
  const std::string written = model::to_yaml(s, "model.yaml");
  try {
    const model::Scenario again =
        model::parse_scenario(written, "written.yaml", fuzz::demo_model());
    if (exact) {
      fuzz::check(model::to_yaml(again, "model.yaml") == written, "to_yaml round trip is exact");
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "fuzz: to_yaml wrote a scenario that does not load:\n%s\n%s\n",
                 written.c_str(), e.what());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  try {
    model::Scenario s = model::parse_scenario(input, "fuzz-scenario.yaml", fuzz::demo_model());
    check_round_trip(s, fuzz::valid_utf8(input));
    Diagnostics d = model::validate_scenario(s);
    std::string text = format_diagnostics(d, s.sources.get());
    fuzz::trace(text.empty() ? "loaded, no diagnostics" : text);
    fuzz::check_printable(text);
    model::throw_if_errors(d, s.sources.get(), true);
  } catch (const Error& e) {
    fuzz::trace(e.what());
    fuzz::check_printable(e.what());
  }
  return 0;
}
