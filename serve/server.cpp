#include "serve/server.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <random>
#include <vector>

#include "common/errors.hpp"
#include "serve/http_server.hpp"
#include "viz/web_assets.hpp"

namespace orgsim::serve {

namespace {

constexpr const char* kJson = "application/json";
constexpr const char* kTokenHeader = "X-Orgsim-Token";

// The page is all 'self': nothing from other hosts, no inline script (the SVG the
// page inserts cannot run anything), no framing.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'none'";

void send(httplib::Response& res, const ApiResponse& answer) {
  res.status = answer.status;
  res.set_content(answer.body, answer.content_type.c_str());
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send(res, error_response(RequestError(status, message)));
}

void send_asset(std::string_view name, httplib::Response& res) {
  std::string_view bytes;
  try {
    bytes = viz::web_asset(name);
  } catch (const InvalidArgument&) {
    send_error(res, 404, "not found: /" + std::string(name));
    return;
  }
  res.set_content(bytes.data(), bytes.size(), std::string(viz::web_asset_mime_type(name)).c_str());
  res.set_header("Cache-Control", "no-cache");
}

std::string status_text(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "not found";
    case 405:
      return "method not allowed";
    case 413:
      return "request body too large";
    case 414:
      return "request URI too long";
    default:
      return "HTTP " + std::to_string(status);
  }
}

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return s;
}

// A header value quoted in an error message: printable ASCII only, at most 60 bytes
// (the JSON answer must stay valid UTF-8 whatever the client sent).
std::string quoted(const std::string& value) {
  std::string out;
  for (char c : value.substr(0, 60)) out += c >= ' ' && c <= '~' ? c : '?';
  return "'" + out + (value.size() > 60 ? "...'" : "'");
}

// "text/plain; charset=UTF-8" -> "text/plain".
std::string media_type(const std::string& content_type) {
  std::string type = lowercase(content_type.substr(0, content_type.find(';')));
  const auto first = type.find_first_not_of(" \t");
  const auto last = type.find_last_not_of(" \t");
  return first == std::string::npos ? std::string() : type.substr(first, last - first + 1);
}

// A Content-Length over `limit` (digits only; httplib refuses anything else with 400).
bool body_too_large(const std::string& length, std::size_t limit) {
  if (length.empty() || length.size() > 19 ||
      length.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  return std::stoull(length) > limit;
}

// httplib 0.11 answers a browser (Accept-Encoding: gzip, deflate, br, zstd) in brotli
// at quality 11: 90-115 ms for the 52 KB what-if answer of a 300-role model,
// where gzip takes 1-2 ms, and it was most of the time from a slider to the painted
// diagram (docs/performance.md "Impact diagram"). "br" is taken out of the list before
// httplib picks an encoding: gzip, or none. The request is httplib's own non-const
// object (only the handler's signature is const), so the cast is defined.
void prefer_gzip(const httplib::Request& req) {
  auto& headers = const_cast<httplib::Request&>(req).headers;  // NOLINT(*-const-cast)
  const auto [first, last] = headers.equal_range("Accept-Encoding");
  for (auto it = first; it != last; ++it) {
    std::string kept;
    const std::string& listed = it->second;
    for (std::size_t start = 0; start <= listed.size();) {
      std::size_t end = listed.find(',', start);
      if (end == std::string::npos) end = listed.size();
      const std::size_t b = listed.find_first_not_of(" \t", start);
      const std::string coding =
          b >= end ? std::string()
                   : listed.substr(b, listed.find_last_not_of(" \t", end - 1) + 1 - b);
      if (!coding.empty() && coding.rfind("br", 0) != 0)
        kept += (kept.empty() ? "" : ", ") + coding;
      start = end + 1;
    }
    it->second = kept;
  }
}

// "host:port" as a Host header names it: an IPv6 address in brackets.
std::string host_header(const std::string& host, int port) {
  const bool v6 = host.find(':') != std::string::npos && host.front() != '[';
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

constexpr int kListenBacklog = 512;

}  // namespace

struct Server::Impl {
  explicit Impl(const ServerOptions& o)
      : http({.max_total = o.max_connections, .max_per_client = o.max_connections_per_client},
             {.max_header_bytes = o.max_header_bytes,
              .max_header_lines = o.max_header_fields,
              .request_timeout = std::chrono::milliseconds(o.request_timeout_ms)}) {}
  HttpServer http;
  /// The Host headers that name this server, lowercased (set by bind()).
  std::vector<std::string> hosts;
  bool any_host = false;  ///< listening on every interface: no Host check
  std::string own_url;    ///< what a refused Host is told to open

  bool host_allowed(const std::string& host) const {
    return any_host || std::find(hosts.begin(), hosts.end(), host) != hosts.end();
  }
};

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr v4{};
  return ::inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

void check_host(const std::string& host) {
  if (host.empty()) {
    throw InvalidArgument(
        "--host: must not be empty: give 127.0.0.1 (this machine only) or 0.0.0.0 (every "
        "interface)");
  }
  const bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
  const std::string bare = bracketed ? host.substr(1, host.size() - 2) : host;
  in_addr v4{};
  in6_addr v6{};
  const bool ok =
      (!bracketed && (host == "localhost" || ::inet_pton(AF_INET, host.c_str(), &v4) == 1)) ||
      ::inet_pton(AF_INET6, bare.c_str(), &v6) == 1;
  if (!ok) {
    throw InvalidArgument(
        "--host: expected an IP address (127.0.0.1, ::1, or 0.0.0.0 for every "
        "interface) or localhost, got " +
        quoted(host) + " (a name could point at another machine)");
  }
}

std::string make_token() {
  std::random_device random;
  constexpr const char* kHex = "0123456789abcdef";
  std::string token;
  for (int word = 0; word < 4; ++word) {
    std::uint32_t bits = static_cast<std::uint32_t>(random());
    for (int digit = 0; digit < 8; ++digit, bits >>= 4) token += kHex[bits & 0xf];
  }
  return token;
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;  // the length is no secret: always 32
  unsigned char differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    differ |= static_cast<unsigned char>(a[i] ^ b[i]);  // no early exit
  }
  return differ == 0;
}

Server::Server(ServerOptions options) : options_(std::move(options)) {
  check_host(options_.host);
  auto at_least_one = [](const char* name, long long value) {
    if (value < 1) {
      throw InvalidArgument(std::string("serve: ") + name + " must be at least 1, got " +
                            std::to_string(value));
    }
  };
  at_least_one("max_header_bytes", static_cast<long long>(options_.max_header_bytes));
  at_least_one("max_header_fields", static_cast<long long>(options_.max_header_fields));
  at_least_one("request_timeout_ms", options_.request_timeout_ms);
  at_least_one("max_connections", static_cast<long long>(options_.max_connections));
  at_least_one("max_connections_per_client",
               static_cast<long long>(options_.max_connections_per_client));
  impl_ = std::make_unique<Impl>(options_);
  if (!options_.require_token) {
    options_.token.clear();
  } else if (options_.token.empty()) {
    options_.token = make_token();
  }
  httplib::Server& http = impl_->http;
  // httplib's default sets SO_REUSEPORT too, so a second server on a busy port
  // "succeeds" and the kernel splits the connections between the two. SO_REUSEADDR
  // alone still allows a quick restart.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_payload_max_length(options_.max_body_bytes);
  // Headers and body go out in separate writes: with Nagle's algorithm on, the body
  // of a kept-alive connection waits for the client's delayed ACK (40 ms a request).
  http.set_tcp_nodelay(true);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"Content-Security-Policy", kContentSecurityPolicy},
                            {"Referrer-Policy", "no-referrer"}});

  // Before any route, and before a body is read: the Host, Origin, token and length
  // checks (docs/api.md "Security"). A refusal of a request with a body closes the
  // connection: the unread body must not be taken for the next request.
  Impl* impl = impl_.get();
  const std::string& token = options_.token;
  const std::size_t limit = options_.max_body_bytes;
  const std::string limit_text = limit % (1 << 20) == 0 ? std::to_string(limit >> 20) + " MB"
                                                        : std::to_string(limit) + " bytes";
  http.set_pre_routing_handler([impl, &token, limit, limit_text](const httplib::Request& req,
                                                                 httplib::Response& res) {
    prefer_gzip(req);
    const bool may_have_body =
        req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
    auto refuse = [&](int status, const std::string& message) {
      send_error(res, status, message);
      if (may_have_body) res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    };
    // DNS rebinding: a web page of evil.example whose name now resolves to 127.0.0.1
    // is same-origin with evil.example, but its requests say "Host: evil.example".
    const std::string host = lowercase(req.get_header_value("Host"));
    if (!impl->host_allowed(host)) {
      return refuse(403, "forbidden: the Host header " + quoted(host) +
                             " does not name this server; open " + impl->own_url);
    }
    // A page of another site may send requests (a form posts text/plain) but
    // browsers name its origin: only the server's own page may use the server.
    const std::string own_origin = "http://" + host;
    const bool has_origin = req.has_header("Origin");
    if (has_origin && lowercase(req.get_header_value("Origin")) != own_origin) {
      return refuse(403, "forbidden: a request from another site (Origin " +
                             quoted(req.get_header_value("Origin")) +
                             "); only the page this server serves may use it");
    }
    // CORS preflight: the own origin may (browsers do not ask it); others were
    // refused above, with no Access-Control-Allow-Origin.
    if (req.method == "OPTIONS") {
      res.status = 204;
      res.set_header("Allow", "GET, POST, OPTIONS");
      if (has_origin) {
        res.set_header("Access-Control-Allow-Origin", own_origin);
        res.set_header("Access-Control-Allow-Methods", "GET, POST");
        res.set_header("Access-Control-Allow-Headers",
                       std::string("Content-Type, ") + kTokenHeader);
        res.set_header("Vary", "Origin");
      }
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!token.empty() && req.path.rfind("/api/", 0) == 0 &&
        !equal_in_constant_time(req.get_header_value(kTokenHeader), token)) {
      return refuse(403, std::string("forbidden: ") +
                             (req.has_header(kTokenHeader) ? "wrong" : "no") +
                             " token: the API needs the token of the URL `orgsim serve` "
                             "printed (?token=...), in an X-Orgsim-Token header");
    }
    // httplib 0.11 checks max_body_bytes against Content-Length only: a chunked body,
    // or one without a length that runs until the connection closes, would be read
    // whole into memory. Bodies must say their length (browsers, curl --data and
    // httplib do).
    if (may_have_body &&
        (req.has_header("Transfer-Encoding") || !req.has_header("Content-Length"))) {
      return refuse(411,
                    "length required: send the request body with a Content-Length header "
                    "(chunked bodies are not accepted)");
    }
    // Refused before the body is read: httplib 0.11 reads an oversized body through to
    // its end before it answers 413, which the request deadline would cut short (408).
    if (may_have_body && body_too_large(req.get_header_value("Content-Length"), limit)) {
      return refuse(413, "request body too large (the limit is " + limit_text + ")");
    }
    // JSON only (and YAML for /api/parse): a browser must ask first (a CORS preflight,
    // refused above) before it sends a cross-site request of these types.
    if (req.method == "POST") {
      const std::string type = media_type(req.get_header_value("Content-Type"));
      const bool yaml = type == "application/yaml" || type == "application/x-yaml";
      if (type != kJson && !(yaml && req.path == "/api/parse")) {
        return refuse(415, "unsupported media type " +
                               (type.empty() ? std::string("(no Content-Type)") : quoted(type)) +
                               ": send the body as application/json" +
                               (req.path == "/api/parse" ? " or application/yaml" : "") +
                               " (curl --data sends application/x-www-form-urlencoded unless given "
                               "-H 'Content-Type: application/json')");
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Errors httplib produces itself (404, 413 over max_body_bytes, 400 unparsable
  // request) get the same JSON shape as the API's own.
  http.set_error_handler([limit_text](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message = status_text(res.status);
    if (res.status == 404) message += ": " + req.method + " " + req.path;
    if (res.status == 413) message += " (the limit is " + limit_text + ")";
    res.set_content(error_response(RequestError(res.status, message)).body, kJson);
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what += std::string(": ") + e.what();
        } catch (...) {
        }
        send_error(res, 500, what);
      });
}

Server::Server(Api& api, ServerOptions options) : Server(std::move(options)) {
  httplib::Server& http = impl_->http;
  http.Get("/",
           [](const httplib::Request&, httplib::Response& res) { send_asset("page.html", res); });
  http.Get("/api/model",
           [&api](const httplib::Request&, httplib::Response& res) { send(res, api.model()); });
  http.Post("/api/simulate", [&api](const httplib::Request& req, httplib::Response& res) {
    const std::string steps = req.get_param_value("role_steps");
    send(res, api.simulate(req.body, steps == "1" || steps == "true" ? RoleSteps::kSeries
                                     : steps == "peaks"              ? RoleSteps::kPeaks
                                                                     : RoleSteps::kNone));
  });
  http.Get("/api/layout",
           [&api](const httplib::Request&, httplib::Response& res) { send(res, api.layout()); });
  http.Post("/api/render", [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.render(req.body));
  });
  http.Post("/api/scenario", [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.scenario(req.body));
  });
  http.Post("/api/parse", [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.parse(req.body));
  });
  http.Post("/api/compare", [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.compare(req.body));
  });
  http.Post("/api/rank", [&api](const httplib::Request& req, httplib::Response& res) {
    auto param = [&req](const char* key) {
      return req.has_param(key) ? std::optional(req.get_param_value(key)) : std::nullopt;
    };
    send(res, api.rank(req.body, {param("degrade"), param("exact")}));
  });
  add_asset_route();
}

Server::Server(EditApi& edit, ServerOptions options) : Server(std::move(options)) {
  httplib::Server& http = impl_->http;
  http.Get("/",
           [](const httplib::Request&, httplib::Response& res) { send_asset("editor.html", res); });
  http.Get("/api/edit/model",
           [&edit](const httplib::Request&, httplib::Response& res) { send(res, edit.model()); });
  http.Post("/api/edit/check", [&edit](const httplib::Request& req, httplib::Response& res) {
    send(res, edit.check(req.body));
  });
  http.Post("/api/edit/save", [&edit](const httplib::Request& req, httplib::Response& res) {
    send(res, edit.save(req.body));
  });
  add_asset_route();
}

void Server::add_asset_route() {
  httplib::Server& http = impl_->http;
  // Assets by file name only: no '/', so nothing outside the embedded set is reachable
  // (the server never opens a file for a request).
  http.Get(R"(/([A-Za-z0-9_.-]{1,64}))", [](const httplib::Request& req, httplib::Response& res) {
    send_asset(req.matches[1].str(), res);
  });
}

Server::~Server() { stop(); }

void Server::bind() {
  HttpServer& http = impl_->http;
  errno = 0;
  int port = options_.port;
  if (options_.port == 0) {
    port = http.bind_to_any_port(options_.host);
  } else if (!http.bind_to_port(options_.host, options_.port)) {
    port = -1;
  }
  if (port <= 0) {
    const int e = errno;
    throw InvalidArgument("--port: cannot listen on " + options_.host + ":" +
                          std::to_string(options_.port) +
                          (e != 0 ? std::string(": ") + std::strerror(e) : std::string()) +
                          " (is another server running there? try another --port)");
  }
  http.raise_backlog(kListenBacklog);
  port_ = port;
  impl_->hosts = {"127.0.0.1:" + std::to_string(port), "localhost:" + std::to_string(port),
                  "[::1]:" + std::to_string(port), lowercase(host_header(options_.host, port))};
  if (port == 80) {  // browsers leave the default port out
    for (std::size_t i = 0, n = impl_->hosts.size(); i < n; ++i) {
      impl_->hosts.push_back(impl_->hosts[i].substr(0, impl_->hosts[i].rfind(':')));
    }
  }
  impl_->any_host = options_.host.empty() || options_.host == "0.0.0.0" || options_.host == "::" ||
                    options_.host == "[::]";
  impl_->own_url = url();
}

void Server::listen() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

bool Server::is_running() const { return impl_->http.is_running(); }

std::string Server::url() const { return "http://" + host_header(options_.host, port_) + "/"; }

std::string Server::page_url() const {
  return options_.token.empty() ? url() : url() + "?token=" + options_.token;
}

}  // namespace orgsim::serve
