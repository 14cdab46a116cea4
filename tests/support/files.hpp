#pragma once
// Whole files in and out, for tests that give a program its input or check what it
// wrote. Header-only, so every test program can use it.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace orgsim::test {

/// The bytes of the file at `path`; "" if it cannot be read (the caller's check on
/// the text then fails).
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Writes `text` to `path`, replacing the file, after creating its folder if needed.
/// Returns `path`.
inline std::filesystem::path write_file(const std::filesystem::path& path, std::string_view text) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace orgsim::test
