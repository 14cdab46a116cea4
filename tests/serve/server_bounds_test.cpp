// The server's resource bounds against slow and greedy clients (docs/reliability.md
// "Server"): headers bounded in bytes and fields (431), a total deadline for a
// request's headers and body (408), caps on connections per client and in all, and
// other clients served meanwhile. Real sockets on 127.0.0.1; each test takes at
// most a few seconds.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "serve/server.hpp"
#include "tests/serve/raw_client.hpp"
#include "tests/serve/running_server.hpp"
#include "tests/serve/test_model.hpp"

namespace orgsim::serve {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test_support::RawClient;
using test_support::RunningServer;
using ::testing::HasSubstr;
using ::testing::StartsWith;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class ServerBoundsTest : public ::testing::Test {
 protected:
  void start(ServerOptions options) {
    options.port = 0;
    server_ = std::make_unique<RunningServer>(test::serve_start(),
                                              RunningServer::default_api_options(), options);
  }
  int port() const { return server_->port(); }

  // The start of a GET of /api/model with the Host and token headers; the caller adds
  // more headers and the blank line.
  std::string request_head(const std::string& method = "GET",
                           const std::string& path = "/api/model") const {
    return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port()) +
           "\r\nX-Orgsim-Token: " + server_->server().token() + "\r\n";
  }

  // The status line and the "error" of a JSON answer.
  static std::pair<std::string, std::string> status_and_error(const std::string& answer) {
    const auto end_of_line = answer.find("\r\n");
    const auto body = answer.find("\r\n\r\n");
    if (end_of_line == std::string::npos || body == std::string::npos) return {answer, ""};
    const auto j = nlohmann::json::parse(answer.substr(body + 4), nullptr, false);
    return {answer.substr(0, end_of_line),
            j.is_object() && j.contains("error") ? j["error"].get<std::string>() : ""};
  }

  // A normal request on a new connection, timed.
  void expect_served_within(double seconds) {
    httplib::Client client = server_->client();
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(5, 0);
    const auto begin = Clock::now();
    auto res = client.Get("/api/model");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
    EXPECT_LT(seconds_since(begin), seconds);
  }

  std::unique_ptr<RunningServer> server_;
};

// Headers are counted from the first byte of the request line to the blank line.
TEST_F(ServerBoundsTest, HeaderBytesAreAnExactLimit) {
  ServerOptions options;
  options.max_header_bytes = 4096;
  start(options);
  const std::string head = request_head() + "Connection: close\r\n";  // answer, then close
  const std::string padding_field = "X-Pad: ";
  auto request_of_size = [&](std::size_t total) {
    const std::size_t pad = total - head.size() - padding_field.size() - 4;  // two CRLFs
    return head + padding_field + std::string(pad, 'x') + "\r\n\r\n";
  };
  {
    RawClient c(port());
    ASSERT_TRUE(c.send(request_of_size(4096)));
    EXPECT_THAT(c.receive_all(5s), StartsWith("HTTP/1.1 200 OK"));
  }
  RawClient c(port());
  ASSERT_TRUE(c.send(request_of_size(4097)));
  const auto [status, error] = status_and_error(c.receive_all(5s));
  EXPECT_EQ(status, "HTTP/1.1 431 Request Header Fields Too Large");
  EXPECT_EQ(error, "request header fields too large: more than 4096 bytes (the limit)");
  EXPECT_TRUE(c.closed());
}

// The 40 MB of headers (here 8 MB): refused after the first 32 KB, which is
// all the server reads; the sender sees the answer, then a closed connection.
TEST_F(ServerBoundsTest, MegabytesOfHeadersAreRefusedAfterTheLimit) {
  start({});
  RawClient c(port());
  ASSERT_TRUE(c.connected());
  std::thread sender([&] { c.send(request_head() + "X-Pad: " + std::string(8 << 20, 'x')); });
  const auto [status, error] = status_and_error(c.receive_all(5s));
  sender.join();
  EXPECT_EQ(status, "HTTP/1.1 431 Request Header Fields Too Large");
  EXPECT_EQ(error, "request header fields too large: more than 32768 bytes (the limit)");
  expect_served_within(2.0);
}

TEST_F(ServerBoundsTest, HeaderFieldsAreAnExactLimit) {
  start({});
  auto request_with_fields = [&](int fields) {  // Host, the token and Connection are 3
    std::string r = request_head() + "Connection: close\r\n";
    for (int i = 3; i < fields; ++i) r += "X-F" + std::to_string(i) + ": 1\r\n";
    return r + "\r\n";
  };
  {
    RawClient c(port());
    ASSERT_TRUE(c.send(request_with_fields(100)));
    EXPECT_THAT(c.receive_all(5s), StartsWith("HTTP/1.1 200 OK"));
  }
  RawClient c(port());
  ASSERT_TRUE(c.send(request_with_fields(101)));
  const auto [status, error] = status_and_error(c.receive_all(5s));
  EXPECT_EQ(status, "HTTP/1.1 431 Request Header Fields Too Large");
  EXPECT_EQ(error, "request header fields too large: more than 100 header fields (the limit)");
}

// httplib's own timeout is per recv(): a header line every 200 ms kept a connection
// for ever. The deadline counts from when the server starts waiting.
TEST_F(ServerBoundsTest, SlowHeadersGetA408AtTheTotalDeadline) {
  ServerOptions options;
  options.request_timeout_ms = 1000;
  start(options);
  RawClient c(port());
  const auto begin = Clock::now();
  std::string answer;
  ASSERT_TRUE(c.send(request_head()));
  for (int i = 0; i < 25 && answer.empty() && !c.closed(); ++i) {
    c.send("X-Slow-" + std::to_string(i) + ": 1\r\n");
    answer = c.receive_all(200ms);
  }
  const double took = seconds_since(begin);
  const auto [status, error] = status_and_error(answer);
  EXPECT_EQ(status, "HTTP/1.1 408 Request Timeout");
  EXPECT_EQ(error, "request timeout: the headers and body of a request must arrive within 1 s");
  EXPECT_GE(took, 0.9);
  EXPECT_LT(took, 2.5);
}

TEST_F(ServerBoundsTest, ASlowBodyGetsA408AtTheTotalDeadline) {
  ServerOptions options;
  options.request_timeout_ms = 1000;
  start(options);
  RawClient c(port());
  const auto begin = Clock::now();
  ASSERT_TRUE(c.send(request_head("POST", "/api/simulate") +
                     "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"fail"));
  const auto [status, error] = status_and_error(c.receive_all(5s));
  EXPECT_EQ(status, "HTTP/1.1 408 Request Timeout");
  EXPECT_LT(seconds_since(begin), 2.5);
}

TEST_F(ServerBoundsTest, AnIdleConnectionIsClosedWithoutAnAnswer) {
  ServerOptions options;
  options.request_timeout_ms = 500;
  start(options);
  RawClient c(port());
  const auto begin = Clock::now();
  EXPECT_EQ(c.receive_all(5s), "");
  EXPECT_TRUE(c.closed());
  EXPECT_GE(seconds_since(begin), 0.4);
  EXPECT_LT(seconds_since(begin), 2.0);
}

// The repro: 64 connections each sending a header line now and then blocked
// every other request for 25 s. Now the slow ones wait in their own threads, and a
// new connection over the per-client cap takes the place of the one that has waited
// longest (all of them here: every local client is 127.0.0.1).
TEST_F(ServerBoundsTest, SlowClientsDoNotLockOthersOut) {
  ServerOptions options;
  options.request_timeout_ms = 5000;  // longer than the test: none times out
  start(options);
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 64; ++i) {
    slow.push_back(std::make_unique<RawClient>(port()));
    ASSERT_TRUE(slow.back()->send(request_head()));
  }
  std::atomic<bool> done = false;
  std::thread trickle([&] {
    for (int round = 0; !done; ++round) {
      for (auto& c : slow) c->send("X-Slow-" + std::to_string(round) + ": 1\r\n");
      std::this_thread::sleep_for(200ms);
    }
  });
  for (int probe = 0; probe < 10; ++probe) expect_served_within(1.0);
  done = true;
  trickle.join();
}

TEST_F(ServerBoundsTest, SilentConnectionsDoNotLockOthersOut) {
  ServerOptions options;
  options.request_timeout_ms = 5000;
  start(options);
  std::vector<std::unique_ptr<RawClient>> silent;
  for (int i = 0; i < 128; ++i) {
    silent.push_back(std::make_unique<RawClient>(port()));
    ASSERT_TRUE(silent.back()->connected());
  }
  for (int probe = 0; probe < 10; ++probe) expect_served_within(1.0);
  // 64 of the 128 are held; each connection after them closed the oldest one (without
  // an answer: it had sent nothing), and so did the first probe. It left a free place
  // for the next, unless the next came before its thread had let the place go.
  std::this_thread::sleep_for(300ms);
  int closed = 0;
  for (auto& c : silent) {
    EXPECT_EQ(c->receive_all(1ms), "");
    closed += c->closed();
  }
  EXPECT_GE(closed, 64 + 1);
  EXPECT_LE(closed, 64 + 10);
}

// A connection dropped for a newer one while it was sending its headers is told why.
TEST_F(ServerBoundsTest, TheLongestWaitingConnectionGivesWayWithA503) {
  ServerOptions options;
  options.max_connections_per_client = 2;
  start(options);
  RawClient first(port());
  ASSERT_TRUE(first.send(request_head()));  // headers never finished
  std::this_thread::sleep_for(100ms);
  RawClient second(port());
  ASSERT_TRUE(second.send(request_head()));
  std::this_thread::sleep_for(100ms);
  expect_served_within(1.0);  // the third takes the first one's place
  const auto [status, error] = status_and_error(first.receive_all(2s));
  EXPECT_EQ(status, "HTTP/1.1 503 Service Unavailable");
  EXPECT_EQ(error,
            "too many connections from this client: this one waited longest for its request "
            "and was closed to let a new one in");
  EXPECT_EQ(second.receive_all(100ms), "");  // still waiting, still open
  EXPECT_FALSE(second.closed());
}

// Connections whose headers are in are never cut for a newer one: with all of them
// busy, the newcomer is refused at once.
TEST_F(ServerBoundsTest, ANewConnectionIsRefusedWhenEveryOneIsBusy) {
  ServerOptions options;
  options.max_connections_per_client = 2;
  options.request_timeout_ms = 1500;
  start(options);
  const std::string busy = request_head("POST", "/api/simulate") +
                           "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n";
  RawClient a(port()), b(port());
  ASSERT_TRUE(a.send(busy));
  ASSERT_TRUE(b.send(busy));
  std::this_thread::sleep_for(100ms);
  RawClient c(port());
  const auto begin = Clock::now();
  const auto [status, error] = status_and_error(c.receive_all(2s));
  EXPECT_LT(seconds_since(begin), 1.0);  // at once, not at the others' deadline (1.5 s)
  EXPECT_EQ(status, "HTTP/1.1 503 Service Unavailable");
  EXPECT_EQ(error,
            "too many connections from this client (the limit is 2, and 256 in all) and all of "
            "them busy; try again");
  // Once their deadline has passed (408), the server takes new connections again.
  EXPECT_THAT(a.receive_all(3s), StartsWith("HTTP/1.1 408"));
  EXPECT_THAT(b.receive_all(3s), StartsWith("HTTP/1.1 408"));
  expect_served_within(1.0);
}

TEST_F(ServerBoundsTest, RefusesLimitsOfZero) {
  Api api(test::serve_start(), test_support::test_renderer(), RunningServer::default_api_options());
  ServerOptions options;
  options.max_connections_per_client = 0;
  EXPECT_THROW(
      {
        try {
          Server server(api, options);
        } catch (const InvalidArgument& e) {
          EXPECT_STREQ(e.what(), "serve: max_connections_per_client must be at least 1, got 0");
          throw;
        }
      },
      InvalidArgument);
}

}  // namespace
}  // namespace orgsim::serve
