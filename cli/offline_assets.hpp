// What the offline pages carry (`orgsim export -o x.html`, `orgsim diagram --all
// --interactive`): the engine in WebAssembly and serve::Api's own documents.
#pragma once

#include <filesystem>
#include <string>

#include "serve/api.hpp"

namespace orgsim::cli {

/// The engine's JavaScript: `option` (--engine), else $ORGSIM_ENGINE, else
/// ../share/orgsim next to this binary, else the source tree's build-em/ when this binary
/// is the one its build folder holds (app::find_engine). Throws InvalidArgument naming
/// --engine when none is found or it cannot be read.
std::string engine_javascript(const std::filesystem::path& option);

/// The body of a 200 answer; otherwise throws Error naming `what` with the answer.
std::string api_document(const serve::ApiResponse& r, const char* what);

}  // namespace orgsim::cli
