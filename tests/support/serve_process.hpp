#pragma once
// `orgsim serve` as a child process on a free port of 127.0.0.1, for the hostile-JSON
// tests (tests/serve/hostile_json_test.cpp) and the load test (bench/serve_load.cpp):
// the real binary with its signal handling and one Graphviz context, and a process of
// its own whose memory (VmRSS) can be read apart from the clients'.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace orgsim::test {

/// A running `orgsim serve`: started by the constructor, stopped (SIGTERM) by stop()
/// or the destructor.
class ServeProcess {
 public:
  /// Starts `binary serve <args...> --port 0` and waits (up to `timeout_seconds`) for
  /// its "at http://127.0.0.1:PORT/?token=TOKEN" line (no "?token=" with --no-token).
  /// Throws std::runtime_error if it exits or never prints one.
  ServeProcess(const std::string& binary, const std::vector<std::string>& args,
               int timeout_seconds = 30) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> words = {binary, "serve"};
    words.insert(words.end(), args.begin(), args.end());
    words.insert(words.end(), {"--port", "0"});
    std::vector<char*> argv = exec_argv(words);
    // fork + exec rather than posix_spawn: the child asks for SIGTERM when this
    // process ends, so a crashed or killed client leaves no server behind. Only
    // async-signal-safe calls between fork and exec.
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() != parent) ::_exit(127);
      ::dup2(out[1], STDOUT_FILENO);
      ::execv(binary.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    if (pid_ < 0) {
      ::close(out[0]);
      throw std::runtime_error("cannot start " + binary);
    }
    out_fd_ = out[0];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    std::string text;
    while (port_ == 0) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd p{out_fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buf[512];
      const ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n <= 0) break;
      text.append(buf, static_cast<std::size_t>(n));
      const std::string marker = "at http://127.0.0.1:";
      // The port and the token once the whole line has arrived.
      if (auto at = text.find(marker); at != std::string::npos) {
        const auto end = text.find('\n', at);
        if (end == std::string::npos) continue;
        const std::string url = text.substr(at + marker.size(), end - at - marker.size());
        const std::string query = "/?token=";
        if (const auto q = url.find(query); q != std::string::npos) {
          token_ = url.substr(q + query.size());
        }
        port_ = std::atoi(url.c_str());
      }
    }
    if (port_ == 0) {
      stop();
      throw std::runtime_error("orgsim serve did not start; it printed: " + text);
    }
  }
  ~ServeProcess() { stop(); }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  /// The token its API needs (send it as X-Orgsim-Token); empty with --no-token.
  const std::string& token() const { return token_; }
  pid_t pid() const { return pid_; }
  /// False once the server has exited (it must not, whatever a client sends).
  bool alive() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_status_ = status;
      pid_ = -1;
      return false;
    }
    return true;
  }
  /// The server's resident memory in KiB (VmRSS of /proc/<pid>/status), 0 if gone.
  long rss_kib() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    }
    return 0;
  }
  /// SIGTERM, then waits; returns the wait status (-1 if it had already gone).
  int stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      exit_status_ = status;
      pid_ = -1;
    }
    if (out_fd_ >= 0) {
      ::close(out_fd_);
      out_fd_ = -1;
    }
    return exit_status_;
  }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int port_ = 0;
  std::string token_;
  int exit_status_ = -1;
};

}  // namespace orgsim::test
