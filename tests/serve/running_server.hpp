#pragma once
// A server on a free port of 127.0.0.1 in this process, for one test, and clients that
// send its token as the page does (tests/serve/server_test.cpp,
// server_security_test.cpp).

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

#include "serve/api.hpp"
#include "serve/server.hpp"
#include "viz/render.hpp"

namespace orgsim::serve::test_support {

// One Graphviz context per process (see viz::Renderer), shared by every test.
inline viz::Renderer& test_renderer() {
  static viz::Renderer renderer;
  return renderer;
}

class RunningServer {
 public:
  explicit RunningServer(model::Scenario start, ApiOptions api_options = default_api_options(),
                         ServerOptions options = test_options())
      : api_(std::move(start), test_renderer(), std::move(api_options)),
        server_(api_, std::move(options)) {
    server_.bind();
    thread_ = std::thread([this] { server_.listen(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return server_.port(); }
  Api& api() { return api_; }
  Server& server() { return server_; }
  /// A client that sends the token (X-Orgsim-Token) with every request.
  httplib::Client client() const {
    httplib::Client c = bare_client();
    if (!server_.token().empty()) c.set_default_headers({{"X-Orgsim-Token", server_.token()}});
    return c;
  }
  /// A client without the token.
  httplib::Client bare_client() const {
    httplib::Client c("127.0.0.1", port());
    c.set_connection_timeout(10, 0);
    c.set_read_timeout(60, 0);
    return c;
  }

  static ApiOptions default_api_options() {
    ApiOptions o;
    o.model_file = "/models/test-model.yaml";
    return o;
  }
  static ServerOptions test_options() {
    ServerOptions o;
    o.port = 0;
    return o;
  }

 private:
  Api api_;
  Server server_;
  std::thread thread_;
};

}  // namespace orgsim::serve::test_support
