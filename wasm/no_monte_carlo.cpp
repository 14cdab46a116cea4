// Monte Carlo sampling (sim/monte_carlo.cpp) runs its samples on std::jthread, which
// emscripten 3.1.6's libc++ (14) does not have, and a page without SharedArrayBuffer
// has no threads anyway. app/run.cpp calls it only for RunRequest::sampling, which the
// engine never sets; these definitions let it link, and refuse if ever called.
#include "common/errors.hpp"
#include "sim/monte_carlo.hpp"

namespace orgsim::sim {

namespace {
constexpr const char* kNoSampling =
    "Monte Carlo sampling is not in the WebAssembly engine: run `orgsim run --samples N`";
}

void validate(const MonteCarloParams&) { throw Error(kNoSampling); }

MonteCarloResult monte_carlo(const model::Scenario&, const MonteCarloParams&,
                             const std::function<void(std::size_t)>&) {
  throw Error(kNoSampling);
}

}  // namespace orgsim::sim
