#include "common/atomic_file.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "common/errors.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim {
namespace {

namespace fs = std::filesystem;

using test::read_file;

// TempDir gives the folder its write permission back before removing it.
class AtomicFileTest : public test::TempDirTest {
 protected:
  AtomicFileTest() : TempDirTest("atomic") {}
};

TEST_F(AtomicFileTest, WritesAndReplaces) {
  write_file_atomically(dir_ / "out.json", "first");
  write_file_atomically(dir_ / "out.json", "second");
  EXPECT_EQ(read_file(dir_ / "out.json"), "second");
  // No temporary file is left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator{}), 1);
}

TEST_F(AtomicFileTest, MissingFolderIsAnErrorNamingThePath) {
  auto target = dir_ / "nope" / "out.json";
  try {
    write_file_atomically(target, "x");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), target.string() + ": error: cannot write output: folder '" +
                                         (dir_ / "nope").string() + "' does not exist");
  }
}

TEST_F(AtomicFileTest, FailedWriteLeavesThePreviousFileUntouched) {
  write_file_atomically(dir_ / "out.json", "previous");
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  fs::permissions(dir_, fs::perms::owner_write, fs::perm_options::remove);
  EXPECT_THROW(write_file_atomically(dir_ / "out.json", "new"), Error);
  fs::permissions(dir_, fs::perms::owner_write, fs::perm_options::add);
  EXPECT_EQ(read_file(dir_ / "out.json"), "previous");
}

TEST_F(AtomicFileTest, TargetThatIsADirectoryIsRefused) {
  fs::create_directories(dir_ / "taken");
  try {
    write_file_atomically(dir_ / "taken", "x");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir_ / "taken").string() + ": error: cannot write output: it is a directory");
  }
  EXPECT_TRUE(fs::is_directory(dir_ / "taken"));
}

// A write that fails half way (here: the file-size limit, which works even for root,
// standing in for a full disk) leaves the previous file as it was and no temporary.
TEST_F(AtomicFileTest, WriteFailingHalfWayLeavesThePreviousFileUntouched) {
  write_file_atomically(dir_ / "out.json", "previous");
  struct rlimit old_limit;
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old_limit;
  small.rlim_cur = 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  bool threw = false;
  try {
    write_file_atomically(dir_ / "out.json", std::string(64 * 1024, 'x'));
  } catch (const Error& e) {
    threw = true;
    EXPECT_NE(std::string(e.what()).find("cannot write output: write failed"), std::string::npos)
        << e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_TRUE(threw);
  EXPECT_EQ(read_file(dir_ / "out.json"), "previous");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator{}), 1);
}

// What a write killed between creating and renaming its temporary leaves, and only
// that, is removed: other files, and temporaries of other outputs, stay.
TEST_F(AtomicFileTest, RemovesStaleTemporariesOfThatFileOnly) {
  for (const char* name :
       {".out.csv.tmpAb3xQ9", ".out.csv.tmp123456", "out.csv", ".out.csv.tmp",
        ".out.csv.tmp1234567", ".out.csv.partial.tmpAb3xQ9", "x.out.csv.tmpabcdef"}) {
    std::ofstream(dir_ / name) << "x";
  }
  remove_stale_temporaries(dir_ / "out.csv");
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir_)) left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left,
            (std::vector<std::string>{".out.csv.partial.tmpAb3xQ9", ".out.csv.tmp",
                                      ".out.csv.tmp1234567", "out.csv", "x.out.csv.tmpabcdef"}));
}

// --- Outputs that are not plain files, or that are already there (issue 14) ---

mode_t mode_of(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode;
}

// Everything written to the read end of a pipe until it closes.
std::string drain(int fd) {
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  return text;
}

// A character device: as root, one made in dir_ (so that a regression replaces it and
// not the system's); otherwise the system's, which a user cannot replace.
fs::path character_device(const fs::path& dir, const char* name, unsigned minor) {
  if (::geteuid() != 0) return fs::path("/dev") / name;
  const fs::path device = dir / name;
  EXPECT_EQ(::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, minor)), 0) << device;
  return device;
}

TEST_F(AtomicFileTest, WritesStraightToACharacterDeviceAndKeepsIt) {
  const fs::path null = character_device(dir_, "null", 3);
  write_file_atomically(null, "discarded");
  EXPECT_TRUE(S_ISCHR(mode_of(null)));
  if (null.parent_path() == dir_) {
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator{}), 1);
  }
}

TEST_F(AtomicFileTest, AFullDeviceIsAnErrorAndStaysADevice) {
  const fs::path full = character_device(dir_, "full", 7);
  try {
    write_file_atomically(full, "x");
    FAIL() << "expected an error";
  } catch (const OutputError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        full.string() + ": error: cannot write output: write failed: No space left on device");
  }
  EXPECT_TRUE(S_ISCHR(mode_of(full)));
}

TEST_F(AtomicFileTest, WritesStraightToANamedPipe) {
  const fs::path fifo = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] {
    const int fd = ::open(fifo.c_str(), O_RDONLY);
    received = drain(fd);
    ::close(fd);
  });
  write_file_atomically(fifo, "through the pipe");
  reader.join();
  EXPECT_EQ(received, "through the pipe");
  EXPECT_TRUE(S_ISFIFO(mode_of(fifo)));
}

// `--json >(wc -c)` passes /dev/fd/63: a pipe of this process, not a folder to write in.
TEST_F(AtomicFileTest, WritesToThisProcesssOpenDescriptors) {
  for (const std::string folder : {"/dev/fd/", "/proc/self/fd/"}) {
    int ends[2];
    ASSERT_EQ(::pipe(ends), 0);
    write_file_atomically(folder + std::to_string(ends[1]), "to " + folder);
    ::close(ends[1]);
    EXPECT_EQ(drain(ends[0]), "to " + folder);
    ::close(ends[0]);
  }
}

// `--json /dev/stdout >> log`: the shell's descriptor, its offset and O_APPEND, are used.
TEST_F(AtomicFileTest, AppendsToADescriptorOpenForAppending) {
  const fs::path log = write("log.txt", "before\n");
  const int fd = ::open(log.c_str(), O_WRONLY | O_APPEND);
  ASSERT_GE(fd, 0);
  write_file_atomically("/dev/fd/" + std::to_string(fd), "after\n");
  ::close(fd);
  EXPECT_EQ(read_file(log), "before\nafter\n");
}

TEST_F(AtomicFileTest, WritesToStandardOutputThroughDevStdout) {
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  std::fflush(stdout);
  const int saved = ::dup(1);
  ::dup2(ends[1], 1);
  ::close(ends[1]);
  write_file_atomically("/dev/stdout", "on stdout");
  ::dup2(saved, 1);
  ::close(saved);
  EXPECT_EQ(drain(ends[0]), "on stdout");
  ::close(ends[0]);
}

TEST_F(AtomicFileTest, FollowsSymlinksAndReplacesTheirFinalTarget) {
  fs::create_directories(dir_ / "real");
  write("real/out.json", "old");
  fs::create_symlink("real/out.json", dir_ / "second.json");  // relative to dir_
  fs::create_symlink(dir_ / "second.json", dir_ / "first.json");
  write_file_atomically(dir_ / "first.json", "new");
  EXPECT_TRUE(fs::is_symlink(dir_ / "first.json"));
  EXPECT_TRUE(fs::is_symlink(dir_ / "second.json"));
  EXPECT_EQ(read_file(dir_ / "real" / "out.json"), "new");
  // The temporary file was made, and renamed, in the target's folder.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "real"), fs::directory_iterator{}), 1);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator{}), 3);
}

TEST_F(AtomicFileTest, ADanglingSymlinkGetsItsTargetCreated) {
  fs::create_symlink("target.json", dir_ / "link.json");
  write_file_atomically(dir_ / "link.json", "made");
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.json"));
  EXPECT_EQ(read_file(dir_ / "target.json"), "made");
}

TEST_F(AtomicFileTest, ASymlinkLoopIsAnError) {
  fs::create_symlink("b", dir_ / "a");
  fs::create_symlink("a", dir_ / "b");
  try {
    write_file_atomically(dir_ / "a", "x");
    FAIL() << "expected an error";
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()), (dir_ / "a").string() +
                                         ": error: cannot write output: cannot follow the "
                                         "symbolic link: " +
                                         std::strerror(ELOOP));
  }
}

TEST_F(AtomicFileTest, KeepsTheModeOfTheFileItReplaces) {
  const fs::path out = write("secret.json", "old");
  ASSERT_EQ(::chmod(out.c_str(), 0600), 0);
  write_file_atomically(out, "new");
  EXPECT_EQ(mode_of(out) & 07777, 0600u);
  ASSERT_EQ(::chmod(out.c_str(), 0664), 0);
  write_file_atomically(out, "newer");
  EXPECT_EQ(mode_of(out) & 07777, 0664u);
  EXPECT_EQ(read_file(out), "newer");
}

TEST_F(AtomicFileTest, KeepsTheOwnerOfTheFileItReplacesWhenRoot) {
  if (::geteuid() != 0) GTEST_SKIP() << "only root may give a file to another user";
  const fs::path out = write("theirs.json", "old");
  ASSERT_EQ(::chown(out.c_str(), 1234, 5678), 0);
  write_file_atomically(out, "new");
  struct stat st {};
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 1234u);
  EXPECT_EQ(st.st_gid, 5678u);
}

TEST_F(AtomicFileTest, ANewFileHonoursTheUmask) {
  const mode_t old_mask = ::umask(027);
  write_file_atomically(dir_ / "new.json", "x");
  ::umask(022);
  write_file_atomically(dir_ / "other.json", "x");
  ::umask(old_mask);
  EXPECT_EQ(mode_of(dir_ / "new.json") & 07777, 0640u);
  EXPECT_EQ(mode_of(dir_ / "other.json") & 07777, 0644u);
}

TEST_F(AtomicFileTest, RemovesStaleTemporariesBesideASymlinksTarget) {
  fs::create_directories(dir_ / "real");
  std::ofstream(dir_ / "real" / ".out.csv.tmpAb3xQ9") << "x";
  fs::create_symlink("real/out.csv", dir_ / "out.csv");
  remove_stale_temporaries(dir_ / "out.csv");
  EXPECT_FALSE(fs::exists(dir_ / "real" / ".out.csv.tmpAb3xQ9"));
}

}  // namespace
}  // namespace orgsim
