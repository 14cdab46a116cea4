// Feeds the bytes to model::parse_model as a model file, then validates what loads.
// Expected outcomes: a model, or an orgsim::Error whose message is safe to print.
// A model that loads must also survive the round trip through model::to_yaml: the
// text written reads back, and (for valid UTF-8 input) writes out the same again.

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

void check_round_trip(const model::OrgGraph& g, bool exact) {
  const std::string written = model::to_yaml(g);
  try {
    const model::OrgGraph again = model::parse_model(written, "written.yaml");
    if (exact) fuzz::check(model::to_yaml(again) == written, "to_yaml round trip is exact");
  } catch (const Error& e) {
    std::fprintf(stderr, "fuzz: to_yaml wrote a model that does not load:\n%s\n%s\n",
                 written.c_str(), e.what());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  try {
    model::OrgGraph g = model::parse_model(input, "fuzz-model.yaml");
    Diagnostics d = model::validate_model(g);
    std::string text = format_diagnostics(d, nullptr);
    fuzz::trace(text.empty() ? "loaded, no diagnostics" : text);
    fuzz::check_printable(text);
    check_round_trip(g, fuzz::valid_utf8(input));
  } catch (const Error& e) {
    fuzz::trace(e.what());
    fuzz::check_printable(e.what());
  }
  return 0;
}
