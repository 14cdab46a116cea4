#include "common/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>
#include <random>
#include <string>

#include "common/errors.hpp"
#include "common/printable.hpp"

namespace orgsim {

namespace fs = std::filesystem;

namespace {
// The temporary file of a write of `path` is ".<file name>.tmp" + 6 random characters.
std::string temporary_prefix(const fs::path& path) {
  return "." + path.filename().string() + ".tmp";
}
constexpr std::size_t kTemporarySuffix = 6;
constexpr int kMaxSymlinkHops = 40;  // as Linux's ELOOP limit

[[noreturn]] void fail(const fs::path& path, const std::string& what, int err) {
  throw OutputError(printable_path(path) + ": error: cannot write output: " + what + ": " +
                    std::strerror(err));
}

// Where a write of a path goes once its symbolic links are followed.
struct Target {
  enum class Kind {
    kNewFile,     ///< `path` does not exist: created atomically
    kFile,        ///< `path` is a regular file (`st`): replaced atomically
    kOther,       ///< a device, a pipe, ...: opened and written straight
    kDescriptor,  ///< this process's open file `fd` (/dev/stdout, /dev/fd/N): written to
  };
  Kind kind = Kind::kNewFile;
  fs::path path;
  struct stat st {};
  int fd = -1;
};

// N when `path` is /dev/fd/N, /proc/self/fd/N or /proc/<this pid>/fd/N (the folder
// canonical: /dev/fd is a link to /proc/self/fd). Their targets are not paths to
// follow ("pipe:[1234]"), and reopening a file there would lose the shell's offset.
std::optional<int> own_descriptor(const fs::path& path) {
  const std::string name = path.filename().string();
  int fd = -1;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), fd);
  if (name.empty() || ec != std::errc() || end != name.data() + name.size()) return std::nullopt;
  std::error_code error;
  const fs::path folder = fs::canonical(path.parent_path(), error);
  if (error || folder != fs::path("/proc") / std::to_string(::getpid()) / "fd") {
    return std::nullopt;
  }
  return fd;
}

Target resolve(const fs::path& path) {
  Target t;
  t.path = path;
  for (int hops = 0;; ++hops) {
    if (const auto fd = own_descriptor(fs::absolute(t.path))) {
      t.kind = Target::Kind::kDescriptor;
      t.fd = *fd;
      return t;
    }
    if (::lstat(t.path.c_str(), &t.st) != 0) {
      t.kind = Target::Kind::kNewFile;  // a missing folder is reported by the caller
      return t;
    }
    if (S_ISREG(t.st.st_mode)) {
      t.kind = Target::Kind::kFile;
      return t;
    }
    if (S_ISDIR(t.st.st_mode)) {
      throw OutputError(printable_path(path) + ": error: cannot write output: it is a directory");
    }
    if (!S_ISLNK(t.st.st_mode)) {
      t.kind = Target::Kind::kOther;
      return t;
    }
    if (hops == kMaxSymlinkHops) fail(path, "cannot follow the symbolic link", ELOOP);
    std::error_code ec;
    const fs::path link = fs::read_symlink(t.path, ec);
    if (ec) fail(path, "cannot follow the symbolic link", ec.value());
    t.path = link.is_absolute() ? link : t.path.parent_path() / link;
  }
}

// Writes all of `content` to `fd`; false with errno set if a write failed.
bool write_all(int fd, std::string_view content) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

// A device, a pipe or an open descriptor: written straight; nothing to replace.
void write_straight(const fs::path& path, const Target& target, std::string_view content) {
  if (target.kind == Target::Kind::kDescriptor) {
    if (!write_all(target.fd, content)) fail(path, "write failed", errno);
    return;
  }
  const int fd = ::open(target.path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) fail(path, "cannot open it", errno);
  if (!write_all(fd, content)) {
    const int err = errno;
    ::close(fd);
    fail(path, "write failed", err);
  }
  if (::close(fd) != 0) fail(path, "write failed", errno);
}

// Creates ".<name>.tmpXXXXXX" in `dir` with mode 0666 less the umask (mkstemp's 0600
// would ignore the umask). Returns its descriptor; sets `tmp` to its path.
int create_temporary(const fs::path& path, const fs::path& dir, const fs::path& target,
                     std::string& tmp) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, sizeof(kChars) - 2);
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = temporary_prefix(target);
    for (std::size_t i = 0; i < kTemporarySuffix; ++i) name += kChars[pick(rng)];
    tmp = (dir / name).string();
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno != EEXIST) break;
  }
  fail(path, "cannot create a temporary file in '" + dir.string() + "'", errno);
}
}  // namespace

void write_file_atomically(const fs::path& path, std::string_view content) {
  const Target target = resolve(path);
  if (target.kind == Target::Kind::kOther || target.kind == Target::Kind::kDescriptor) {
    write_straight(path, target, content);
    return;
  }
  const fs::path dir = target.path.parent_path().empty() ? "." : target.path.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw OutputError(printable_path(path) + ": error: cannot write output: folder '" +
                      printable_path(dir) + "' does not exist");
  }
  std::string tmp;
  const int fd = create_temporary(path, dir, target.path, tmp);
  const auto give_up = [&](const std::string& what, int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    fail(path, what, err);
  };
  if (target.kind == Target::Kind::kFile) {
    // The replaced file's owner (root may set it; a user only its group) and mode;
    // fchmod after fchown, which clears set-user-id bits.
    if (::fchown(fd, target.st.st_uid, target.st.st_gid) != 0) {
      [[maybe_unused]] const int ignored = ::fchown(fd, static_cast<uid_t>(-1), target.st.st_gid);
    }
    if (::fchmod(fd, target.st.st_mode & 07777) != 0) give_up("cannot set its mode", errno);
  }
  if (!write_all(fd, content)) give_up("write failed", errno);
  // fsync before rename: after a crash the file is either old or complete.
  if (::fsync(fd) != 0) give_up("flush failed", errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail(path, "flush failed", err);
  }
  if (::rename(tmp.c_str(), target.path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail(path, "rename failed", err);
  }
}

void remove_stale_temporaries(const fs::path& path) {
  fs::path target = path;
  try {
    const Target t = resolve(path);
    if (t.kind != Target::Kind::kNewFile && t.kind != Target::Kind::kFile) return;
    target = t.path;
  } catch (const Error&) {
    return;
  }
  const fs::path dir = target.parent_path().empty() ? "." : target.parent_path();
  const std::string prefix = temporary_prefix(target);
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() == prefix.size() + kTemporarySuffix && name.starts_with(prefix) &&
        it->is_regular_file(ec)) {
      fs::remove(it->path(), ec);
    }
  }
}

}  // namespace orgsim
