// The run record hashes input files with OpenSSL (common/digest.cpp), which is not built
// for WebAssembly. The engine never asks for a record (RunRequest::record = false: a
// what-if in a browser has no files), but app/run_record.cpp is linked with app/run.cpp,
// so the symbol must exist: it refuses rather than hash wrongly.
#include "common/digest.hpp"
#include "common/errors.hpp"

namespace orgsim {

std::string sha256_hex(std::string_view) {
  throw Error("SHA-256 is not available in the WebAssembly engine (no run record there)");
}

}  // namespace orgsim
