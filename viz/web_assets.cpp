#include "viz/web_assets.hpp"

#include <string>

#include "common/errors.hpp"

namespace orgsim::viz {

std::string_view web_asset(std::string_view name) {
  std::string known;
  for (const WebAsset& asset : web_assets()) {
    if (asset.name == name) {
      return asset.bytes;
    }
    known += known.empty() ? "" : ", ";
    known += asset.name;
  }
  throw InvalidArgument("no web asset '" + std::string(name) + "'; the assets are: " + known);
}

std::string_view web_asset_mime_type(std::string_view name) {
  if (name.ends_with(".html")) {
    return "text/html; charset=utf-8";
  }
  if (name.ends_with(".css")) {
    return "text/css; charset=utf-8";
  }
  if (name.ends_with(".js")) {
    return "text/javascript; charset=utf-8";
  }
  if (name.ends_with(".svg")) {
    return "image/svg+xml";
  }
  return "text/plain; charset=utf-8";
}

}  // namespace orgsim::viz
