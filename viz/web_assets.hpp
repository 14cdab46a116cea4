#pragma once
// The browser files built into the binary (viz/web/*.html|css|js|svg and uPlot from
// viz/web/node_modules), so that pages and reports never fetch anything at run time.
// viz/web/embed.cmake generates their data at build time.

#include <span>
#include <string_view>

namespace orgsim::viz {

/// One embedded file: its name (the file name, e.g. "page.html", "uplot.iife.min.js",
/// "uplot.min.css", "uplot.LICENSE.txt") and its bytes.
struct WebAsset {
  std::string_view name;
  std::string_view bytes;
};

/// Every embedded file, sorted by name. The data lives for the whole program.
std::span<const WebAsset> web_assets();

/// The bytes of the asset called `name`. Throws orgsim::InvalidArgument
/// ("no web asset 'x.js'; the assets are: a, b, c") for an unknown name.
std::string_view web_asset(std::string_view name);

/// The MIME type to serve an asset with, from its extension ("text/html; charset=utf-8",
/// "text/css; charset=utf-8", "text/javascript; charset=utf-8", "image/svg+xml",
/// otherwise "text/plain; charset=utf-8").
std::string_view web_asset_mime_type(std::string_view name);

}  // namespace orgsim::viz
