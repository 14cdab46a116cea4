// The JavaScript face of the engine (embind):
//   const m = await OrgsimEngine();
//   const engine = new m.Engine(modelJsonText);  // GET /api/model's JSON
//   if (engine.error()) ...;                      // {"error", "details"} as text
//   const run = JSON.parse(engine.run(whatIfJsonText));    // as `orgsim run --json`
//   const sim = JSON.parse(engine.simulate(whatIfJsonText));  // as POST /api/simulate
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
std::string error(const orgsim::wasm::Engine& e) { return e.error(); }

}  // namespace

EMSCRIPTEN_BINDINGS(orgsim_engine) {
  emscripten::class_<orgsim::wasm::Engine>("Engine")
      .constructor<std::string>()
      .function("run", &run)
      .function("simulate", &simulate)
      .function("error", &error);
  emscripten::function("version", &version);
}
