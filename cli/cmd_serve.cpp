// orgsim serve: load the model (and starting scenario) once, then serve the what-if
// page and its JSON API until Ctrl-C.
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <optional>
#include <thread>

#include "app/load_input.hpp"
#include "app/pictures.hpp"
#include "cli/commands.hpp"
#include "common/errors.hpp"
#include "serve/api.hpp"
#include "serve/server.hpp"

extern char** environ;

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

namespace {

namespace fs = std::filesystem;

// Opens `url` in the desktop's browser, without a shell: xdg-open gets it as one
// argument. Returns the child's pid, or nullopt if xdg-open could not be started.
std::optional<pid_t> open_browser(const std::string& url) {
  std::string program = "xdg-open";
  std::string arg = url;
  char* argv[] = {program.data(), arg.data(), nullptr};
  pid_t pid = 0;
  if (::posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) != 0) return std::nullopt;
  return pid;
}

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  serve::check_host(options.host);  // before the model is loaded: a usage error, exit 2
  LoadedInput in = load_model_and_scenario(options.model, options.scenario, options.input, err);
  model::Scenario& start = in.scenario;

  serve::ApiOptions api_options;
  api_options.model_file = fs::absolute(start.model.file).lexically_normal();
  const std::string model_name = start.model.name;
  const std::size_t roles = start.model.role_count();
  serve::Api api(std::move(start), process_renderer(), api_options);

  serve::ServerOptions server_options;
  server_options.host = options.host;
  server_options.port = options.port;
  server_options.require_token = !options.no_token;

  // Ctrl-C and SIGTERM go to one waiting thread (blocked everywhere else, including
  // the server's workers, which inherit this mask), which stops the server.
  sigset_t stop_signals, previous;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
  ::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not end the server

  serve::Server server(api, server_options);
  try {
    server.bind();
  } catch (...) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    throw;
  }
  if (!serve::is_loopback_host(options.host)) {
    err << "orgsim serve: warning: listening on " << options.host
        << ": other machines can reach this server"
        << (options.no_token ? ", and it has no login\n" : "; the token of its URL is its login\n");
  }
  if (options.no_token) {
    err << "orgsim serve: warning: --no-token: the API needs no token: any program or user "
           "that can reach the server can drive it\n";
  }
  out << "orgsim serve: " << (model_name.empty() ? "model" : model_name) << " (" << roles
      << " roles) at " << server.page_url() << "\nPress Ctrl-C to stop.\n"
      << std::flush;

  std::thread watcher([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.stop();
  });
  std::optional<pid_t> browser;
  if (options.open) {
    browser = open_browser(server.page_url());
    if (!browser) {
      err << "orgsim serve: could not start xdg-open; open " << server.page_url() << "\n";
    }
  }
  server.listen();
  // Wake the watcher if the server stopped on its own.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  if (browser) ::waitpid(*browser, nullptr, WNOHANG);
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  out << "orgsim serve: stopped\n";
  return kExitOk;
}

}  // namespace orgsim::cli
