#pragma once
// Runs the orgsim binary (ORGSIM_BINARY) as a child process, for tests that need a
// real process: one to kill with SIGKILL, or one whose exit code and output matter.
// fork + exec + waitpid, with stdout and stderr going to files.

#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace orgsim::testing {

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
  // Everything the child needs is prepared before fork: after it, only
  // async-signal-safe calls (open, dup2, execv, _exit).
  std::vector<std::string> words{program};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
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

inline std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The result of running orgsim to completion.
struct RunResult {
  int code = -1;  ///< exit code; -1 if killed by a signal
  std::string out;
  std::string err;
};

/// Runs ORGSIM_BINARY with `args` to completion; its output goes through files in
/// `scratch` (a folder that exists).
inline RunResult run_orgsim(const std::vector<std::string>& args,
                            const std::filesystem::path& scratch) {
  const auto out = scratch / "child.stdout";
  const auto err = scratch / "child.stderr";
  const ChildExit e = wait_child(start_child(ORGSIM_BINARY, args, out, err));
  RunResult r{e.signaled ? -1 : e.code, read_whole_file(out), read_whole_file(err)};
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

}  // namespace orgsim::testing
