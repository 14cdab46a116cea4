#pragma once
// `orgsim diagram --all --interactive -o DIR`: the trainer's onboarding set as web
// pages (issue 17). DIR/index.html lists every role by department; DIR/<role>.html shows
// one role's picture (the model's layout, the role and its paths to the customer, drawn
// by viz/web/diagram.js) and its numbers, recomputed in the browser by the engine in
// WebAssembly when the reader moves the degrade slider or changes the duration. What
// every page shares (the engine, the model and its layout, the scripts) is written once
// under DIR/assets/ as classic scripts: a page opened from file:// may load scripts, but
// neither fetch() nor import files. Links are relative, so DIR works from a disk, a zip
// or a learning platform, offline.

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/org_graph.hpp"
#include "model/scenario.hpp"

namespace orgsim::app {

/// What the pages hold besides what orgsim generates from the model.
struct RolePagesInput {
  std::string model_json;   ///< exactly GET /api/model's answer (serve::Api::model)
  std::string layout_json;  ///< exactly GET /api/layout's answer (app::layout_json)
  std::string engine_js;    ///< build-em/orgsim_engine.js (app::find_engine)
  double degrade = 0.5;     ///< the slider's starting value, in (0, 1]
};

/// One file of the set: its path relative to DIR ('/'-separated) and its bytes.
struct PageFile {
  std::string name;
  std::string content;
};

/// The folder of shared files, and the list of what orgsim wrote (a later run may
/// replace those files; a folder without the list is not orgsim's, see write_role_pages).
inline constexpr const char* kRolePageAssets = "assets";
inline constexpr const char* kRolePageManifest = "assets/orgsim-files.txt";

/// One page name per role (index i for role i): the id in lower case, anything but
/// [a-z0-9_-] as '_', at most 80 characters, then ".html". Names equal ignoring case
/// (case-insensitive disks: Windows, macOS, many learning platforms) get "-2", "-3", ...;
/// "index" and the names Windows reserves (con, nul, com1, ...) are never used.
std::vector<std::string> role_page_names(const model::OrgGraph& g);

/// Every file of the set for `g`: index.html, one page per role, and the shared assets.
/// Names from the model are HTML-escaped in pages and JSON-escaped in scripts.
/// Throws InvalidArgument if the engine could end a <script> element early.
/// Time complexity: O(roles + dependencies) plus one adjoint solve (the index's figures).
std::vector<PageFile> role_pages(const model::OrgGraph& g, const RolePagesInput& in);

/// Writes `files` into `dir` (created if missing), each file atomically, the shared
/// assets first and index.html last; the list of orgsim's files is written before them
/// (old and new names) and after them (new names), so a killed run leaves a folder a
/// later run may rewrite. Refuses, before writing anything (InvalidArgument naming
/// `option`): a `dir` that is a file; a non-empty `dir` without orgsim's list of files
/// from an earlier run; an output that is a symbolic link (a link's target is never
/// written) or one of `inputs`. Files of an earlier run that the new set lacks (pages of
/// removed roles) are deleted; other files in `dir` are left alone. Progress ("role
/// pages: 2000/10006 files written") goes to `progress` for sets of more than 500 files.
void write_role_pages(const std::filesystem::path& dir, std::span<const PageFile> files,
                      const model::Scenario& inputs, std::string_view option,
                      std::ostream& progress);

}  // namespace orgsim::app
