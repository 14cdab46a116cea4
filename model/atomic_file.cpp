#include "model/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "model/errors.hpp"

namespace orgsim {

namespace {
[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what, int err) {
  throw OutputError(path.string() + ": error: cannot write output: " + what + ": " +
                    std::strerror(err));
}
}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw OutputError(path.string() + ": error: cannot write output: folder '" + dir.string() +
                      "' does not exist");
  }
  if (std::filesystem::is_directory(path, ec)) {
    throw OutputError(path.string() + ": error: cannot write output: it is a directory");
  }
  std::string tmp = (dir / ("." + path.filename().string() + ".tmpXXXXXX")).string();
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) fail(path, "cannot create a temporary file in '" + dir.string() + "'", errno);
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      fail(path, "write failed", err);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  // fsync before rename: after a crash the file is either old or complete.
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    fail(path, "flush failed", err);
  }
  ::chmod(tmp.c_str(), 0644);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    fail(path, "rename failed", err);
  }
}

}  // namespace orgsim
