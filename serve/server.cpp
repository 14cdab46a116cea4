#include "serve/server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "common/errors.hpp"
#include "viz/web_assets.hpp"

namespace orgsim::serve {

namespace {

constexpr const char* kJson = "application/json";

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

// httplib 0.11 listens with a backlog of 5: a burst of 50 clients connecting at
// once overflows it and some see "connection reset". The socket is a protected
// member; a second listen() on it raises the backlog.
class HttpServer : public httplib::Server {
 public:
  bool raise_backlog(int backlog) { return ::listen(svr_sock_, backlog) == 0; }
};

constexpr int kListenBacklog = 512;

}  // namespace

struct Server::Impl {
  HttpServer http;
};

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

Server::Server(Api& api, ServerOptions options)
    : impl_(std::make_unique<Impl>()), options_(std::move(options)) {
  if (options_.threads < 1) {
    throw InvalidArgument("serve: threads must be at least 1, got 0");
  }
  httplib::Server& http = impl_->http;
  const std::size_t threads = options_.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
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
  http.set_read_timeout(options_.read_timeout_seconds, 0);
  http.set_write_timeout(options_.read_timeout_seconds, 0);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"Content-Security-Policy", kContentSecurityPolicy},
                            {"Referrer-Policy", "no-referrer"}});

  http.Get("/",
           [](const httplib::Request&, httplib::Response& res) { send_asset("page.html", res); });
  http.Get("/api/model",
           [&api](const httplib::Request&, httplib::Response& res) { send(res, api.model()); });
  http.Post("/api/simulate", [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.simulate(req.body));
  });
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
  // Assets by file name only: no '/', so nothing outside the embedded set is reachable
  // (the server never opens a file for a request).
  http.Get(R"(/([A-Za-z0-9_.-]{1,64}))", [](const httplib::Request& req, httplib::Response& res) {
    send_asset(req.matches[1].str(), res);
  });

  // httplib 0.11 checks max_body_bytes against Content-Length only: a chunked body, or
  // one without a length that runs until the connection closes, would be read whole
  // into memory. Bodies must say their length (browsers, curl --data and httplib do).
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    const bool may_have_body = req.method != "GET" && req.method != "HEAD";
    if (may_have_body &&
        (req.has_header("Transfer-Encoding") || !req.has_header("Content-Length"))) {
      send_error(res, 411,
                 "length required: send the request body with a Content-Length header "
                 "(chunked bodies are not accepted)");
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Errors httplib produces itself (404, 413 over max_body_bytes, 400 unparsable
  // request) get the same JSON shape as the API's own.
  const std::size_t limit = options_.max_body_bytes;
  const std::string limit_text = limit % (1 << 20) == 0 ? std::to_string(limit >> 20) + " MB"
                                                        : std::to_string(limit) + " bytes";
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
}

void Server::listen() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

bool Server::is_running() const { return impl_->http.is_running(); }

std::string Server::url() const {
  const bool v6 = options_.host.find(':') != std::string::npos && options_.host.front() != '[';
  return "http://" + (v6 ? "[" + options_.host + "]" : options_.host) + ":" +
         std::to_string(port_) + "/";
}

}  // namespace orgsim::serve
