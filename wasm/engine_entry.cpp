// The JavaScript face of the engine (embind):
//   const m = await OrgsimEngine();
//   const engine = new m.Engine(modelJsonText);  // GET /api/model's JSON
//   if (engine.error()) ...;                      // {"error", "details"} as text
//   const run = JSON.parse(engine.run(whatIfJsonText));    // as `orgsim run --json`
//   const sim = JSON.parse(engine.simulate(whatIfJsonText));  // as POST /api/simulate
//   engine.simulateSteps(w)   // as POST /api/simulate?role_steps=1
//   engine.simulatePeaks(w)   // as POST /api/simulate?role_steps=peaks
//   engine.scenario(w, "model.yaml")  // as POST /api/scenario: scenario YAML
//   engine.rank(w, 0.5, false)        // as `orgsim rank --degrade 0.5 --json -`
//   engine.delete();                              // embind objects are freed by hand
#include <emscripten/bind.h>

#include <string>

#include "orgsim_version.hpp"
#include "wasm/engine.hpp"

namespace {

std::string version() { return orgsim::kVersion; }

// embind passes std::string; the engine takes views.
std::string run(const orgsim::wasm::Engine& e, const std::string& what_if) {
  return e.run(what_if);
}
std::string simulate(const orgsim::wasm::Engine& e, const std::string& what_if) {
  return e.simulate(what_if);
}
std::string simulate_steps(const orgsim::wasm::Engine& e, const std::string& what_if) {
  return e.simulate_steps(what_if);
}
std::string simulate_peaks(const orgsim::wasm::Engine& e, const std::string& what_if) {
  return e.simulate_peaks(what_if);
}
std::string scenario(const orgsim::wasm::Engine& e, const std::string& what_if,
                     const std::string& model_file) {
  return e.scenario(what_if, model_file);
}
std::string rank(const orgsim::wasm::Engine& e, const std::string& what_if, double degrade,
                 bool exact) {
  return e.rank(what_if, degrade, exact);
}
std::string error(const orgsim::wasm::Engine& e) { return e.error(); }

}  // namespace

EMSCRIPTEN_BINDINGS(orgsim_engine) {
  emscripten::class_<orgsim::wasm::Engine>("Engine")
      .constructor<std::string>()
      .function("run", &run)
      .function("simulate", &simulate)
      .function("simulateSteps", &simulate_steps)
      .function("simulatePeaks", &simulate_peaks)
      .function("scenario", &scenario)
      .function("rank", &rank)
      .function("error", &error);
  emscripten::function("version", &version);
}
