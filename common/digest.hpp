#pragma once
// SHA-256 of input files, for the run record that lets anyone check they rerun a
// result on exactly the same files.

#include <string>
#include <string_view>

namespace orgsim {

/// The SHA-256 of `data` as 64 lowercase hex digits (OpenSSL's implementation).
std::string sha256_hex(std::string_view data);

}  // namespace orgsim
