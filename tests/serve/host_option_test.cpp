// `orgsim serve --host`: an address, or localhost; never a name that DNS could point
// elsewhere, never empty. Loopback is decided by the address, not by a "127." prefix.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "common/errors.hpp"
#include "serve/server.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::serve {
namespace {

using ::testing::HasSubstr;

std::string check_host_error(const std::string& host) {
  try {
    check_host(host);
  } catch (const InvalidArgument& e) {
    return e.what();
  }
  return "";
}

TEST(HostOptionTest, AcceptsAddressesAndLocalhost) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "0.0.0.0", "::1", "[::1]", "::", "localhost",
                           "192.168.1.10", "fe80::1"}) {
    EXPECT_EQ(check_host_error(host), "") << host;
  }
}

TEST(HostOptionTest, RefusesNamesAndEmpty) {
  EXPECT_EQ(check_host_error("127.evil.example"),
            "--host: expected an IP address (127.0.0.1, ::1, or 0.0.0.0 for every interface) or "
            "localhost, got '127.evil.example' (a name could point at another machine)");
  EXPECT_EQ(check_host_error(""),
            "--host: must not be empty: give 127.0.0.1 (this machine only) or 0.0.0.0 (every "
            "interface)");
  for (const char* host : {"evil.example", "127.0.0.1.evil.example", "[127.0.0.1]", "1.2.3",
                           "localhost.evil.example", " 127.0.0.1"}) {
    EXPECT_THAT(check_host_error(host), HasSubstr("--host: expected an IP address")) << host;
  }
}

TEST(HostOptionTest, LoopbackIsDecidedByTheAddress) {
  for (const char* host : {"127.0.0.1", "127.255.0.1", "::1", "[::1]", "localhost"}) {
    EXPECT_TRUE(is_loopback_host(host)) << host;
  }
  for (const char* host : {"127.evil.example", "0.0.0.0", "128.0.0.1", "", "::"}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
}

// The binary: exit 2, the message names --host, nothing is served.
TEST(HostOptionTest, TheCommandRefusesABadHostWithExitTwo) {
  test::TempDir dir("serve_host");
  const std::string model = std::string(ORGSIM_SOURCE_DIR) + "/scenarios/contact-center/model.yaml";
  for (const std::string host : {"127.evil.example", ""}) {
    const pid_t pid =
        test::start_child(ORGSIM_BINARY, {"serve", model, "--host", host, "--port", "0"},
                          dir.path() / "out", dir.path() / "err");
    ASSERT_GT(pid, 0);
    const test::ChildExit exit = test::wait_child(pid);
    EXPECT_FALSE(exit.signaled);
    EXPECT_EQ(exit.code, 2) << host;
    EXPECT_THAT(test::read_file(dir.path() / "err"), HasSubstr("--host: ")) << host;
    EXPECT_EQ(test::read_file(dir.path() / "out"), "") << host;
  }
}

}  // namespace
}  // namespace orgsim::serve
