#pragma once
// Output files are written to a temporary file in the same folder and renamed into
// place, so a failure never leaves a half-written file or clobbers the old one.

#include <filesystem>
#include <string_view>

namespace orgsim {

/// Writes `content` to `path` atomically. Throws orgsim::Error naming the path and
/// the system's reason (missing folder, permission, disk full).
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// Removes the temporary files that writes of `path` killed mid-way (kill -9, power
/// loss) left in its folder. Call before rewriting an output a killed run may have
/// been writing (`orgsim batch --resume`); not while another process writes `path`.
/// Errors are ignored. Time complexity: O(files in the folder).
void remove_stale_temporaries(const std::filesystem::path& path);

}  // namespace orgsim
