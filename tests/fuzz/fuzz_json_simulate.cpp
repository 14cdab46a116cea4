// Feeds the bytes to the server's JSON API as the body of POST /api/simulate, on a
// server started with scenarios/contact-center/slow-payments.yaml. A what-if it
// accepts is then saved (POST /api/scenario) and the saved YAML read back (POST
// /api/parse). Every answer must be a 2xx or 4xx with a JSON body: a 5xx means an
// exception the API did not expect, and a saved what-if that does not read back is
// a broken round trip. A run answered is the one run shape (docs/schema/run.schema.json):
// its schema_version, and a CX series of steps + 1 values.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/run_json.hpp"
#include "model/loader.hpp"
#include "serve/api.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "viz/render.hpp"

namespace {

using namespace orgsim;

constexpr const char* kStartScenario =
    ORGSIM_SOURCE_DIR "/scenarios/contact-center/slow-payments.yaml";

// One renderer and one API per process, as `orgsim serve` has.
serve::Api& api() {
  static viz::Renderer renderer;
  static serve::Api instance = [] {
    serve::ApiOptions options;
    options.model_file = ORGSIM_SOURCE_DIR "/scenarios/contact-center/model.yaml";
    return serve::Api(model::load_scenario(kStartScenario), renderer, options);
  }();
  return instance;
}

void check_answer(const serve::ApiResponse& r, const char* endpoint) {
  fuzz::trace(std::string(endpoint) + " " + std::to_string(r.status) + ": " + r.body);
  if (r.status >= 500 || r.status < 200) {
    std::fprintf(stderr, "fuzz: %s answered %d: %s\n", endpoint, r.status, r.body.c_str());
    std::abort();
  }
  if (r.content_type == "application/json") {
    fuzz::check(nlohmann::json::accept(r.body), "the answer's body is JSON");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  api();  // start Graphviz before the first input, not inside it
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);
  serve::ApiResponse simulated = api().simulate(body);
  check_answer(simulated, "/api/simulate");
  if (simulated.status != 200) return 0;
  // A missing key throws out of at(): a crash the fuzzer reports.
  const nlohmann::json run = nlohmann::json::parse(simulated.body);
  fuzz::check(run.value("schema_version", 0) == app::kJsonSchemaVersion,
              "the run carries schema_version");
  const auto steps = run.at("scenario").at("steps").get<std::size_t>();
  fuzz::check(run.at("cx").at("trajectory").size() == steps + 1,
              "the run's CX series has steps + 1 values");
  serve::ApiResponse saved = api().scenario(body);
  check_answer(saved, "/api/scenario");
  fuzz::check(saved.status == 200, "/api/scenario accepts what /api/simulate accepted");
  serve::ApiResponse parsed = api().parse(saved.body);
  check_answer(parsed, "/api/parse");
  fuzz::check(parsed.status == 200, "/api/parse reads back what /api/scenario saved");
  return 0;
}
