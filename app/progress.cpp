#include "app/progress.hpp"

#include <cmath>
#include <cstdio>

namespace orgsim::app {

namespace {

// A terminal is redrawn at most this often (seconds).
constexpr double kRedrawInterval = 0.1;

std::string errors_text(std::size_t errors) {
  return std::to_string(errors) + (errors == 1 ? " error" : " errors");
}

std::string printf_text(const char* format, double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string duration_text(double s) {
  if (s < 10) return printf_text("%.1f s", s);
  if (s < 120) return printf_text("%.0f s", s);
  if (s < 7200) return printf_text("%.0f min", s / 60);
  return printf_text("%.1f h", s / 3600);
}

}  // namespace

std::string progress_line(std::size_t done, std::size_t total, std::size_t errors,
                          double elapsed_s) {
  std::string line = "batch: " + std::to_string(done) + "/" + std::to_string(total) + " done, " +
                     errors_text(errors);
  if (done == 0 || elapsed_s <= 0) return line;
  const double rate = static_cast<double>(done) / elapsed_s;
  line += rate >= 10 ? printf_text(", %.0f/s", rate) : printf_text(", %.1f/s", rate);
  return line + ", ETA " + duration_text(static_cast<double>(total - done) / rate);
}

BatchProgress::BatchProgress(std::ostream& err, ProgressMode mode, std::size_t total,
                             double interval_s, std::function<double()> clock)
    : err_(err), mode_(mode), total_(total), interval_s_(interval_s), clock_(std::move(clock)) {
  start_ = last_print_ = clock_();
}

void BatchProgress::done(bool ok) {
  ++done_;
  if (!ok) ++errors_;
  if (mode_ == ProgressMode::kOff) return;
  const double now = clock_();
  const double interval = mode_ == ProgressMode::kTerminal ? kRedrawInterval : interval_s_;
  if (now - last_print_ < interval) return;
  last_print_ = now;
  print(progress_line(done_, total_, errors_, now - start_));
}

void BatchProgress::finish() {
  if (mode_ == ProgressMode::kOff) return;
  print("batch: " + std::to_string(done_) + "/" + std::to_string(total_) + " done, " +
        errors_text(errors_) + ", in " + duration_text(clock_() - start_));
  if (mode_ == ProgressMode::kTerminal) err_ << "\n";
  err_.flush();
}

void BatchProgress::print(const std::string& line) {
  if (mode_ == ProgressMode::kTerminal) {
    err_ << "\r" << line << "\x1b[K" << std::flush;  // ESC[K clears the rest of the old line
  } else {
    err_ << line << "\n" << std::flush;
  }
}

}  // namespace orgsim::app
