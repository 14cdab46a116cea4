// orgsim serve: load the model (and starting scenario) once, then serve the what-if
// page and its JSON API until Ctrl-C; with --edit, the model editor instead.
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "app/load_input.hpp"
#include "app/model_edit.hpp"
#include "app/pictures.hpp"
#include "cli/commands.hpp"
#include "common/errors.hpp"
#include "serve/api.hpp"
#include "serve/edit_api.hpp"
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

// Serves until Ctrl-C or SIGTERM: binds `server`, prints its URL after `banner`, opens
// the browser if asked.
int serve_until_stopped(serve::Server& server, const ServeOptions& options,
                        const std::string& banner, std::ostream& out, std::ostream& err) {
  // Ctrl-C and SIGTERM go to one waiting thread (blocked everywhere else, including
  // the server's workers, which inherit this mask), which stops the server.
  sigset_t stop_signals, previous;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
  ::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not end the server

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
  out << "orgsim serve: " << banner << " at " << server.page_url() << "\nPress Ctrl-C to stop.\n"
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

serve::ServerOptions server_options(const ServeOptions& options) {
  serve::ServerOptions server_options;
  server_options.host = options.host;
  server_options.port = options.port;
  server_options.require_token = !options.no_token;
  return server_options;
}

// `orgsim serve MODEL --edit`: the editor's model is MODEL as loaded and validated (its
// errors stop the start, as for `orgsim validate`), or an empty one for a new file.
int run_edit(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  const fs::path& file = options.model;
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  nlohmann::json start;
  std::string banner;
  if (fs::exists(status)) {
    if (!fs::is_regular_file(status)) {
      throw InvalidArgument("--edit: '" + file.string() + "' is not a file");
    }
    LoadedInput in = load_input(file, options.input, err);
    const model::Scenario& s = in.scenario;
    if (!s.file.empty()) {
      throw InvalidArgument("--edit: '" + file.string() +
                            "' is a scenario; give its model file to edit the model");
    }
    if (!s.model.table_files.empty() || !s.model.uncertain.empty()) {
      throw InvalidArgument("--edit: '" + file.string() + "' " +
                            (s.model.table_files.empty() ? "has uncertain values (distributions)"
                                                         : "reads its lists from CSV tables") +
                            ", which the editor cannot keep: edit the file in a text editor");
    }
    start = edit_model_json(s.model);
    banner = "editing " + file.filename().string() + " (" + std::to_string(s.model.role_count()) +
             " roles)";
    err << "orgsim serve: note: Save rewrites " << file.string()
        << " in orgsim's own layout; comments in it are not kept\n";
  } else {
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec)) {
      throw InvalidArgument("--edit: cannot save '" + file.string() + "': folder '" +
                            folder.string() + "' does not exist");
    }
    start = empty_edit_model(file.stem().string());
    banner = "editing " + file.filename().string() + " (new file, written on Save)";
  }
  serve::EditApi edit(std::move(start), {.model_file = file});
  serve::Server server(edit, server_options(options));
  return serve_until_stopped(server, options, banner, out, err);
}

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  serve::check_host(options.host);  // before the model is loaded: a usage error, exit 2
  if (options.edit) return run_edit(options, out, err);
  LoadedInput in = load_model_and_scenario(options.model, options.scenario, options.input, err);
  model::Scenario& start = in.scenario;

  serve::ApiOptions api_options;
  api_options.model_file = fs::absolute(start.model.file).lexically_normal();
  const std::string model_name = start.model.name;
  const std::size_t roles = start.model.role_count();
  serve::Api api(std::move(start), process_renderer(), api_options);

  serve::Server server(api, server_options(options));
  return serve_until_stopped(server, options,
                             (model_name.empty() ? std::string("model") : model_name) + " (" +
                                 std::to_string(roles) + " roles)",
                             out, err);
}

}  // namespace orgsim::cli
