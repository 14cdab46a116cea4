#pragma once
// A fresh folder for one test, and a fixture that gives each of its tests one. The
// folder is named for the test and the process (two build trees running the suite at
// once stay apart) and is removed, with everything in it, when the test ends.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "tests/support/files.hpp"

namespace orgsim::test {

/// The empty folder <GoogleTest's TempDir()>/<prefix>_<pid>_<test name>: what an earlier,
/// killed run left there is removed first. Removed again on destruction.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix)
      : path_(std::filesystem::path(::testing::TempDir()) /
              (std::string(prefix) + "_" + std::to_string(::getpid()) + "_" + test_name())) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    // A test may have taken away its write permission; a destructor must not throw.
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  static std::string test_name() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return info != nullptr ? info->name() : "outside_a_test";
  }

  std::filesystem::path path_;
};

/// A fixture whose every test has a fresh folder `dir_` of its own (a TempDir): derive
/// from it and pass the folder's name prefix, `FooTest() : TempDirTest("foo") {}`.
class TempDirTest : public ::testing::Test {
 protected:
  explicit TempDirTest(std::string_view prefix) : tmp_(prefix), dir_(tmp_.path()) {}

  /// Writes `text` to dir_/`name` (creating folders on the way); returns its path.
  std::filesystem::path write(const std::string& name, std::string_view text) const {
    return write_file(dir_ / name, text);
  }

  TempDir tmp_;
  std::filesystem::path dir_;
};

}  // namespace orgsim::test
