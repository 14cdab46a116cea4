#include <unistd.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <optional>

#include "app/load_input.hpp"
#include "app/output_guard.hpp"
#include "app/pictures.hpp"
#include "app/run.hpp"
#include "app/run_report.hpp"
#include "cli/commands.hpp"
#include "common/atomic_file.hpp"
#include "common/printable.hpp"

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

namespace {
// "monte carlo: 300/1000 samples", redrawn on a terminal at most every 0.2 s and
// erased at the end; nothing when stderr is not a terminal (logs stay clean).
class SampleProgress {
 public:
  SampleProgress(std::ostream& err, std::size_t total, bool terminal)
      : err_(err), total_(total), terminal_(terminal), last_(Clock::now()) {}
  void operator()(std::size_t done) {
    if (!terminal_ || done == total_) return;
    const auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    shown_ = true;
    err_ << "\rmonte carlo: " << done << "/" << total_ << " samples\x1b[K" << std::flush;
  }
  ~SampleProgress() {
    if (shown_) err_ << "\r\x1b[K" << std::flush;
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& err_;
  std::size_t total_;
  bool terminal_;
  bool shown_ = false;
  Clock::time_point last_;
};
}  // namespace

int run_run(const RunOptions& options, std::ostream& out, std::ostream& err) {
  // Refuse an unknown picture format and bad sampling options before any work.
  for (const auto& file : options.render) viz::format_from_path(file);
  RunRequest request;
  request.steps = options.steps;
  request.static_mode = options.static_mode;
  request.top = options.top;
  request.paths = options.paths;
  request.record_roles = options.json.has_value();
  if (options.samples) {
    sim::MonteCarloParams& sampling = request.sampling.emplace();
    sampling.samples = *options.samples;
    sampling.seed = options.seed;
    sampling.jobs = options.jobs;
    sampling.threshold = options.threshold;
  }
  validate(request);
  LoadedInput in = load_input(options.scenario, options.input, err);
  if (options.json) refuse_overwriting_inputs(*options.json, in.scenario, "--json");
  for (const auto& file : options.render) refuse_overwriting_inputs(file, in.scenario, "--render");

  const bool terminal = ::isatty(2) == 1;
  std::optional<SampleProgress> progress;
  if (request.sampling && terminal) {
    progress.emplace(err, request.sampling->samples, terminal);
    request.on_sample = std::ref(*progress);
  }
  const RunResult report = run_scenario(std::move(in.scenario), request, std::move(in.warnings));
  progress.reset();  // erases the progress line

  const bool json_to_stdout = options.json && options.json->string() == "-";
  if (json_to_stdout) {
    out << run_report_json(report);
  } else {
    print_run_report(report, out);
  }
  // With JSON on stdout, keep stdout pure: file notices go to stderr.
  std::ostream& notices = json_to_stdout ? err : out;
  if (!options.render.empty() || (options.json && !json_to_stdout)) notices << "\n";
  // The table first when a file is /dev/stdout, written straight to descriptor 1.
  out << std::flush;
  if (options.json && !json_to_stdout) {
    write_file_atomically(*options.json, run_report_json(report));
    notices << "Wrote " << printable_path(*options.json) << "\n";
  }
  if (!options.render.empty()) render_impact(report, options.render, options.full, notices, err);
  return kExitOk;
}

}  // namespace orgsim::cli
