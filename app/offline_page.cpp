// nlohmann-json is costly to compile: it stays in .cpp files.
#include "app/offline_page.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <regex>
#include <system_error>
#include <vector>

#include "app/web_modules.hpp"
#include "common/errors.hpp"
#include "common/printable.hpp"
#include "viz/web_assets.hpp"

namespace orgsim::app {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kEngineFile = "orgsim_engine.js";
constexpr std::string_view kShim = "offline.js";

std::string lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Text inside <script>: `</script` ends the element and `<!--` changes how the HTML
// parser reads what follows, whatever the JavaScript means. Neither may occur.
std::string script_text(std::string_view what, std::string_view text) {
  const std::string lower = lowercase(text);
  for (std::string_view bad : {"</script", "<!--"}) {
    if (lower.find(bad) != std::string::npos) {
      throw InvalidArgument(std::string(what) + " contains '" + std::string(bad) +
                            "': it cannot be inlined in a <script> element");
    }
  }
  return std::string(text);
}

// JSON text inside <script type="application/json">: `</` appears only inside JSON
// strings, where `<\/` means the same; so no name from the model can end the element.
std::string json_block(std::string_view id, std::string_view json_text) {
  std::string out = "<script type=\"application/json\" id=\"" + std::string(id) + "\">";
  out.reserve(out.size() + json_text.size() + 16);
  for (std::size_t i = 0; i < json_text.size(); ++i) {
    out += json_text[i];
    if (json_text[i] == '<' && i + 1 < json_text.size() && json_text[i + 1] == '/') out += '\\';
  }
  return out + "</script>\n";
}

}  // namespace

std::string offline_page_html(const OfflinePageData& data) {
  const std::string page(viz::web_asset("page.html"));
  // The three kinds of reference page.html makes: stylesheets, classic scripts, and the
  // entry module. Anything else that names a file would need the network: refused.
  static const std::regex kRef(
      R"ref(<link rel="stylesheet" href="([^"]+)">|<script src="([^"]+)"></script>|<script type="module" src="([^"]+)"></script>)ref");
  std::string out;
  std::string entry;
  auto last = page.cbegin();
  for (std::sregex_iterator it(page.begin(), page.end(), kRef), end; it != end; ++it) {
    const std::smatch& m = *it;
    out.append(last, m[0].first);
    last = m[0].second;
    if (m[1].matched) {
      out += "<style>\n" + script_text(m[1].str(), viz::web_asset(m[1].str())) + "\n</style>";
    } else if (m[2].matched) {
      out += "<script>\n" + script_text(m[2].str(), viz::web_asset(m[2].str())) + "\n</script>";
    } else {
      entry = m[3].str();
      viz::web_asset(entry);  // throws for a module that is not embedded
      out += json_block("orgsim-model", data.model_json);
      out += json_block("orgsim-layout", data.layout_json);
      out += json_block("orgsim-modules", web_module_closure_json(entry));
      out += json_block("orgsim-entry", json(entry).dump());
      out += "<script>\n" + script_text("the engine (orgsim_engine.js)", data.engine_js) +
             "\n</script>\n";
      out += "<script>\n" + script_text(kShim, viz::web_asset(kShim)) + "\n</script>";
    }
  }
  out.append(last, page.cend());
  if (entry.empty()) throw InvalidArgument("page.html: no <script type=\"module\"> to start");
  // An export is no server: a reader can tell the file from the served page.
  const std::string marker = "<meta charset=\"utf-8\">";
  if (const auto at = out.find(marker); at != std::string::npos) {
    out.insert(at + marker.size(),
               "\n<meta name=\"generator\" content=\"orgsim export (offline workshop page)\">");
  }
  return out;
}

fs::path find_engine(const fs::path& option, const char* env, const fs::path& exe_dir,
                     const fs::path& source_dir) {
  std::error_code ec;
  if (!option.empty()) {
    if (!fs::is_regular_file(option, ec)) {
      throw InvalidArgument("--engine: '" + printable_path(option) +
                            "' is not a file (the WebAssembly engine, built by `make "
                            "export-assets` as build-em/orgsim_engine.js)");
    }
    return option;
  }
  if (env != nullptr && *env != '\0') {
    if (!fs::is_regular_file(env, ec)) {
      throw InvalidArgument(std::string("ORGSIM_ENGINE: '") + printable_path(env) +
                            "' is not a file (the WebAssembly engine, built by `make "
                            "export-assets` as build-em/orgsim_engine.js)");
    }
    return env;
  }
  std::vector<fs::path> places;
  if (!exe_dir.empty()) places.push_back(exe_dir / ".." / "share" / "orgsim" / kEngineFile);
  if (!source_dir.empty()) places.push_back(source_dir / "build-em" / kEngineFile);
  std::string looked;
  for (const auto& p : places) {
    if (fs::is_regular_file(p, ec)) return p.lexically_normal();
    looked += (looked.empty() ? "" : ", ") + printable_path(p.lexically_normal());
  }
  throw InvalidArgument(
      "-o/--output: an .html export needs the WebAssembly engine (orgsim_engine.js), and "
      "none was found: build it with `make export-assets`, or give --engine FILE or "
      "ORGSIM_ENGINE (looked in: " +
      (looked.empty() ? std::string("nowhere") : looked) + ")");
}

}  // namespace orgsim::app
