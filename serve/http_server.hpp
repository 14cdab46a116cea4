#pragma once
// cpp-httplib's server with the connection handling replaced: one thread per
// connection, admitted by a ConnectionTable (caps per client and in all), and read
// through a BoundedStream (a total deadline per request, bounded headers).
// Include from serve/*.cpp only: it brings in httplib.h.
//
// Why hand-written: httplib 0.11 hands each accepted socket to a fixed pool of
// workers, each of which then waits on its client with a per-recv() timeout and
// reads headers of any size. 64 clients sending a byte every few seconds held every
// worker, and nobody else was served. Its routing, parsing and answers are kept:
// only the socket loop (process_and_close_socket, which it declares virtual) is ours.

#include <httplib.h>

#include <cstddef>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "serve/bounded_stream.hpp"
#include "serve/connection_table.hpp"

namespace orgsim::serve {

class HttpServer : public httplib::Server {
 public:
  HttpServer(ConnectionLimits connections, StreamLimits stream);
  ~HttpServer() override;

  /// httplib 0.11 listens with a backlog of 5: a burst of 50 clients connecting at
  /// once overflows it. A second listen() on its socket raises the backlog.
  bool raise_backlog(int backlog) { return ::listen(svr_sock_, backlog) == 0; }
  const ConnectionTable& connections() const { return table_; }

 private:
  // Runs httplib's accept loop's tasks at once, on its thread: admission must not wait
  // behind busy workers.
  class Inline final : public httplib::TaskQueue {
   public:
    explicit Inline(HttpServer& server) : server_(server) {}
    void enqueue(std::function<void()> fn) override { fn(); }
    void shutdown() override { server_.close_connections(); }

   private:
    HttpServer& server_;
  };

  /// Admits the socket and starts its thread, or answers 503 and closes it.
  bool process_and_close_socket(socket_t sock) override;
  /// The requests of one connection, until it closes, fails or the server stops.
  void serve_connection(socket_t sock, ConnectionTable::Id id);
  /// Joins the threads of connections that have ended.
  void join_finished();
  /// Drops waiting connections and joins every thread (the server stops).
  void close_connections();

  ConnectionTable table_;
  StreamLimits stream_limits_;
  std::mutex threads_mutex_;
  std::unordered_map<ConnectionTable::Id, std::thread> threads_;
  std::vector<ConnectionTable::Id> finished_;
};

}  // namespace orgsim::serve
