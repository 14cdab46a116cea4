#pragma once
// The HTTP side of `orgsim serve`: the page and its assets, the /api/ routes, and
// the limits that keep one bad client from hurting the others. cpp-httplib stays
// in server.cpp.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "serve/api.hpp"

namespace orgsim::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";        ///< anything else is reachable from other machines
  int port = 8080;                       ///< 0: any free port (see Server::port())
  std::size_t max_body_bytes = 1 << 20;  ///< larger request bodies get 413
  std::size_t threads = 64;              ///< worker threads: concurrent connections served
  int read_timeout_seconds = 5;          ///< a client that stops sending is dropped
  /// Every /api/ request must carry the token in an X-Orgsim-Token header (403
  /// otherwise). False (`orgsim serve --no-token`): any local program may call the API.
  bool require_token = true;
  std::string token;  ///< empty: a random one (make_token()); ignored without require_token
};

/// Routes: GET / (the page), GET /<asset> (page.js, page.css, uPlot), GET /api/model,
/// POST /api/simulate, /api/render, /api/scenario, /api/parse, /api/compare. Errors
/// answer JSON {"error", "details"}. Safe to stop() from another thread.
///
/// No web page can drive it (docs/api.md "Security"): a Host header other than the
/// address served is 403 (DNS rebinding), so is an Origin other than the server's own
/// (cross-site requests; CORS preflights included), a POST body that is not
/// application/json (application/yaml too for /api/parse) is 415, and /api/ needs the
/// token. The page and its assets need no token: they hold no data.
class Server {
 public:
  /// `api` must outlive the server.
  Server(Api& api, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the socket. Throws InvalidArgument if the host or port cannot be bound.
  void bind();
  /// The port bound (the free one chosen for port 0). After bind().
  int port() const { return port_; }
  /// Serves requests until stop(). After bind(); blocks.
  void listen();
  /// Stops listen() and closes the socket; callable from any thread, repeatedly.
  void stop();
  bool is_running() const;
  /// "http://127.0.0.1:8080/" (an IPv6 host in brackets).
  std::string url() const;
  /// The URL to open: url() plus "?token=..." (url() alone without a token).
  std::string page_url() const;
  /// The token /api/ requests must send; empty if none is required.
  const std::string& token() const { return options_.token; }

 private:
  struct Impl;  // the httplib::Server, in server.cpp
  std::unique_ptr<Impl> impl_;
  ServerOptions options_;
  int port_ = 0;
};

/// True for hosts that only this machine can reach: 127.0.0.0/8, ::1, localhost.
bool is_loopback_host(const std::string& host);

/// A fresh secret: 32 hex digits (128 bits) from std::random_device.
std::string make_token();

/// Equality that takes the same time wherever `a` and `b` differ (for secrets).
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace orgsim::serve
