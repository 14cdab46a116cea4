// The orgsim executable: everything happens in orgsim::cli::run_cli.
#include <iostream>

#include "cli/app.hpp"

int main(int argc, char** argv) { return orgsim::cli::run_cli(argc, argv, std::cout, std::cerr); }
