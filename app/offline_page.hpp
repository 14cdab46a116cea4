#pragma once
// `orgsim export SCENARIO -o workshop.html`: the workshop page of `orgsim serve` as one
// self-contained HTML file that runs offline from file:// (issue 17). The page's own
// embedded assets (viz/web, uPlot) are inlined unchanged; the engine compiled to
// WebAssembly (wasm/, build-em/orgsim_engine.js) and viz/web/offline.js answer the
// page's API calls in the browser. docs/architecture.md "The exported page".

#include <filesystem>
#include <string>

namespace orgsim::app {

/// What the exported page holds besides the page itself.
struct OfflinePageData {
  std::string model_json;   ///< exactly GET /api/model's answer (model and starting what-if)
  std::string layout_json;  ///< exactly GET /api/layout's answer (app::layout_json)
  std::string engine_js;    ///< build-em/orgsim_engine.js (the .wasm inside, base64)
};

/// The page as one HTML document: page.html with its stylesheets and classic scripts
/// inlined, the JSON documents and the ES modules in <script type="application/json">
/// blocks (`</` written `<\/`), the engine and offline.js as classic scripts.
/// Throws orgsim::InvalidArgument when a script could end its <script> element early
/// (it contains `</script` or `<!--`), or when page.html references an asset that is
/// not embedded. Time: O(size of the output).
std::string offline_page_html(const OfflinePageData& data);

/// The engine file: `option` (--engine) if given, else $ORGSIM_ENGINE (`env`, may be
/// null), else `exe_dir`/../share/orgsim/orgsim_engine.js (installed), else
/// `source_dir`/build-em/orgsim_engine.js (a binary in its build folder: the caller
/// passes the source tree only then; empty: not looked in).
/// Throws InvalidArgument naming --engine or
/// ORGSIM_ENGINE for a given file that does not exist, and naming `make export-assets`
/// and the places looked in when none is found.
std::filesystem::path find_engine(const std::filesystem::path& option, const char* env,
                                  const std::filesystem::path& exe_dir,
                                  const std::filesystem::path& source_dir);

}  // namespace orgsim::app
