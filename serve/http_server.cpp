#include "serve/http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace orgsim::serve {

namespace {

std::string peer_address(socket_t sock) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "?";
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in&>(addr).sin_addr, text, sizeof text);
  } else if (addr.ss_family == AF_INET6) {
    ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6&>(addr).sin6_addr, text, sizeof text);
  }
  return text;
}

void close_socket(socket_t sock) {
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

// The client may still be sending when the server closes: the rest of refused
// headers, or a body refused with 413 before it was read (a client such as httplib's
// sends all of it before it reads the answer). Closing a socket with unread bytes
// resets the connection, and the client loses the answer: first say we are done, then
// read and drop what still comes, for a bounded time.
constexpr auto kDrainTime = std::chrono::seconds(1);
constexpr std::size_t kDrainMaxBytes = 64 << 20;

void close_gracefully(socket_t sock) {
  ::shutdown(sock, SHUT_WR);
  const auto until = std::chrono::steady_clock::now() + kDrainTime;
  std::size_t drained = 0;
  char buffer[16384];
  while (drained < kDrainMaxBytes && std::chrono::steady_clock::now() < until) {
    pollfd p{sock, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::recv(sock, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) break;
    if (n > 0) drained += static_cast<std::size_t>(n);
  }
  close_socket(sock);
}

}  // namespace

HttpServer::HttpServer(ConnectionLimits connections, StreamLimits stream)
    : table_(connections), stream_limits_(stream) {
  new_task_queue = [this] { return new Inline(*this); };
}

HttpServer::~HttpServer() { close_connections(); }

bool HttpServer::process_and_close_socket(socket_t sock) {
  join_finished();
  const auto id = table_.admit(sock, peer_address(sock));
  if (!id) {
    // The answer fits the socket's buffer: never wait for this client.
    const std::string answer =
        refusal_response(503, "too many connections from this client (the limit is " +
                                  std::to_string(table_.limits().max_per_client) + ", and " +
                                  std::to_string(table_.limits().max_total) +
                                  " in all) and all of them busy; try again");
    ::send(sock, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    close_socket(sock);
    return false;
  }
  std::lock_guard lock(threads_mutex_);
  threads_.emplace(*id, std::thread([this, sock, id = *id] { serve_connection(sock, id); }));
  return true;
}

void HttpServer::serve_connection(socket_t sock, ConnectionTable::Id id) {
  BoundedStream stream(sock, stream_limits_,
                       [this, id](bool waiting) { return table_.set_waiting(id, waiting); });
  // As httplib's own loop: at most keep_alive_max_count_ requests per connection.
  for (std::size_t left = keep_alive_max_count_; left > 0 && svr_sock_ != INVALID_SOCKET; --left) {
    if (!stream.begin_request()) break;
    bool closed_by_client = false;
    if (!process_request(stream, left == 1, closed_by_client, nullptr) || closed_by_client) break;
  }
  table_.remove(id);  // before close(): the table must never shut down a reused fd
  if (stream.peer_closed()) {
    close_socket(sock);
  } else {
    close_gracefully(sock);
  }
  std::lock_guard lock(threads_mutex_);
  finished_.push_back(id);
}

void HttpServer::join_finished() {
  std::vector<std::thread> done;
  {
    std::lock_guard lock(threads_mutex_);
    for (ConnectionTable::Id id : finished_) {
      auto it = threads_.find(id);
      if (it == threads_.end()) continue;  // joined by close_connections()
      done.push_back(std::move(it->second));
      threads_.erase(it);
    }
    finished_.clear();
  }
  for (auto& t : done) t.join();
}

void HttpServer::close_connections() {
  table_.close();
  std::unordered_map<ConnectionTable::Id, std::thread> all;
  {
    std::lock_guard lock(threads_mutex_);
    all.swap(threads_);
    finished_.clear();
  }
  for (auto& [id, t] : all) t.join();
}

}  // namespace orgsim::serve
