#pragma once
// Programs run as child processes, for tests that need a real process: one to kill
// with SIGKILL, or one whose exit code and output matter. fork + exec + waitpid, with
// stdout and stderr going to files; between fork and exec only async-signal-safe calls
// (open, dup2, execv, _exit). serve_process.hpp starts `orgsim serve` the same way.

#include <fcntl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/files.hpp"

namespace orgsim::test {

/// `words` (program, then its arguments) as execv takes them: pointers into `words`,
/// then nullptr. Built before fork, since the child may not allocate.
inline std::vector<char*> exec_argv(std::vector<std::string>& words) {
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  return argv;
}

/// How a child ended: its exit code, or the signal that killed it.
struct ChildExit {
  bool signaled = false;
  int code = -1;   ///< exit code when !signaled
  int signal = 0;  ///< the signal when signaled
};

/// Starts `program args...` with stdout and stderr written to the given files
/// (created or truncated). Returns the child's pid; -1 if fork failed.
inline pid_t start_child(const std::string& program, const std::vector<std::string>& args,
                         const std::filesystem::path& out, const std::filesystem::path& err) {
  std::vector<std::string> words{program};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv = exec_argv(words);
  const std::string out_path = out.string();
  const std::string err_path = err.string();
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out_fd < 0 || err_fd < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) ::_exit(126);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

/// Waits for `pid` to end.
inline ChildExit wait_child(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return {};
  }
  ChildExit e;
  if (WIFSIGNALED(status)) {
    e.signaled = true;
    e.signal = WTERMSIG(status);
  } else if (WIFEXITED(status)) {
    e.code = WEXITSTATUS(status);
  }
  return e;
}

/// The result of running a program to completion.
struct RunResult {
  int code = -1;  ///< exit code; -1 if killed by a signal
  std::string out;
  std::string err;
};

/// Runs `program args...` to completion (e.g. run_child(ORGSIM_BINARY, {"validate", f},
/// dir)); its output goes through files in `scratch` (a folder that exists).
inline RunResult run_child(const std::string& program, const std::vector<std::string>& args,
                           const std::filesystem::path& scratch) {
  const auto out = scratch / "child.stdout";
  const auto err = scratch / "child.stderr";
  const ChildExit e = wait_child(start_child(program, args, out, err));
  RunResult r{e.signaled ? -1 : e.code, read_file(out), read_file(err)};
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

}  // namespace orgsim::test
