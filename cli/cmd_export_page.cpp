// orgsim export SCENARIO -o workshop.html: the page `orgsim serve` serves, as one file
// that runs offline. The model and layout documents are serve::Api's own answers to
// GET /api/model and GET /api/layout, so the file holds exactly what the served page reads.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "app/offline_page.hpp"
#include "app/output_guard.hpp"
#include "app/pictures.hpp"
#include "cli/commands.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "common/printable.hpp"
#include "serve/api.hpp"

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

std::string read_engine(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw InvalidArgument("--engine: cannot read '" + printable_path(path) + "'");
  return text.str();
}

std::string answer(const serve::ApiResponse& r, const char* what) {
  if (r.status != 200) throw Error(std::string(what) + ": " + r.body);
  return r.body;
}

}  // namespace

int run_export_page(const app::ExportOptions& options, std::ostream& out, std::ostream& err) {
  // The engine first: a missing one is a usage error before any work.
  const fs::path bin_dir = exe_dir();
  const fs::path engine = app::find_engine(options.engine, std::getenv("ORGSIM_ENGINE"), bin_dir,
                                           source_dir_if_built_here(bin_dir));
  app::LoadedInput in = app::load_input(options.model, options.input, err);
  app::refuse_overwriting_inputs(options.output, in.scenario, "-o/--output");
  serve::ApiOptions api_options;
  // Saved scenarios name the model by its file name: the page travels without the
  // folder it was exported from, and the scenario is run next to the model file.
  api_options.model_file = fs::path(in.scenario.model.file).filename();
  const std::size_t roles = in.scenario.model.role_count();
  serve::Api api(std::move(in.scenario), app::process_renderer(), api_options);
  app::OfflinePageData data;
  data.model_json = answer(api.model(), "GET /api/model");
  data.layout_json = answer(api.layout(), "GET /api/layout");
  data.engine_js = read_engine(engine);
  const std::string html = app::offline_page_html(data);
  write_file_atomically(options.output, html);
  out << "Wrote " << printable_path(options.output) << " (" << (html.size() + 512) / 1024 << " KB, "
      << roles << " roles; open it in any browser, no server needed)\n";
  return app::kExitOk;
}

}  // namespace orgsim::cli
