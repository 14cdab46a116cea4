#include "common/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
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

}  // namespace
}  // namespace orgsim
