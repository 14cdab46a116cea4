#include "viz/web_assets.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/errors.hpp"
#include "tests/support/files.hpp"

namespace orgsim::viz {
namespace {

using orgsim::test::read_file;

const std::string kUplot = std::string(ORGSIM_SOURCE_DIR) + "/viz/web/node_modules/uplot/";

TEST(WebAssetsTest, EmbedsUplotByteForByte) {
  EXPECT_EQ(web_asset("uplot.iife.min.js"), read_file(kUplot + "dist/uPlot.iife.min.js"));
  EXPECT_EQ(web_asset("uplot.min.css"), read_file(kUplot + "dist/uPlot.min.css"));
  EXPECT_EQ(web_asset("uplot.LICENSE.txt"), read_file(kUplot + "LICENSE"));
}

TEST(WebAssetsTest, UplotIsThePinnedMitRelease) {
  EXPECT_TRUE(web_asset("uplot.LICENSE.txt").starts_with("The MIT License (MIT)"));
  // The IIFE build defines one global, uPlot.
  EXPECT_TRUE(web_asset("uplot.iife.min.js")
                  .starts_with("/*! https://github.com/leeoniya/uPlot (v1.6.32) */\nvar uPlot"))
      << web_asset("uplot.iife.min.js").substr(0, 80);
}

TEST(WebAssetsTest, ListsEveryAssetSortedByName) {
  std::string previous;
  bool has_licence = false;
  for (const WebAsset& asset : web_assets()) {
    EXPECT_LT(previous, asset.name);
    previous = asset.name;
    has_licence = has_licence || asset.name == "uplot.LICENSE.txt";
    // NUL-terminated after the last byte, so the data can go to C APIs too.
    EXPECT_EQ(asset.bytes.data()[asset.bytes.size()], '\0') << asset.name;
  }
  EXPECT_TRUE(has_licence);
}

TEST(WebAssetsTest, EmbedsTheFilesOfVizWeb) {
  // Every viz/web/*.html|css|js|svg is an asset under its file name.
  for (const WebAsset& asset : web_assets()) {
    if (!asset.name.starts_with("uplot.")) {
      // Not EXPECT_EQ: a failure would print both files whole.
      EXPECT_TRUE(asset.bytes ==
                  read_file(std::string(ORGSIM_SOURCE_DIR) + "/viz/web/" + std::string(asset.name)))
          << asset.name << " differs from viz/web/" << asset.name << ": rebuild";
    }
  }
}

TEST(WebAssetsTest, UnknownNameListsTheKnownOnes) {
  try {
    web_asset("uplot.js");
    FAIL() << "no exception";
  } catch (const InvalidArgument& e) {
    std::string message = e.what();
    EXPECT_TRUE(message.starts_with("no web asset 'uplot.js'; the assets are: ")) << message;
    EXPECT_NE(message.find("uplot.iife.min.js"), std::string::npos) << message;
  }
}

TEST(WebAssetsTest, MimeTypes) {
  EXPECT_EQ(web_asset_mime_type("page.html"), "text/html; charset=utf-8");
  EXPECT_EQ(web_asset_mime_type("uplot.min.css"), "text/css; charset=utf-8");
  EXPECT_EQ(web_asset_mime_type("uplot.iife.min.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(web_asset_mime_type("logo.svg"), "image/svg+xml");
  EXPECT_EQ(web_asset_mime_type("uplot.LICENSE.txt"), "text/plain; charset=utf-8");
}

}  // namespace
}  // namespace orgsim::viz
