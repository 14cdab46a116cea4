#include "serve/bounded_stream.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "serve/api.hpp"

namespace orgsim::serve {

namespace {

const char* reason(int status) {
  switch (status) {
    case 408:
      return "Request Timeout";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    ::inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    ::inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
    port = ntohs(a.sin6_port);
  }
  ip = text;
}

std::string seconds_text(std::chrono::milliseconds ms) {
  const auto n = ms.count();
  return n % 1000 == 0 ? std::to_string(n / 1000) + " s" : std::to_string(n) + " ms";
}

}  // namespace

std::string refusal_response(int status, const std::string& message) {
  const std::string body = error_response(RequestError(status, message)).body;
  return "HTTP/1.1 " + std::to_string(status) + " " + reason(status) +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n" + body;
}

BoundedStream::BoundedStream(socket_t sock, StreamLimits limits,
                             std::function<bool(bool)> on_waiting)
    : sock_(sock), limits_(limits), on_waiting_(std::move(on_waiting)) {}

bool BoundedStream::begin_request() {
  if (closing_ || !on_waiting_(true)) return false;
  read_deadline_ = Clock::now() + limits_.request_timeout;
  writing_ = false;
  in_headers_ = true;
  header_bytes_ = 0;
  header_lines_ = 0;
  blank_line_state_ = 0;
  started_ = pos_ < end_;  // a pipelined request already arrived
  return true;
}

bool BoundedStream::wait(short events, Clock::time_point deadline) const {
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{sock_, events, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 60'000)));
    if (r > 0) return true;  // ready, or an error the next recv/send reports
    if (r < 0 && errno != EINTR) return false;
  }
}

bool BoundedStream::fill() {
  for (;;) {
    if (!wait(POLLIN, read_deadline_)) {
      if (started_) {
        refuse(408, "request timeout: the headers and body of a request must arrive within " +
                        seconds_text(limits_.request_timeout));
      } else {
        closing_ = true;  // an idle connection: closed without an answer
      }
      return false;
    }
    const ssize_t n = ::recv(sock_, buffer_, sizeof buffer_, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
    if (n <= 0) {
      // The end of the stream: the client closed, or the connection was dropped for a
      // newer one of the same client (ConnectionTable shuts it down for reading).
      if (started_ && in_headers_ && !on_waiting_(true)) {
        refuse(503,
               "too many connections from this client: this one waited longest for its "
               "request and was closed to let a new one in");
      }
      closing_ = true;
      peer_closed_ = true;
      return false;
    }
    pos_ = 0;
    end_ = static_cast<std::size_t>(n);
    started_ = true;
    return true;
  }
}

std::size_t BoundedStream::count_header_bytes(std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const char c = buffer_[pos_ + i];
    ++header_bytes_;
    if (c == '\n') ++header_lines_;
    // "\r\n\r\n" ends the headers (httplib 0.11 takes no bare "\n" as a line end).
    constexpr char kEnd[] = "\r\n\r\n";
    blank_line_state_ = c == kEnd[blank_line_state_] ? blank_line_state_ + 1 : (c == '\r');
    if (header_bytes_ > limits_.max_header_bytes) {
      refuse(431, "request header fields too large: more than " +
                      std::to_string(limits_.max_header_bytes) + " bytes (the limit)");
      return 0;
    }
    // The request line and the blank line that ends the headers are not fields.
    if (header_lines_ > limits_.max_header_lines + 2) {
      refuse(431, "request header fields too large: more than " +
                      std::to_string(limits_.max_header_lines) + " header fields (the limit)");
      return 0;
    }
    if (blank_line_state_ == 4) {
      in_headers_ = false;
      if (!on_waiting_(false)) {
        refuse(503,
               "too many connections from this client: this one was closed to let a "
               "new one in");
        return 0;
      }
      return i + 1;
    }
  }
  return n;
}

ssize_t BoundedStream::read(char* ptr, size_t size) {
  if (closing_) return -1;
  if (pos_ == end_ && !fill()) return closing_ && refused_status_ != 0 ? -1 : 0;
  std::size_t n = std::min(size, end_ - pos_);
  if (in_headers_) {
    n = count_header_bytes(n);
    if (n == 0) return -1;
  }
  std::memcpy(ptr, buffer_ + pos_, n);
  pos_ += n;
  return static_cast<ssize_t>(n);
}

bool BoundedStream::is_readable() const {
  return !closing_ && (pos_ < end_ || wait(POLLIN, read_deadline_));
}

bool BoundedStream::is_writable() const {
  return !closing_ &&
         wait(POLLOUT, writing_ ? write_deadline_ : Clock::now() + limits_.request_timeout);
}

ssize_t BoundedStream::write(const char* ptr, size_t size) {
  if (closing_) return -1;
  if (!writing_) {
    writing_ = true;
    write_deadline_ = Clock::now() + limits_.request_timeout;
  }
  for (;;) {
    if (!wait(POLLOUT, write_deadline_)) return -1;
    const ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
    return n;
  }
}

void BoundedStream::refuse(int status, const std::string& message) {
  refused_status_ = status;
  const std::string response = refusal_response(status, message);
  closing_ = false;  // write() below must go out
  writing_ = true;
  write_deadline_ = Clock::now() + std::chrono::seconds(1);  // a short answer, or nothing
  for (std::size_t done = 0; done < response.size();) {
    const ssize_t n = write(response.data() + done, response.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  closing_ = true;
}

void BoundedStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    address_of(addr, ip, port);
  }
}

void BoundedStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    address_of(addr, ip, port);
  }
}

}  // namespace orgsim::serve
