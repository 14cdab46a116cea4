// The embedded ES modules a page needs, for pages opened from file:// (which cannot
// import files): `orgsim export` and `orgsim diagram --all --interactive`.
#pragma once

#include <string>
#include <string_view>

namespace orgsim::app {

/// The embedded module `entry` (viz/web) and every module it imports as './x.js',
/// statically or with import(), transitively, as a JSON object {file name: source text}.
/// Only these: the other pages' modules (the editor, the role pages) would be dead
/// weight. Throws for a module that is not embedded.
std::string web_module_closure_json(std::string_view entry);

}  // namespace orgsim::app
