// The application layer without the command line: load a scenario, run it, print its
// worst CX. `worst_cx scenarios/contact-center/slow-payments.yaml` prints
// "Slow payment processing: worst CX 79.94 at step 11" (ctest example.worst_cx).
#include <cstdio>
#include <iostream>
#include <utility>

#include "app/load_input.hpp"
#include "app/run.hpp"
#include "common/errors.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: worst_cx SCENARIO.yaml\n";
    return 2;
  }
  try {
    // Read and check the file; warnings go to std::cerr, errors throw.
    orgsim::app::LoadedInput input = orgsim::app::load_input(argv[1], {}, std::cerr);
    const orgsim::app::RunResult run = orgsim::app::run_scenario(std::move(input.scenario));
    std::printf("%s: worst CX %.2f at step %d\n", run.scenario().name.c_str(), run.summary.cx_min,
                run.summary.cx_min_step);
  } catch (const orgsim::Error& e) {
    std::cerr << e.what() << '\n';
    return 2;
  }
}
