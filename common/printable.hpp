#pragma once
// Text from outside (file paths, names) made safe to print on a terminal: a newline in
// an output path must not forge a second line of output, nor an escape sequence move
// the cursor.

#include <filesystem>
#include <string>
#include <string_view>

namespace orgsim {

/// `text` with each control character written as an escape: "\n", "\t", "\r", or "\xNN"
/// for the other C0 controls, DEL, the C1 controls (U+0080..U+009F, as their two UTF-8
/// bytes) and bytes that are not UTF-8. Other characters, including UTF-8, are kept.
/// Unlike app's terminal_safe ('?' for each), an escape keeps a path recognizable.
std::string printable(std::string_view text);

/// printable(path.string()).
std::string printable_path(const std::filesystem::path& path);

}  // namespace orgsim
