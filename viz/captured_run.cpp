#include "viz/captured_run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "common/errors.hpp"

namespace orgsim::viz {

namespace {

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

[[noreturn]] void fail(const std::string& what, const std::string& why) {
  throw Error("cannot run Graphviz for " + what + ": " + why + ": " + std::strerror(errno));
}

bool write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    ssize_t k = ::write(fd, p, n);
    if (k < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += k;
    n -= static_cast<std::size_t>(k);
  }
  return true;
}

std::string read_file(int fd) {
  std::string text;
  char buf[4096];
  ::lseek(fd, 0, SEEK_SET);
  for (ssize_t k; (k = ::read(fd, buf, sizeof buf)) > 0;)
    text.append(buf, static_cast<std::size_t>(k));
  return text;
}

// In process: fd 2 goes to a temporary file until destruction.
class StderrToFile {
 public:
  explicit StderrToFile(const std::string& what) {
    std::fflush(stderr);
    file_ = std::tmpfile();
    if (file_ == nullptr) fail(what, "no temporary file for its messages");
    saved_.reset(::dup(STDERR_FILENO));
    if (saved_.get() < 0 || ::dup2(::fileno(file_), STDERR_FILENO) < 0) {
      std::fclose(file_);
      fail(what, "cannot redirect stderr");
    }
  }
  ~StderrToFile() {
    std::fflush(stderr);
    ::dup2(saved_.get(), STDERR_FILENO);
    std::fclose(file_);
  }
  StderrToFile(const StderrToFile&) = delete;
  StderrToFile& operator=(const StderrToFile&) = delete;
  std::string text() {
    std::fflush(stderr);
    return read_file(::fileno(file_));
  }

 private:
  std::FILE* file_ = nullptr;
  Fd saved_;
};

CapturedRun run_here(const std::function<bool(std::string&)>& work, const std::string& what) {
  CapturedRun run;
  StderrToFile capture(what);
  try {
    run.ok = work(run.output);
  } catch (...) {
    run.messages = capture.text();
    throw;
  }
  run.messages = capture.text();
  return run;
}

[[noreturn]] void child(const std::function<bool(std::string&)>& work, int out_fd, int err_fd) {
  ::dup2(err_fd, STDERR_FILENO);
  int code = 1;
  try {
    std::string out;
    code = work(out) ? 0 : 1;
    if (!write_all(out_fd, out.data(), out.size())) code = 1;
  } catch (const std::exception& e) {
    std::string msg = std::string("Error: ") + e.what() + "\n";
    write_all(STDERR_FILENO, msg.data(), msg.size());
  } catch (...) {
    write_all(STDERR_FILENO, "Error: unknown failure\n", 23);
  }
  std::fflush(stderr);
  ::_exit(code);  // no atexit handlers or destructors: they belong to the parent
}

CapturedRun run_forked(const std::function<bool(std::string&)>& work, const RunLimits& limits,
                       const std::string& what) {
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) fail(what, "pipe failed");
  Fd out_read(out_pipe[0]), out_write(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) fail(what, "pipe failed");
  Fd err_read(err_pipe[0]), err_write(err_pipe[1]);
  std::fflush(nullptr);  // the child must not inherit unwritten buffers
  pid_t pid = ::fork();
  if (pid < 0) fail(what, "fork failed");
  if (pid == 0) child(work, out_write.get(), err_write.get());
  out_write.reset();
  err_write.reset();

  CapturedRun run;
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::seconds(limits.timeout_seconds);
  pollfd fds[2] = {{out_read.get(), POLLIN, 0}, {err_read.get(), POLLIN, 0}};
  std::string* sinks[2] = {&run.output, &run.messages};
  int open_fds = 2;
  bool timed_out = false;
  char buf[65536];
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    int n = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (n < 0 && errno != EINTR) break;
    for (int i = 0; i < 2 && n > 0; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t k = ::read(fds[i].fd, buf, sizeof buf);
      if (k > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(k));
      } else if (k == 0 || (errno != EINTR && errno != EAGAIN)) {
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    throw Error("Graphviz did not finish " + what + " within " +
                std::to_string(limits.timeout_seconds) +
                " s and was stopped; try a smaller picture (collapse more roles) or .dot");
  }
  if (WIFSIGNALED(status)) {
    std::string detail = run.messages.empty() ? "" : ": " + run.messages;
    while (!detail.empty() && detail.back() == '\n') detail.pop_back();
    throw Error("Graphviz crashed (" + std::string(strsignal(WTERMSIG(status))) + ") while " +
                what + detail);
  }
  run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return run;
}

}  // namespace

CapturedRun run_captured(const std::function<bool(std::string& out)>& work, const RunLimits& limits,
                         const std::string& what) {
  return limits.isolate ? run_forked(work, limits, what) : run_here(work, what);
}

}  // namespace orgsim::viz
