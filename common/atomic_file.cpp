#include "common/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "common/errors.hpp"

namespace orgsim {

namespace {
// The temporary file of a write of `path` is ".<file name>.tmp" + 6 mkstemp characters.
std::string temporary_prefix(const std::filesystem::path& path) {
  return "." + path.filename().string() + ".tmp";
}
constexpr std::size_t kTemporarySuffix = 6;  // the XXXXXX of mkstemp

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
  std::string tmp = (dir / (temporary_prefix(path) + std::string(kTemporarySuffix, 'X'))).string();
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

void remove_stale_temporaries(const std::filesystem::path& path) {
  const std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  const std::string prefix = temporary_prefix(path);
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() == prefix.size() + kTemporarySuffix && name.starts_with(prefix) &&
        it->is_regular_file(ec)) {
      std::filesystem::remove(it->path(), ec);
    }
  }
}

}  // namespace orgsim
