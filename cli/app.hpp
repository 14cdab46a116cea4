#pragma once
// The orgsim command line, callable in-process (tests pass argument vectors).

#include <ostream>

namespace orgsim::cli {

/// Parses the arguments, runs the subcommand and returns the exit code. Never
/// throws: every error is printed to `err` and mapped to an exit code.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace orgsim::cli
