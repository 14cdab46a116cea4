// Feeds the bytes to the loader as a model and a scenario (split at a line
// "#@scenario"; with no such line the bytes are a scenario of the demo model), and
// when they load and validate, runs what `orgsim run` and `orgsim rank` run on them
// (sim_checks.hpp). Anything the loader and validation accept must simulate.
// fuzz_sim_graph reaches sim more often; this target covers the path through YAML.

#include <cstddef>
#include <cstdint>
#include <optional>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "tests/fuzz/sim_checks.hpp"

namespace {

using namespace orgsim;

std::optional<model::Scenario> load(std::string_view text) {
  try {
    fuzz::ModelAndScenario parts = fuzz::split_model_and_scenario(text);
    model::OrgGraph g = parts.model.empty() ? fuzz::demo_model()
                                            : model::parse_model(parts.model, "fuzz-model.yaml");
    model::Scenario s = model::parse_scenario(parts.scenario, "fuzz-scenario.yaml", std::move(g));
    model::throw_if_errors(model::validate_scenario(s), s.sources.get());
    fuzz::trace("loaded and valid: simulating");
    return s;
  } catch (const Error& e) {
    fuzz::trace(e.what());
    return std::nullopt;  // refused: fuzz_model and fuzz_scenario check the messages
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (std::optional<model::Scenario> s = load(fuzz::as_text(data, size))) {
    fuzz::simulate_and_check(*s);
  }
  return 0;
}
