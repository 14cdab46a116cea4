// orgsim export SCENARIO -o workshop.html: the page `orgsim serve` serves, as one file
// that runs offline. The model and layout documents are serve::Api's own answers to
// GET /api/model and GET /api/layout, so the file holds exactly what the served page reads.
#include <filesystem>

#include "app/offline_page.hpp"
#include "app/output_guard.hpp"
#include "app/pictures.hpp"
#include "cli/commands.hpp"
#include "cli/offline_assets.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "common/printable.hpp"
#include "serve/api.hpp"

namespace orgsim::cli {

namespace fs = std::filesystem;

int run_export_page(const app::ExportOptions& options, std::ostream& out, std::ostream& err) {
  // The engine first: a missing one is a usage error before any work.
  const std::string engine = engine_javascript(options.engine);
  app::LoadedInput in = app::load_input(options.model, options.input, err);
  app::refuse_overwriting_inputs(options.output, in.scenario, "-o/--output");
  serve::ApiOptions api_options;
  // Saved scenarios name the model by its file name: the page travels without the
  // folder it was exported from, and the scenario is run next to the model file.
  api_options.model_file = fs::path(in.scenario.model.file).filename();
  const std::size_t roles = in.scenario.model.role_count();
  serve::Api api(std::move(in.scenario), app::process_renderer(), api_options);
  app::OfflinePageData data;
  data.model_json = api_document(api.model(), "GET /api/model");
  data.layout_json = api_document(api.layout(), "GET /api/layout");
  data.engine_js = engine;
  const std::string html = app::offline_page_html(data);
  write_file_atomically(options.output, html);
  out << "Wrote " << printable_path(options.output) << " (" << (html.size() + 512) / 1024 << " KB, "
      << roles << " roles; open it in any browser, no server needed)\n";
  return app::kExitOk;
}

}  // namespace orgsim::cli
