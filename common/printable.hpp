#pragma once
// Text from outside (file paths, names) made safe to print on a terminal: a newline in
// an output path must not forge a second line of output, nor an escape sequence move
// the cursor.

#include <filesystem>
#include <string>
#include <string_view>

namespace orgsim {

/// `text` with each control byte written as an escape: "\n", "\t", "\r", or "\xNN"
/// (0x00-0x1f and 0x7f). Other bytes, including UTF-8, are kept.
std::string printable(std::string_view text);

/// printable(path.string()).
std::string printable_path(const std::filesystem::path& path);

}  // namespace orgsim
