#pragma once
// One server connection as cpp-httplib reads and writes it, with the limits
// httplib 0.11 lacks: a total deadline for a request's headers and body (its own
// timeout is per recv(), so a client sending a byte now and then is never dropped),
// and a cap on the bytes and lines of the headers (it reads headers of any size).
// Include from serve/*.cpp only: it brings in httplib.h.

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace orgsim::serve {

/// What one request may take of the connection.
struct StreamLimits {
  std::size_t max_header_bytes = 32 * 1024;  ///< request line and headers together: 431
  std::size_t max_header_lines = 100;        ///< header fields (the request line not counted): 431
  std::chrono::milliseconds request_timeout{10'000};  ///< headers and body in all: 408
};

/// A connected socket as an httplib::Stream. Call begin_request() before each request;
/// from then, its headers and body must arrive within `request_timeout`, and writing
/// its answer gets as long again. A connection idle for that long is closed without
/// an answer. A refusal (408, 431, 503) is written here, as JSON, and every later read
/// or write fails, so httplib closes the connection.
class BoundedStream final : public httplib::Stream {
 public:
  /// `on_waiting(true)` is called at begin_request(), `on_waiting(false)` when the
  /// headers are complete; it returns false when the connection was dropped to make
  /// room for another (serve/connection_table.hpp): the request is then refused (503).
  BoundedStream(socket_t sock, StreamLimits limits, std::function<bool(bool)> on_waiting);

  /// Starts the clock for the next request. False if the connection is closing.
  bool begin_request();
  /// A refusal was written, or the peer closed: nothing more to do.
  bool closing() const { return closing_; }
  /// The client closed its side (or the connection was dropped): nothing left to read.
  bool peer_closed() const { return peer_closed_; }
  /// The status of the refusal written here (408, 431, 503); 0 if none.
  int refused_status() const { return refused_status_; }

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }

 private:
  using Clock = std::chrono::steady_clock;

  /// Waits (until `deadline`) for the socket to be ready for `events`; false on timeout.
  bool wait(short events, Clock::time_point deadline) const;
  /// Reads more bytes into the buffer. False at end of stream, timeout or error.
  bool fill();
  /// Counts the header bytes among the next `n` buffered ones; returns how many of
  /// them to hand out (up to the end of the headers), 0 after a refusal.
  std::size_t count_header_bytes(std::size_t n);
  /// Writes a JSON error answer with `status` and closes the stream for reading.
  void refuse(int status, const std::string& message);

  socket_t sock_;
  StreamLimits limits_;
  std::function<bool(bool)> on_waiting_;
  char buffer_[4096];
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  Clock::time_point read_deadline_;
  Clock::time_point write_deadline_;
  bool writing_ = false;
  bool in_headers_ = true;
  std::size_t header_bytes_ = 0;
  std::size_t header_lines_ = 0;
  int blank_line_state_ = 0;  ///< how much of "\r\n\r\n" the last bytes matched
  bool started_ = false;      ///< a byte of this request has arrived
  bool closing_ = false;
  bool peer_closed_ = false;
  int refused_status_ = 0;
};

/// The JSON error answer of `status` with `message`, as a whole HTTP/1.1 response
/// that closes the connection (for refusals written outside httplib).
std::string refusal_response(int status, const std::string& message);

}  // namespace orgsim::serve
