#pragma once
// Output files: a regular file is replaced atomically (a temporary file in the same
// folder, renamed into place), so a failure never leaves a half-written file or clobbers
// the old one. Anything else (a terminal, /dev/null, a pipe, /dev/stdout, /dev/fd/N) is
// written straight, as a shell's `>` would.

#include <filesystem>
#include <string_view>

namespace orgsim {

/// Writes `content` to `path`. Symbolic links are followed to their final target, and
/// that file is replaced atomically in its own folder, keeping its mode (and owner where
/// the process may set it); a new file gets 0666 less the umask. Devices, pipes and this
/// process's open files (/dev/stdout, /dev/fd/N, /proc/self/fd/N) are written straight.
/// Throws OutputError naming the path and the system's reason (missing folder,
/// permission, disk full).
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// Removes the temporary files that writes of `path` killed mid-way (kill -9, power
/// loss) left in its folder (the folder of the symbolic link's target when `path` is
/// one). Call before rewriting an output a killed run may have been writing (`orgsim
/// batch --resume`); not while another process writes `path`.
/// Errors are ignored. Time complexity: O(files in the folder).
void remove_stale_temporaries(const std::filesystem::path& path);

}  // namespace orgsim
