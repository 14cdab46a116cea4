#include "cli/offline_assets.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include "app/offline_page.hpp"
#include "common/errors.hpp"
#include "common/printable.hpp"

namespace orgsim::cli {

namespace fs = std::filesystem;

namespace {

// The folder of the running binary (for ../share/orgsim), or empty if unknown.
fs::path exe_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

// The source tree, for its build-em/ engine, only when this binary is the one the
// build folder holds: a binary installed from it (the .deb, or a copy) must find its own
// ../share/orgsim engine, or say it has none, whatever the machine it was built on holds.
fs::path source_dir_if_built_here(const fs::path& bin_dir) {
  std::error_code ec;
  return !bin_dir.empty() && fs::equivalent(bin_dir, ORGSIM_BUILD_DIR, ec)
             ? fs::path(ORGSIM_SOURCE_DIR)
             : fs::path();
}

}  // namespace

std::string engine_javascript(const fs::path& option) {
  const fs::path bin_dir = exe_dir();
  const fs::path path = app::find_engine(option, std::getenv("ORGSIM_ENGINE"), bin_dir,
                                         source_dir_if_built_here(bin_dir));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw InvalidArgument("--engine: cannot read '" + printable_path(path) + "'");
  return text.str();
}

std::string api_document(const serve::ApiResponse& r, const char* what) {
  if (r.status != 200) throw Error(std::string(what) + ": " + r.body);
  return r.body;
}

}  // namespace orgsim::cli
