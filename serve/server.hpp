#pragma once
// The HTTP side of `orgsim serve`: the page and its assets, the /api/ routes, and
// the limits that keep one bad client from hurting the others. cpp-httplib stays
// in server.cpp.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "serve/api.hpp"
#include "serve/edit_api.hpp"

namespace orgsim::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";        ///< anything else is reachable from other machines
  int port = 8080;                       ///< 0: any free port (see Server::port())
  std::size_t max_body_bytes = 1 << 20;  ///< larger request bodies get 413
  /// The request line and headers together, in bytes, and the number of header
  /// fields: more gets 431.
  std::size_t max_header_bytes = 32 * 1024;
  std::size_t max_header_fields = 100;
  /// From when the server starts waiting for a request, its headers and body must
  /// arrive within this (408; an idle connection is closed), and its answer gets as
  /// long again to be read. A total, not a per-recv() timeout: a byte now and then
  /// does not keep a connection.
  int request_timeout_ms = 10'000;
  /// Connections held at once, in all and per client address (a thread each). Over
  /// either cap, the connection that has waited longest for its request gives way;
  /// with every one busy, the new one gets 503.
  std::size_t max_connections = 256;
  std::size_t max_connections_per_client = 64;
  /// Every /api/ request must carry the token in an X-Orgsim-Token header (403
  /// otherwise). False (`orgsim serve --no-token`): any local program may call the API.
  bool require_token = true;
  std::string token;  ///< empty: a random one (make_token()); ignored without require_token
};

/// Routes: GET / (the page), GET /<asset> (page.js, page.css, uPlot), GET /api/model,
/// GET /api/layout, POST /api/simulate (?role_steps=1), /api/render, /api/scenario, /api/parse,
/// /api/compare. Errors answer JSON {"error", "details"}. Safe to stop() from another thread.
///
/// No web page can drive it (docs/api.md "Security"): a Host header other than the
/// address served is 403 (DNS rebinding), so is an Origin other than the server's own
/// (cross-site requests; CORS preflights included), a POST body that is not
/// application/json (application/yaml too for /api/parse) is 415, and /api/ needs the
/// token. The page and its assets need no token: they hold no data.
class Server {
 public:
  /// `api` must outlive the server. Throws InvalidArgument for a bad host (check_host)
  /// or a limit of 0.
  Server(Api& api, ServerOptions options);
  /// `orgsim serve MODEL --edit`: the model editor instead of the what-if page: GET /
  /// (editor.html), the assets, GET /api/edit/model, POST /api/edit/check and
  /// /api/edit/save, behind the same checks. `edit` must outlive the server.
  Server(EditApi& edit, ServerOptions options);
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
  /// Everything but the routes: limits, headers, the security checks, error answers.
  explicit Server(ServerOptions options);
  /// GET /<asset>: after the other routes.
  void add_asset_route();

  struct Impl;  // the httplib::Server, in server.cpp
  std::unique_ptr<Impl> impl_;
  ServerOptions options_;
  int port_ = 0;
};

/// True for hosts that only this machine can reach: an IPv4 address in 127.0.0.0/8,
/// ::1, localhost. Names are not resolved ("127.evil.example" is not loopback).
bool is_loopback_host(const std::string& host);

/// Checks a --host value: an IPv4 or IPv6 address (in brackets or not), or
/// "localhost". Throws InvalidArgument naming --host otherwise: a name would be looked
/// up in DNS, and could then name another machine.
void check_host(const std::string& host);

/// A fresh secret: 32 hex digits (128 bits) from std::random_device.
std::string make_token();

/// Equality that takes the same time wherever `a` and `b` differ (for secrets).
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace orgsim::serve
